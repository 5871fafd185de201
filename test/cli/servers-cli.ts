import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, ROOT } from '../support/paths.js';

/** TEST ONLY: `mcp-toolkit servers …` in a child process, with stdin and a chosen settings folder. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export const ECHO_SERVER = join(ROOT, 'test/fixtures/upstream/echo-server.mjs');
export const EVERYTHING_SERVER = join(ROOT, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');

export function runServers(args: string[], options: { home: string; env?: Record<string, string>; stdin?: string; timeoutMs?: number }): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'servers', ...args], {
      env: { PATH: process.env.PATH ?? '', MCP_TOOLKIT_HOME: options.home, ...options.env },
      timeout: options.timeoutMs ?? 30_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

/** The settings file of a test's settings folder, as text. */
export function settingsText(home: string): string {
  return readFileSync(join(home, 'settings.json'), 'utf8');
}

/** stderr without the note a Node older than the supported one prints first (the spawned CLI uses the test's Node). */
export function errorLines(run: CliRun): string[] {
  return run.stderr.split('\n').filter((line) => line !== '' && !line.includes('is not supported; use Node'));
}
