#!/usr/bin/env bash
# The one test command for insikt:
#
#   bash scripts/test.sh
#
# 1. installs what the tests need (scripts/setup-test-env.sh: Chromium, poppler-utils, npm packages)
# 2. cargo build --release
# 3. cargo test --release --no-fail-fast      (Rust unit and integration tests)
# 4. builds the example report (book.toml, content/) into a temporary folder
# 5. browser tests on that site (tests/browser/*.test.mjs, Node's test runner):
#    axe-core WCAG 2.1 A/AA, Nu Html Checker, link crawl over file://
#
# Exits non-zero if any step fails. Steps 3 and 5 both run even if the other fails.
#
# Set INSIKT_KEEP_SITE=1 to keep the built site (its path is printed).
# To rerun only the browser tests on a site you built yourself:
#   INSIKT_SITE=/abs/path/to/site node --test tests/browser/*.test.mjs
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

section() { printf '\n========== %s ==========\n\n' "$*"; }

failed=()

section "Test environment (scripts/setup-test-env.sh)"
bash scripts/setup-test-env.sh

section "cargo build --release"
cargo build --release

section "cargo test --release --no-fail-fast"
if ! cargo test --release --no-fail-fast; then
  failed+=("cargo test --release")
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/insikt-test.XXXXXX")"
if [[ "${INSIKT_KEEP_SITE:-}" == 1 ]]; then
  trap 'echo "site kept in $tmp/site"' EXIT
else
  trap 'rm -rf "$tmp"' EXIT
fi

section "Build the example report into $tmp/site"
cargo run --release -- build --output "$tmp/site"
test -f "$tmp/site/index.html" || { echo "no index.html in $tmp/site"; exit 1; }
echo "$(find "$tmp/site" -name '*.html' | wc -l) HTML file(s) written"

section "Browser tests (axe-core, Nu Html Checker, links) on $tmp/site"
if ! INSIKT_SITE="$tmp/site" INSIKT_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/insikt" node --test --test-reporter=spec tests/browser/*.test.mjs; then
  failed+=("browser tests (node --test tests/browser/)")
fi

section "Summary"
if ((${#failed[@]} > 0)); then
  printf 'FAILED: %s\n' "${failed[@]}"
  exit 1
fi
echo "All tests passed."
