/**
 * The "system browser" of the CLI end-to-end test: `BROWSER` runs
 * `browser-command.sh <url>`, which runs this. It signs in through headless
 * chromium and writes what happened as JSON to $MCP_TOOLKIT_TEST_BROWSER_RESULT
 * (the CLI spawns its browser detached with no stdio, so a file is the way back).
 */
import { rename, writeFile } from 'node:fs/promises';
import { launchChromium, signInWithBrowser } from './browser.js';

const url = process.argv[2] ?? '';
const resultFile = process.env.MCP_TOOLKIT_TEST_BROWSER_RESULT;
const decision = process.env.MCP_TOOLKIT_TEST_BROWSER_DECISION === 'deny' ? 'deny' : 'approve';

let result: Record<string, unknown>;
const browser = await launchChromium();
try {
  result = { ok: true, ...(await signInWithBrowser(browser.context, url, { login: 'erin', decision })) };
} catch (error) {
  result = { ok: false, error: error instanceof Error ? error.message : String(error) };
} finally {
  await browser.close();
}
if (resultFile) {
  await writeFile(`${resultFile}.tmp`, JSON.stringify(result));
  await rename(`${resultFile}.tmp`, resultFile);
}
