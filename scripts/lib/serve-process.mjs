// The real CLI (`mcp-toolkit serve --port 0`) as a child process, for the benchmark and the
// stress run: started with a private settings folder and only the environment given.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'bin', 'mcp-toolkit.js');

/** Exits with a clear line when the CLI is not built. */
export function requireBuild(script) {
  if (!existsSync(join(root, 'out', 'main', 'cli.js'))) {
    console.error(`${script}: build first (npm run build)`);
    process.exit(1);
  }
}

/** Resident memory of a process, in MB (Linux /proc). */
export function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

/**
 * Starts `mcp-toolkit serve --port 0` with `env` and waits for its first `/health` 200.
 * Returns the child, its URL and how long start-up took.
 */
export async function startServe(env, { stderr = 'ignore' } = {}) {
  const started = performance.now();
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0'], {
    env: { PATH: process.env.PATH, ...(process.env.SERVE_NODE_OPTIONS ? { NODE_OPTIONS: process.env.SERVE_NODE_OPTIONS } : {}), MCP_TOOLKIT_HOME: mkdtempSync(join(tmpdir(), 'mcp-serve-')), ...env },
    stdio: ['ignore', 'pipe', stderr],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  for (;;) {
    const res = await fetch(`${url}/health`).catch(() => undefined);
    if (res?.status === 200) break;
  }
  return { child, url, port: Number(new URL(url).port), startupMs: performance.now() - started };
}

/** Stops a server started by `startServe` and waits for it to exit. */
export function stopServe(server) {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null) return resolve(server.child.exitCode);
    server.child.once('exit', resolve);
    server.child.kill('SIGTERM');
  });
}
