import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type CliRun } from '../support/cli-process.js';
import { ROOT } from '../support/paths.js';

/** TEST ONLY: `mcp-toolkit servers …` in a child process, with stdin and a chosen settings folder. */
export type { CliRun } from '../support/cli-process.js';

export const ECHO_SERVER = join(ROOT, 'test/fixtures/upstream/echo-server.mjs');
export const EVERYTHING_SERVER = join(ROOT, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');

export function runServers(args: string[], options: { home: string; env?: Record<string, string>; stdin?: string; timeoutMs?: number }): Promise<CliRun> {
  return runCli(['servers', ...args], { MCP_TOOLKIT_HOME: options.home, ...options.env }, options.timeoutMs ?? 30_000, options.stdin ?? '');
}

/** The settings file of a test's settings folder, as text. */
export function settingsText(home: string): string {
  return readFileSync(join(home, 'settings.json'), 'utf8');
}

/** stderr without the note a Node older than the supported one prints first (the spawned CLI uses the test's Node). */
export function errorLines(run: CliRun): string[] {
  return run.stderr.split('\n').filter((line) => line !== '' && !line.includes('is not supported; use Node'));
}
