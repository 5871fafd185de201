#!/usr/bin/env bash
# The test command (`npm test`, and all that .ci/run calls): installs what the
# tests need, builds, checks types and lint, then runs every test against real
# components (keychain, identity provider, browser, MCP clients).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-deps.sh

echo "[test] build" >&2
npx electron-vite build >/dev/null

echo "[test] typecheck and lint" >&2
npm run --silent typecheck
npx eslint . --max-warnings=0

echo "[test] browser dashboard end-to-end (real chromium against serve --dashboard, inside a private keyring session)" >&2
bash scripts/with-keyring.sh npx playwright test -c e2e/dashboard

echo "[test] Electron end-to-end specs (they skip, saying why, where the Electron binary is absent)" >&2
npx playwright test -c e2e/electron

echo "[test] unit and integration tests (inside a private keyring session)" >&2
bash scripts/with-keyring.sh npx vitest run
