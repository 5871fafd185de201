#!/bin/sh
# BROWSER for the CLI end-to-end test: `mcp-toolkit login` runs it with the URL.
here="$(cd "$(dirname "$0")" && pwd)"
exec node "$here/../../node_modules/jiti/lib/jiti-cli.mjs" "$here/browser-command.ts" "$1"
