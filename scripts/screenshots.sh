#!/usr/bin/env bash
# Regenerates the README screenshots (docs/screenshots/server.png, activity.png,
# connect.png) from the real browser dashboard, in a throwaway keyring session.
# The PNGs are committed on purpose; ordinary test runs never rewrite them.
set -euo pipefail
cd "$(dirname "$0")/.."

npx electron-vite build >/dev/null
MCP_TOOLKIT_SCREENSHOTS=1 bash scripts/with-keyring.sh npx playwright test -c e2e/dashboard readme-screenshots.spec.ts
ls -l docs/screenshots/*.png >&2
