#!/usr/bin/env bash
# Build benchmark (not a test): builds the synthetic corpus with insikt, mdBook and Hugo
# side by side, in one run on one machine, and prints wall time and peak memory for each,
# with insikt's figures as ratios of Hugo's and mdBook's.
#
# Usage: bench/run.sh [PAGES ...]            default: 1000 10000
# Env:   CHART_EVERY (default 0; 1 for the chart-heavy corpus: a line chart on every page,
#        and the charts per second are printed), SKIP_MDBOOK=1 to leave out
#        mdBook (it needs minutes at 10,000 pages), WORK (default /tmp/insikt-bench).
# Needs: hugo (apt-get install hugo), mdbook (cargo install mdbook), GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${WORK:-/tmp/insikt-bench}
chart_every=${CHART_EVERY:-0}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)

command -v hugo >/dev/null || { echo "hugo missing: apt-get install hugo" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time missing: apt-get install time" >&2; exit 2; }
if [ -z "${SKIP_MDBOOK:-}" ] && ! command -v mdbook >/dev/null; then
  echo "mdbook missing: cargo install mdbook (or SKIP_MDBOOK=1)" >&2; exit 2
fi
cargo build --release --quiet
insikt=$PWD/target/release/insikt

# measure NAME DIR CMD...: runs CMD in DIR; prints "seconds kilobytes".
measure() {
  local dir=$1; shift
  local log; log=$(mktemp)
  (cd "$dir" && /usr/bin/time -f '%e %M' -o "$log" "$@" >/dev/null 2>&1) || {
    echo "command failed in $dir: $*" >&2; cat "$log" >&2; return 1; }
  tail -n 1 "$log"; rm -f "$log"
}

printf '%-7s %-8s %9s %10s\n' pages tool seconds peak_MB
for n in "${sizes[@]}"; do
  corpus=$work/corpus-$n
  python3 bench/make-corpus.py "$corpus" --pages "$n" --chart-every "$chart_every" >/dev/null
  # One warm-up run each so every tool reads from the page cache.
  rm -rf "$corpus/insikt/public" "$corpus/hugo/public"
  read -r i_s i_kb < <(measure "$corpus/insikt" "$insikt" build)
  # The disk discards freed blocks after rm; let that settle so it is not timed.
  rm -rf "$corpus/insikt/public"; sync; sleep 3
  read -r i_s i_kb < <(measure "$corpus/insikt" "$insikt" build)
  read -r h_s h_kb < <(measure "$corpus/hugo" hugo --quiet)
  rm -rf "$corpus/hugo/public"; sync; sleep 3
  read -r h_s h_kb < <(measure "$corpus/hugo" hugo --quiet)
  printf '%-7s %-8s %9s %10s\n' "$n" insikt "$i_s" $((i_kb / 1024))
  printf '%-7s %-8s %9s %10s\n' "$n" hugo "$h_s" $((h_kb / 1024))
  line="pages=$n insikt/hugo time=$(python3 -c "print(f'{$i_s/max($h_s,0.001):.3f}')") memory=$(python3 -c "print(f'{$i_kb/$h_kb:.3f}')")"
  if [ -z "${SKIP_MDBOOK:-}" ]; then
    read -r m_s m_kb < <(measure "$corpus/mdbook" mdbook build)
    printf '%-7s %-8s %9s %10s\n' "$n" mdbook "$m_s" $((m_kb / 1024))
    line="$line insikt/mdbook time=$(python3 -c "print(f'{$i_s/max($m_s,0.001):.4f}')") memory=$(python3 -c "print(f'{$i_kb/$m_kb:.3f}')")"
  fi
  if [ "$chart_every" -gt 0 ]; then
    charts=$(( (n + chart_every - 1) / chart_every ))
    line="$line charts=$charts insikt_charts_per_second=$(python3 -c "print(f'{$charts/max($i_s,0.001):.0f}')")"
  fi
  echo "$line"
done
