#!/bin/sh
# BROWSER of the dashboard under test: instead of showing the sign-in page, it
# appends the URL to $MCP_TOOLKIT_E2E_OPENED_URLS, where the spec picks it up
# and opens it in its own (Playwright-driven) chromium tab.
printf '%s\n' "$1" >> "${MCP_TOOLKIT_E2E_OPENED_URLS:?}"
