import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from './paths.js';

export interface ServeProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly url: string;
  readonly port: number;
  readonly stderr: () => string;
  /** Sends a signal and resolves to the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** A fresh settings folder, so tests never read the user's real settings. */
export function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'mcp-toolkit-home-'));
}

/** What a finished CLI run printed and its exit code. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `mcp-toolkit <args>` to completion, with `PATH`, a fresh settings folder
 * and `env` on top, and `stdin` (default: none) written to it.
 */
export function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 20_000, stdin = ''): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', MCP_TOOLKIT_HOME: tempHome(), ...env },
      timeout: timeoutMs,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** Starts `mcp-toolkit serve --port 0` and waits for its "listening on" line. */
export function startServeProcess(env: Record<string, string> = {}, args: string[] = ['--port', '0']): Promise<ServeProcess> {
  const child = spawn(process.execPath, [CLI, 'serve', ...args], {
    env: { PATH: process.env.PATH ?? '', MCP_TOOLKIT_HOME: tempHome(), ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start within 15 s; stderr:\n${stderr}`));
    }, 15_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before listening; stderr:\n${stderr}`));
    });
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const match = /^mcp-toolkit listening on (http:\/\/\S+):(\d+)$/m.exec(stdout);
      if (match === null) return;
      clearTimeout(timer);
      resolve({
        child,
        url: `${match[1]}:${match[2]}`,
        port: Number(match[2]),
        stderr: () => stderr,
        stop(signal = 'SIGTERM') {
          child.kill(signal);
          return exited;
        },
      });
    });
  });
}
