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

# Set-up failures stop here; from now on every suite runs, and all failures are reported at the end.
failed=()
step() {
  local name=$1
  shift
  echo "[test] $name" >&2
  "$@" || failed+=("$name")
}

# The build is needed by what follows (spawned CLI, dashboard assets): without it, stop.
echo "[test] build" >&2
npx electron-vite build >/dev/null

step "typecheck" npm run --silent typecheck
step "lint" npx eslint . --max-warnings=0
step "architecture: no import cycle in src, no production code repeated over 10 lines" npm run --silent check:architecture
# One retry: a browser spec that fails once, then passes, is named as flaky
# among the closing lines (with its first failure) instead of failing the run.
e2e_report=$(mktemp)
step "browser dashboard end-to-end (real chromium against serve --dashboard, inside a private keyring session)" \
  env PLAYWRIGHT_JSON_OUTPUT_NAME="$e2e_report" bash scripts/with-keyring.sh npx playwright test -c e2e/dashboard --retries=1 --reporter=list,json
step "Electron end-to-end specs (they skip, saying why, where the Electron binary is absent)" npx playwright test -c e2e/electron
report=$(mktemp)
step "unit and integration tests (inside a private keyring session)" \
  bash scripts/with-keyring.sh npx vitest run --reporter=default --reporter=json --outputFile.json="$report"

# The closing lines: each failed test by name (a CI log may keep only its end),
# the vitest totals, then the list of failed suites.
node scripts/lib/failed-tests.mjs playwright "$e2e_report"
node scripts/lib/failed-tests.mjs vitest "$report"
node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(`vitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`)' "$report" 2>/dev/null \
  || echo "[test] vitest wrote no report" >&2
rm -f "$report" "$e2e_report"
if ((${#failed[@]} > 0)); then
  printf '[test] FAILED: %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "[test] every suite passed" >&2
