#!/usr/bin/env bash
# Navigation benchmark (not a test): N pages in ONE section, built with insikt; prints the
# output's size, the size of one page in the middle of the section, wall time and peak
# memory. A page's navigation lists a bounded window of its siblings, so the output should
# grow linearly with N, not with N².
#
# Usage: bench/one-section.sh [PAGES] [INSIKT]   defaults: 10000, target/release/insikt
# Env:   WORK (default /tmp/insikt-one-section). Needs GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-10000}
insikt=${2:-}
work=${WORK:-/tmp/insikt-one-section}
[ -x /usr/bin/time ] || { echo "GNU time missing: apt-get install time" >&2; exit 2; }
if [ -z "$insikt" ]; then
  cargo build --release --quiet
  insikt=$PWD/target/release/insikt
fi

corpus=$work/corpus-$pages
python3 bench/make-corpus.py "$corpus" --pages "$pages" --chart-every 0 >/dev/null
# make-corpus puts 100 pages in each section: move them all into the first one.
content=$corpus/insikt/content
for dir in "$content"/avsnitt-*/; do
  [ "$dir" = "$content/avsnitt-000/" ] && continue
  mv "$dir"sida-*.md "$content/avsnitt-000/"
  rm -r "$dir"
done

out=$work/public-$pages
rm -rf "$out"
log=$(mktemp)
/usr/bin/time -f '%e %M' -o "$log" "$insikt" build "$corpus/insikt" --output "$out" >/dev/null 2>&1 || {
  cat "$log" >&2; exit 1; }
read -r seconds kb < <(tail -n 1 "$log")
rm -f "$log"
middle=$(printf 'sida-%05d' $((pages / 2)))
printf 'pages=%s output_MB=%s middle_page_KB=%s seconds=%s peak_MB=%s\n' "$pages" \
  "$(du -sm "$out" | cut -f1)" \
  "$(( $(stat -c %s "$out/avsnitt-000/$middle/index.html") / 1024 ))" \
  "$seconds" "$((kb / 1024))"
