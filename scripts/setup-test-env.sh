#!/usr/bin/env bash
# Install what the tests need, once; safe to run again (it only does what is missing).
#
#   - Debian's chromium (/usr/bin/chromium), driven by playwright-core in tests/browser
#     (no test tool may download a browser of its own here: never `npx playwright install`),
#     with fonts-liberation; with --no-install-recommends, so nothing else comes along
#   - poppler-utils (pdftotext, pdftoppm) for the print tests
#   - a Java runtime for the Nu Html Checker (vnu.jar), if none is installed
#   - tests/browser/node_modules, by `npm ci`, when it is missing or older than
#     package.json / package-lock.json
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BROWSER_DIR="$ROOT/tests/browser"

log() { printf 'setup-test-env: %s\n' "$*"; }

# ---- Debian packages -------------------------------------------------------
need=()
# fonts-liberation is only recommended by chromium, and recommended packages are not
# installed (below); the print tests read text out of PDFs, so the pages need real fonts.
[[ -x /usr/bin/chromium ]] || need+=(chromium fonts-liberation)
{ command -v pdftotext && command -v pdftoppm; } >/dev/null 2>&1 || need+=(poppler-utils)
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jre-headless)

if ((${#need[@]} > 0)); then
  log "installing Debian packages: ${need[*]}"
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || { log "not root and no sudo: install ${need[*]} by hand"; exit 1; }
    SUDO=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  # Another apt may hold the lock for a while (e.g. unattended installs); wait for it.
  APT_OPTS=(-o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)
  ok=0
  for attempt in 1 2 3; do
    if "${SUDO[@]}" apt-get "${APT_OPTS[@]}" update -q; then ok=1; break; fi
    log "apt-get update failed (attempt $attempt), retrying in 20 s"
    sleep 20
  done
  ((ok)) || { log "apt-get update failed"; exit 1; }
  # Only what the tests use: recommended packages (for chromium: systemd, avahi, samba
  # libraries, fonts, …) are not needed to drive a headless browser.
  "${SUDO[@]}" apt-get "${APT_OPTS[@]}" install -y -q --no-install-recommends "${need[@]}"
else
  log "Debian packages present (chromium, poppler-utils, java)"
fi

/usr/bin/chromium --version 2>/dev/null | sed 's/^/setup-test-env: /' || true

# ---- npm packages for tests/browser ---------------------------------------
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if ((node_major < 20)); then
  log "Node.js 20 or newer is needed, found $(node --version)"
  exit 1
fi

cd "$BROWSER_DIR"
stamp_file=node_modules/.insikt-deps-stamp
want_stamp="$(cat package.json package-lock.json 2>/dev/null | sha256sum | cut -d' ' -f1)"
have_stamp="$(cat "$stamp_file" 2>/dev/null || true)"
if [[ -d node_modules && "$want_stamp" == "$have_stamp" ]]; then
  log "tests/browser/node_modules is up to date"
else
  # --ignore-scripts: the only install script (vnu-jar's) would fetch a Java of its
  # own when none is found; we use the machine's Java instead.
  if [[ -f package-lock.json ]]; then
    log "npm ci in tests/browser"
    npm ci --ignore-scripts --no-audit --no-fund
  else
    log "npm install in tests/browser (no package-lock.json)"
    npm install --ignore-scripts --no-audit --no-fund
    want_stamp="$(cat package.json package-lock.json 2>/dev/null | sha256sum | cut -d' ' -f1)"
  fi
  printf '%s\n' "$want_stamp" >"$stamp_file"
fi
