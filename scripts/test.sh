#!/usr/bin/env bash
# Runs every Maillage test: Go (vet, unit, API rule matrix, sync simulation, fuzz corpora) and,
# when the PWA's package.json is present, the JavaScript unit tests and the browser end-to-end
# tests. Installs what a fresh Debian machine lacks (Chromium, npm packages) when run as root;
# otherwise says what to install.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "go vet"
go vet ./...

step "go test"
# The API rule matrix alone runs several minutes on a loaded 2-core machine: go test's
# default limit of 10 minutes a package is too tight there.
go test -count=1 -timeout 30m ./...

if [ -f package.json ]; then
    if ! command -v npm >/dev/null; then
        echo "Node.js 20 and npm are needed for the PWA's tests: install them (e.g. apt-get install nodejs npm) and run again." >&2
        exit 1
    fi
    scripts/install-browser.sh
    step "npm ci"
    npm ci --no-audit --no-fund
    step "node --test (PWA modules)"
    npm run --silent test:unit
    step "end-to-end (Playwright + Chromium)"
    # One binary for every test file (80 MB each otherwise); a file that needs another release
    # name builds its own and removes it.
    e2e_bin="$(mktemp -d)"
    trap 'rm -rf "$e2e_bin"' EXIT
    go build -o "$e2e_bin/maillage" .
    MAILLAGE_E2E_BINARY="$e2e_bin/maillage" npm run --silent test:e2e
fi
printf '\nall tests passed\n'
