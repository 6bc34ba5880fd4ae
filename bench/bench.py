#!/usr/bin/env python3
"""Build benchmark (not a test): insikt side by side with Hugo and mdBook on the same corpus.

For every corpus size it prints, for each tool, the median over RUNS alternating runs of a
full build into a fresh folder (wall time, CPU time = user + system, peak memory), insikt's
figures as ratios of the others', and insikt's rebuild with nothing changed and after a
one-page edit (as a ratio of Hugo's full build). With --serve it also starts `insikt serve`
and times 10 one-page edits (and, on the chart corpus, 3 dataset edits) from the file write
until the server answers with the new version.

Usage: bench/bench.py [PAGES ...] [--runs N] [--charts [--distinct]] [--mdbook] [--serve] [--serve-only] [--insikt BIN]
  PAGES      corpus sizes (default: 1000 10000); 30000 for the linearity check
  --charts   the chart-heavy corpus (a line chart on every page, 20 datasets)
  --distinct with --charts: every chart's title names its page, so no two charts are the
             same (the generator repeats one chart per dataset, which insikt draws once)
  --mdbook   also mdBook beyond 1,000 pages (it needs many minutes at 10,000); at 1,000 and
             below it always runs
  --out DIR  every tool writes its site under DIR (e.g. /dev/shm/bench-out, to time the
             tools without the disk; see the README's Benchmark section on this machine's disk)
  --serve    time edits in `insikt serve`
  --serve-only  only the edits in `insikt serve` (no builds, no Hugo)
Needs hugo (apt-get install hugo), mdbook (cargo install mdbook), GNU time (/usr/bin/time).
Note the load average it prints: on a shared machine, compare CPU times.
"""
import argparse, os, shutil, socket, statistics, subprocess, sys, tempfile, time, urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))


def measure(cwd, cmd):
    """Runs cmd in cwd under GNU time: (wall s, cpu s, peak MB)."""
    with tempfile.NamedTemporaryFile("r") as log:
        subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", log.name] + cmd, cwd=cwd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        wall, user, system, kb = log.read().split("\n")[-2].split()
    return float(wall), float(user) + float(system), int(kb) / 1024


def fresh(path):
    """Removes a previous output and lets the disk settle, so that is not timed."""
    shutil.rmtree(path, ignore_errors=True)
    try:
        os.remove(os.path.join(os.path.dirname(path), f".{os.path.basename(path)}.insikt.manifest"))
    except FileNotFoundError:
        pass
    os.sync()
    time.sleep(2)


def median(runs):
    return tuple(statistics.median(r[k] for r in runs) for k in range(3))


def fmt(m):
    return f"{m[0]:8.2f} {m[1]:8.2f} {m[2]:8.0f}"


def ratio(a, b):
    return f"{a / max(b, 0.001):.3f}"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except OSError:
        return ""


def time_edits(port, path, url, count, addition, expect=None):
    """Appends addition(k) to `path` for k < count; per edit, ms until `url` shows it (or
    expect(k), when given)."""
    times = []
    with open(path, encoding="utf-8") as f:
        original = f.read()
    try:
        for k in range(count):
            added = addition(k)
            start = time.monotonic()
            with open(path, "w", encoding="utf-8") as f:
                f.write(original + added)
            wanted = expect(k) if expect else added.strip().splitlines()[-1]
            while wanted not in fetch(f"http://127.0.0.1:{port}/{url}"):
                if time.monotonic() - start > 300:
                    raise SystemExit(f"serve never showed the edit of {path}")
                time.sleep(0.005)
            times.append((time.monotonic() - start) * 1000)
            time.sleep(0.5)
    finally:
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
    return times


