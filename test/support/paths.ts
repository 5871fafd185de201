import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Repository root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The built CLI, as users run it. */
export const CLI = `${ROOT}bin/mcp-toolkit.js`;
/** Node 22 and its tools (conformance suite, Inspector), installed by scripts/install-test-deps.sh. */
export const TOOLS_BIN = `${ROOT}test/tools/node_modules/.bin`;

/** Why a test needing the built CLI cannot run, or undefined when it can. */
export function cliMissing(): string | undefined {
  return existsSync(`${ROOT}out/main/cli.js`) ? undefined : 'the CLI is not built: run `npm run build` (npm test does)';
}

/** Why a test needing the Node 22 tools cannot run, or undefined when it can. */
export function node22ToolsMissing(): string | undefined {
  return existsSync(`${TOOLS_BIN}/node`) ? undefined : 'Node 22 test tools missing: run `bash scripts/install-test-deps.sh` (npm test does)';
}
