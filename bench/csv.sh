#!/usr/bin/env bash
# CSV loading benchmark (not a test): generates CSV datasets that a careless author or an
# attacker could hand insikt, runs `insikt check` on a project holding each, and prints wall
# time and peak memory (RSS). Reading a CSV should be linear in its size and its peak memory
# a small multiple of it.
#
# Usage: bench/csv.sh [CASE ...]        default: every case
# Cases: wide      a header and 3 rows of 100,000 columns (no codebook: all are inferred
#                  counts, and the row `Totalt` is taken to be their total)
#        codebook  a header and 3 rows of 30,000 count columns, each in the codebook (a
#                  codebook's YAML may hold at most 250,000 nodes, about 35,000 fields)
#        large     a 50 MB CSV, 6 columns, about 1.1 million rows (with a codebook)
#        cell      one 10 MB cell on a single line
#        blank     1,000,000 empty lines between two rows
# Env:   WORK (default: a new temporary folder, removed afterwards), INSIKT (the binary;
#        default: target/release/insikt, built first), WIDE_COLUMNS (default 100000),
#        CODEBOOK_COLUMNS (default 30000), LARGE_MB (default 50).
# Needs: python3, GNU time (apt-get install time).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/time ] || { echo "GNU time missing: apt-get install time" >&2; exit 2; }
if [ -z "${INSIKT:-}" ]; then
  cargo build --release --quiet
  INSIKT=$PWD/target/release/insikt
fi
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(wide codebook large cell blank)
if [ -n "${WORK:-}" ]; then
  work=$WORK; mkdir -p "$work"
else
  work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fi

# project NAME: an empty report at $work/NAME; the CSV goes to data/t.csv.
project() {
  local dir=$work/$1
  rm -rf "$dir"; mkdir -p "$dir/content" "$dir/data"
  printf '[book]\ntitle = "CSV benchmark"\nlanguage = "sv"\n' >"$dir/book.toml"
  printf -- '---\ntitle: Start\n---\nText.\n' >"$dir/content/_index.md"
  echo "$dir"
}

generate() {
  local case=$1 dir=$2
  python3 - "$case" "$dir/data" "${WIDE_COLUMNS:-100000}" "${CODEBOOK_COLUMNS:-30000}" \
    "${LARGE_MB:-50}" <<'PY'
import random, sys
case, data = sys.argv[1], sys.argv[2]
wide, codebook, large_mb = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
rng = random.Random(10)
csv = open(f"{data}/t.csv", "w", encoding="utf-8", newline="")
yaml = None
if case in ("wide", "codebook"):
    names = [f"k{i:06d}" for i in range(wide if case == "wide" else codebook)]
    csv.write("kommun;" + ";".join(names) + "\n")
    for kommun in ["Arvika", "Kil", "Totalt"]:
        csv.write(kommun + ";" + ";".join(str(rng.randrange(0, 500)) for _ in names) + "\n")
    if case == "codebook":
        yaml = ["title: Bred\nfields:\n  - {name: kommun, type: string, total: Totalt}\n"]
        yaml += [f"  - {{name: {n}, type: integer, role: count}}\n" for n in names]
elif case == "large":
    kommuner = [f"Kommun {i}" for i in range(290)]
    csv.write("kommun;år;kön;ålder;antal;andel\n")
    size, target = 0, large_mb * 1_000_000
    while size < target:
        line = "{};{};{};{}–{};{};{},{}\n".format(
            rng.choice(kommuner), rng.randrange(2000, 2024), rng.choice(["kvinnor", "män"]),
            (a := rng.randrange(0, 90, 5)), a + 4, rng.randrange(0, 5000),
            rng.randrange(0, 100), rng.randrange(0, 10))
        csv.write(line)
        size += len(line.encode())
    yaml = ["title: Stor\ndecimal: \",\"\nfields:\n",
            "  - {name: kommun, type: string}\n  - {name: år, type: year}\n",
            "  - {name: kön, type: string, categories: [kvinnor, män]}\n",
            "  - {name: ålder, type: string}\n  - {name: antal, type: integer, role: count}\n",
            "  - {name: andel, type: number, unit: \"%\"}\n"]
elif case == "cell":
    csv.write("namn;text\na;" + "lorem ipsum " * 873_813 + "\n")
elif case == "blank":
    csv.write("namn;antal\na;10\n" + "\n" * 1_000_000 + "b;20\n")
else:
    sys.exit(f"unknown case {case}")
csv.close()
if yaml:
    open(f"{data}/t.yaml", "w", encoding="utf-8").write("".join(yaml))
PY
}

# measure OUT CMD...: runs CMD, its output to OUT; prints "wall_seconds cpu_seconds
# kilobytes status" (CPU = user + system: on a busy machine wall time says less).
measure() {
  local out=$1; shift
  local log; log=$(mktemp)
  local status=0
  /usr/bin/time -f '%e %U %S %M' -o "$log" "$@" >"$out" 2>&1 || status=$?
  read -r wall user sys kb < <(tail -n 1 "$log"); rm -f "$log"
  echo "$wall $(python3 -c "print(f'{$user + $sys:.2f}')") $kb $status"
}

# `check` reads the dataset and renders everything (the codebook page has a section and a
# chart per column); `read` is `insikt codebook --stdout`: reading the CSV (its codebook left
# aside: the column types are inferred) and printing a stub codebook.
printf '%-15s | %-31s | %s\n' '' 'insikt check' 'read (insikt codebook --stdout)'
printf '%-8s %6s | %7s %7s %8s %6s | %7s %7s %8s\n' case csv_MB \
  wall_s cpu_s peak_MB ratio wall_s cpu_s peak_MB
for case in "${cases[@]}"; do
  dir=$(project "$case")
  generate "$case" "$dir"
  bytes=$(stat -c %s "$dir/data/t.csv")
  read -r c_s c_cpu c_kb c_status < <(measure "$work/$case.check" "$INSIKT" check "$dir")
  read -r r_s r_cpu r_kb r_status < <(measure "$work/$case.read" \
    "$INSIKT" codebook "$dir/data/t.csv" --stdout)
  python3 - "$case" "$bytes" "$c_s" "$c_cpu" "$c_kb" "$r_s" "$r_cpu" "$r_kb" <<'PY'
import sys
case, size, c_s, c_cpu, c_kb, r_s, r_cpu, r_kb = sys.argv[1:]
size, c_kb, r_kb = int(size), int(c_kb), int(r_kb)
print(f"{case:<8} {size / 1e6:6.1f} | {c_s:>7} {c_cpu:>7} {c_kb / 1024:8.0f} {c_kb * 1024 / size:6.1f}"
      f" | {r_s:>7} {r_cpu:>7} {r_kb / 1024:8.0f}")
PY
  for run in check:"$c_status" read:"$r_status"; do
    [ "${run#*:}" -eq 0 ] || { echo "  $case: ${run%%:*} exited ${run#*:}:" >&2; head -n 20 "$work/$case.${run%%:*}" >&2; }
  done
done