def serve_bench(insikt, corpus, charts):
    port = free_port()
    proc = subprocess.Popen([insikt, "serve", corpus, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        start = time.monotonic()
        while not fetch(f"http://127.0.0.1:{port}/__insikt/status").startswith(("1", "2")):
            if time.monotonic() - start > 600 or proc.poll() is not None:
                raise SystemExit("serve did not start")
            time.sleep(0.05)
        time.sleep(1)
        page = os.path.join(corpus, "content", "avsnitt-000", "sida-00001.md")
        url = "avsnitt-000/sida-00001/index.html"
        pages = time_edits(port, page, url, 10, lambda k: f"\n\nRedigering zq{k}x.\n")
        line = f"serve one-page edit ms: median {statistics.median(pages):.0f} (min {min(pages):.0f}, max {max(pages):.0f})"
        if charts:
            data = os.path.join(corpus, "data", "indikator-00.csv")
            # A dataset edit: a new year's rows, which the chart on page 0 then shows.
            rows = lambda k: "".join(f"{2030 + k},{m},12.{k}\n" for m in ("Karlstad", "Arvika", "Kil", "Torsby"))
            datas = time_edits(port, data, "data/indikator-00.csv", 3, rows, lambda k: f"{2030 + k},Torsby")
            line += f"; dataset edit ms: median {statistics.median(datas):.0f}"
        return line
    finally:
        proc.terminate()
        proc.wait()


def distinct_charts(content):
    """Makes every chart block of the insikt corpus under `content` unlike the others: its
    title names its page."""
    for folder, _, files in os.walk(content):
        for name in files:
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            marked = text.replace("\ntitle: Utveckling av indikator", f"\ntitle: {name[:-3]}, indikator")
            if marked != text:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(marked)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pages", nargs="*", type=int, default=[1000, 10000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--charts", action="store_true")
    ap.add_argument("--distinct", action="store_true")
    ap.add_argument("--out")
    ap.add_argument("--mdbook", action="store_true")
    ap.add_argument("--serve", action="store_true")
    ap.add_argument("--serve-only", action="store_true")
    ap.add_argument("--insikt", help="the insikt binary (default: cargo build --release)")
    ap.add_argument("--work", default=os.environ.get("WORK", "/tmp/insikt-bench"))
    args = ap.parse_args()
    if not args.serve_only and (not shutil.which("hugo") or not os.access("/usr/bin/time", os.X_OK)):
        sys.exit("needs hugo (apt-get install hugo) and GNU time (apt-get install time)")
    insikt = args.insikt
    if not insikt:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=os.path.dirname(HERE), check=True)
        insikt = os.path.join(os.path.dirname(HERE), "target", "release", "insikt")
    insikt = os.path.abspath(insikt)
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; runs: {args.runs}")
    print(f"{'pages':>6} {'tool':<22} {'wall_s':>8} {'cpu_s':>8} {'peak_MB':>8}")
    tens = {}
    for n in args.pages:
        kind = ("-charts" + ("-distinct" if args.distinct else "")) if args.charts else ""
        corpus = os.path.join(args.work, f"corpus-{n}{kind}")
        subprocess.run([sys.executable, os.path.join(HERE, "make-corpus.py"), corpus, "--pages", str(n),
                        "--chart-every", "1" if args.charts else "0"], check=True, stdout=subprocess.DEVNULL)
        if args.charts and args.distinct:
            distinct_charts(os.path.join(corpus, "insikt", "content"))
        ins, hug, mdb = (os.path.join(corpus, t) for t in ("insikt", "hugo", "mdbook"))
        if args.out:
            os.makedirs(args.out, exist_ok=True)
            ins_out, hug_out, mdb_out = (os.path.join(args.out, t) for t in ("insikt", "hugo", "mdbook"))
        else:
            ins_out, hug_out, mdb_out = os.path.join(ins, "public"), os.path.join(hug, "public"), os.path.join(mdb, "book")
        ins_build = [insikt, "build", "--output", ins_out]
        hug_build = ["hugo", "--quiet", "--destination", hug_out]
        mdb_build = ["mdbook", "build", "--dest-dir", mdb_out]
        if args.serve_only:
            print(f"pages={n} {serve_bench(insikt, ins, args.charts)}")
            continue
        with_mdbook = shutil.which("mdbook") and (n <= 1000 or args.mdbook)
        # A warm-up build each, so every tool reads its input from the page cache.
        measure(ins, ins_build)
        measure(hug, hug_build)
        runs = {"insikt": [], "hugo": [], "mdbook": []}
        for _ in range(args.runs):
            fresh(ins_out)
            runs["insikt"].append(measure(ins, ins_build))
            fresh(hug_out)
            runs["hugo"].append(measure(hug, hug_build))
            if with_mdbook:
                fresh(mdb_out)
                runs["mdbook"].append(measure(mdb, mdb_build))
        i, h = median(runs["insikt"]), median(runs["hugo"])
        unchanged = median([measure(ins, ins_build) for _ in range(args.runs)])
        page = os.path.join(ins, "content", "avsnitt-000", "sida-00001.md")
        edits = []
        for k in range(args.runs):
            with open(page, "a", encoding="utf-8") as f:
                f.write(f"\nÄndring {k}.\n")
            edits.append(measure(ins, ins_build))
        edited = median(edits)
        print(f"{n:>6} {'insikt':<22} {fmt(i)}")
        print(f"{n:>6} {'hugo':<22} {fmt(h)}")
        if with_mdbook:
            print(f"{n:>6} {'mdbook':<22} {fmt(median(runs['mdbook']))}")
        print(f"{n:>6} {'insikt, nothing changed':<22} {fmt(unchanged)}")
        print(f"{n:>6} {'insikt, one page edited':<22} {fmt(edited)}")
        line = (f"pages={n} insikt/hugo wall={ratio(i[0], h[0])} cpu={ratio(i[1], h[1])} memory={ratio(i[2], h[2])}"
                f" unchanged/hugo_full={ratio(unchanged[0], h[0])} one_edit/hugo_full={ratio(edited[0], h[0])}")
        if with_mdbook:
            m = median(runs["mdbook"])
            line += f" insikt/mdbook wall={ratio(i[0], m[0])} cpu={ratio(i[1], m[1])} memory={ratio(i[2], m[2])}"
        if args.charts:
            line += f" charts_per_second={n / max(i[0], 0.001):.0f}"
        size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(ins_out) for f in fs)
        index = os.path.getsize(os.path.join(ins_out, "search-index.js"))
        line += f" site_MB={size / 1e6:.0f} search_index_MB={index / 1e6:.2f}"
        print(line)
        tens[n] = i[0]
        if args.serve:
            print(f"pages={n} {serve_bench(insikt, ins, args.charts)}")
    if 10000 in tens and 30000 in tens:
        print(f"insikt 30k/10k wall={ratio(tens[30000], tens[10000])} (linear: 3.0)")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
