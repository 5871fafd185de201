#!/usr/bin/env bash
# Installs what the test suite needs beyond `npm ci`:
# - Debian packages: a real keychain (gnome-keyring + secret-tool, on D-Bus),
#   a real browser (chromium) and curl. Installed with apt when root; otherwise
#   the exact command is printed and the script fails.
# - Node 22 test tools (MCP conformance suite, Inspector CLI) in test/tools.
set -euo pipefail
cd "$(dirname "$0")/.."

readonly APT_PACKAGES=(gnome-keyring libsecret-tools dbus-daemon dbus-bin chromium curl)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]} > 0)); then
  if [[ $(id -u) -eq 0 ]]; then
    echo "[setup] apt-get install ${missing[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "[setup] missing Debian packages; install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

# Project dependencies (a fresh clone has none yet; a changed lock file needs a new install).
if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "[setup] npm ci" >&2
  npm ci --no-audit --no-fund
fi

# Node 22 tools: installed next to their own lock file, run with their own node.
if [[ ! -x test/tools/node_modules/.bin/conformance ]] || [[ test/tools/package-lock.json -nt test/tools/node_modules/.package-lock.json ]]; then
  echo "[setup] npm ci --prefix test/tools (Node 22, MCP conformance suite, Inspector)" >&2
  npm ci --prefix test/tools --no-audit --no-fund
fi
