#!/usr/bin/env bash
# The test command (`npm test`, and all that .ci/run calls): installs what the
# tests need, builds, checks types and lint, then runs every test against real
# components (keychain, identity provider, browser, MCP clients).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-deps.sh

# Every later step runs on the Node that `npm ci` installed (the `node` dev
# dependency, 22.12+), whatever Node launched `npm test`: `npm run` puts
# node_modules/.bin first on PATH, and this line does the same when the script
# is run directly.
export PATH="$PWD/node_modules/.bin:$PATH"
echo "[test] Node $(node --version) ($(command -v node))" >&2
node -e 'const [major, minor] = process.versions.node.split(".").map(Number); process.exit(major > 22 || (major === 22 && minor >= 12) ? 0 : 1)' \
  || { echo "[test] the suite needs Node 22.12 or newer; run \`npm ci\` (it installs it as a dev dependency)" >&2; exit 1; }

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
