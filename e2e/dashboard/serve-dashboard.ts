/**
 * A real `mcp-toolkit serve --dashboard` process for the browser specs: the
 * built CLI, a private settings folder, its own free MCP port, and a BROWSER
 * that records the URLs the app asks to open (the sign-in page).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(REPO_ROOT, 'bin', 'mcp-toolkit.js');
const CAPTURE_BROWSER = join(import.meta.dirname, 'capture-browser.sh');
const START_TIMEOUT_MS = 15_000;

/** Why the dashboard specs cannot run, or undefined. */
export function dashboardUnavailableReason(): string | undefined {
  if (!existsSync(join(REPO_ROOT, 'out', 'main', 'cli.js')) || !existsSync(join(REPO_ROOT, 'out', 'renderer', 'dashboard.html'))) {
    return 'the CLI and the dashboard are not built: run `npx electron-vite build` first';
  }
  return undefined;
}

/** Why the specs that store secrets (API key, sign-in) cannot run, or undefined. */
export function keyringUnavailableReason(): string | undefined {
  return process.env.MCP_TOOLKIT_TEST_KEYRING === '1' ? undefined : 'needs a Secret Service: run the specs inside `bash scripts/with-keyring.sh`';
}

export interface DashboardProcess {
  /** The MCP server's base URL, e.g. `http://127.0.0.1:41234`. */
  readonly serverUrl: string;
  /** The dashboard link as printed, token included. */
  readonly link: string;
  /** The dashboard's origin, e.g. `http://127.0.0.1:41235`. */
  readonly origin: string;
  /** Resolves with the next URL the app opened in the "system browser". */
  waitForOpenedUrl(timeoutMs?: number): Promise<string>;
  stdout(): string;
  stderr(): string;
  /** SIGTERM, then resolves to the exit code; removes the settings folder. */
  stop(): Promise<number | null>;
}

/** A free TCP port on 127.0.0.1 (the MCP server keeps it across restarts, unlike port 0). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

export interface StartOptions {
  /** MCP server port (`--port`); a free one by default. */
  readonly port?: number;
  readonly extraArgs?: readonly string[];
}

export async function startServeDashboard({ port: fixedPort, extraArgs = [] }: StartOptions = {}): Promise<DashboardProcess> {
  const home = mkdtempSync(join(tmpdir(), 'mcp-toolkit-dashboard-e2e-'));
  const openedUrls = join(home, 'opened-urls.txt');
  const port = fixedPort ?? (await freePort());
  // The parent's MCP_* variables would override the settings under test.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MCP_') || name === 'MCP_TOOLKIT_TEST_KEYRING'));
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [CLI, 'serve', '--dashboard', '--dashboard-port', '0', '--port', String(port), ...extraArgs],
    { env: { ...env, MCP_TOOLKIT_HOME: home, BROWSER: CAPTURE_BROWSER, MCP_TOOLKIT_E2E_OPENED_URLS: openedUrls } },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));

  const lines = await new Promise<{ serverUrl: string; link: string }>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`serve --dashboard did not start within ${START_TIMEOUT_MS} ms; stderr:\n${stderr}`)), START_TIMEOUT_MS);
    const check = (): void => {
      const serverUrl = /^mcp-toolkit listening on (http:\/\/\S+)$/m.exec(stdout)?.[1];
      const link = /^mcp-toolkit dashboard on (http:\/\/\S+#token=\S+)$/m.exec(stdout)?.[1];
      if (serverUrl && link) {
        clearTimeout(timer);
        done({ serverUrl, link });
      }
    };
    child.stdout.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`serve --dashboard exited with ${code}; stderr:\n${stderr}`));
    });
  });

  let seen = 0;
  return {
    ...lines,
    origin: new URL(lines.link).origin,
    async waitForOpenedUrl(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const urls = existsSync(openedUrls) ? readFileSync(openedUrls, 'utf8').split('\n').filter(Boolean) : [];
        if (urls.length > seen) return urls[seen++]!;
        if (Date.now() > deadline) throw new Error(`the app opened no URL within ${timeoutMs} ms; stderr:\n${stderr}`);
        await new Promise((wait) => setTimeout(wait, 100));
      }
    },
    stdout: () => stdout,
    stderr: () => stderr,
    async stop() {
      child.kill('SIGTERM');
      const code = await exited;
      rmSync(home, { recursive: true, force: true });
      return code;
    },
  };
}
