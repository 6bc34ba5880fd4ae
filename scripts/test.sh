#!/usr/bin/env bash
# The one test command for insikt:
#
#   bash scripts/test.sh
#
# 1. installs what the tests need (scripts/setup-test-env.sh: Chromium, poppler-utils, npm packages)
# 2. cargo test --release --no-fail-fast      (Rust unit and integration tests; this also
#    builds the insikt binary, reusing what `cargo run --release -- build` compiled)
# 3. builds the example report (book.toml, content/) into a temporary folder
# 4. browser tests on that site (tests/browser/*.test.mjs, Node's test runner):
#    axe-core WCAG 2.1 A/AA, Nu Html Checker, link crawl over file://
# 5. a summary: Rust tests and browser tests passed and failed, in total
#
# Exits non-zero if any step fails. Steps 2 and 4 both run even if the other fails.
#
# axe's "needs review" results (checks a person has to make, not failures) go to
# target/axe-needs-review.txt, not into the test output.
#
# Set INSIKT_KEEP_SITE=1 to keep the built site (its path is printed).
# To rerun only the browser tests on a site you built yourself:
#   INSIKT_SITE=/abs/path/to/site node --test tests/browser/*.test.mjs
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
# An absolute path, so that the browser tests find the binary from any folder.
case "$TARGET" in /*) ;; *) TARGET="$ROOT/$TARGET" ;; esac

section() { printf '\n========== %s ==========\n\n' "$*"; }

failed=()

section "Test environment (scripts/setup-test-env.sh)"
bash scripts/setup-test-env.sh

tmp="$(mktemp -d "${TMPDIR:-/tmp}/insikt-test.XXXXXX")"
if [[ "${INSIKT_KEEP_SITE:-}" == 1 ]]; then
  trap 'echo "site kept in $tmp/site"' EXIT
else
  trap 'rm -rf "$tmp"' EXIT
fi

# `cargo test` builds the binary with the same dependencies and features as `cargo build
# --release` (see the feature note in Cargo.toml), so nothing is compiled twice.
section "cargo test --release --no-fail-fast"
rust_status=0
cargo test --release --no-fail-fast 2>&1 | tee "$tmp/cargo-test.log" || rust_status=$?
if ((rust_status != 0)); then
  failed+=("cargo test --release")
fi

section "Build the example report into $tmp/site"
"$TARGET/release/insikt" build --output "$tmp/site"
test -f "$tmp/site/index.html" || { echo "no index.html in $tmp/site"; exit 1; }
echo "$(find "$tmp/site" -name '*.html' | wc -l) HTML file(s) written"

section "Browser tests (axe-core, Nu Html Checker, links) on $tmp/site"
review="$TARGET/axe-needs-review.txt"
: >"$review"
browser_status=0
INSIKT_SITE="$tmp/site" INSIKT_BIN="$TARGET/release/insikt" INSIKT_AXE_REVIEW="$review" \
  node --test --test-reporter=spec tests/browser/*.test.mjs 2>&1 \
  | tee "$tmp/browser-test.log" || browser_status=$?
if ((browser_status != 0)); then
  failed+=("browser tests (node --test tests/browser/)")
fi

section "Summary"
# cargo prints "test result: ok. 12 passed; 0 failed; …" per test binary.
read -r rust_passed rust_failed < <(
  sed -n 's/^test result: [a-zA-Z]*\. \([0-9]*\) passed; \([0-9]*\) failed;.*/\1 \2/p' \
    "$tmp/cargo-test.log" | awk '{ p += $1; f += $2 } END { print p + 0, f + 0 }'
)
# Node's spec reporter ends with "ℹ pass N" and "ℹ fail N".
count() { sed -n "s/^ℹ $1 \([0-9]*\)$/\1/p" "$tmp/browser-test.log" | tail -n 1; }
browser_passed="$(count pass)"
browser_failed="$(count fail)"
printf 'Rust tests:    %s passed, %s failed\n' "$rust_passed" "$rust_failed"
printf 'Browser tests: %s passed, %s failed\n' "${browser_passed:-?}" "${browser_failed:-?}"
if [[ -s "$review" ]]; then
  printf 'axe: %s page(s) have checks a person must review (not failures), listed in %s\n' \
    "$(wc -l <"$review")" "$review"
fi
if ((${#failed[@]} > 0)); then
  printf 'FAILED: %s\n' "${failed[@]}"
  exit 1
fi
echo "All tests passed."
