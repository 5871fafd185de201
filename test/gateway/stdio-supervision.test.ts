/**
 * Supervision of stdio upstreams with real processes: fixture servers built
 * on the v1 SDK, run by Node under the gateway's watchdog.
 */
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRestartPolicy } from '../../src/core/gateway/restart-policy.js';
import { createUpstreamConnection, type UpstreamConnection, type UpstreamConnectionOptions, type UpstreamState, type UpstreamStatus } from '../../src/core/gateway/upstream-connection.js';
import { FIXTURES, JITI, fixtureSpec, isAlive, stubbornPids, waitForState } from './support.js';

const posixOnly = process.platform === 'win32' ? 'the watchdog is POSIX only' : undefined;

const open: UpstreamConnection[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((connection) => connection.stop()));
});

function connect(options: UpstreamConnectionOptions): UpstreamConnection {
  const connection = createUpstreamConnection({ report: () => undefined, ...options });
  open.push(connection);
  return connection;
}

function textOf(result: unknown): string {
  const content = (result as { content: { type: string; text: string }[] }).content;
  return content.map((block) => block.text).join('');
}

describe.skipIf(posixOnly)('stdio upstream supervision', () => {
  it('gives the child a minimal environment: its own variables and secrets, never the toolkit’s', async () => {
    const saved = { key: process.env.MCP_API_KEY, other: process.env.OTHER_SERVER_TOKEN };
    process.env.MCP_API_KEY = 'toolkit-api-key';
    process.env.OTHER_SERVER_TOKEN = 'someone-elses-secret';
    try {
      const connection = connect({ spec: fixtureSpec('env', 'echo-server.mjs', [], { OWN_SETTING: 'own' }), secrets: { GITHUB_TOKEN: 'ghp_secret' } });
      connection.start();
      await waitForState(connection, 'running');
      const env = JSON.parse(textOf(await connection.client()?.callTool({ name: 'env', arguments: {} }))) as Record<string, string>;
      expect(env.MCP_API_KEY).toBeUndefined();
      expect(env.OTHER_SERVER_TOKEN).toBeUndefined();
      expect(env.OWN_SETTING).toBe('own');
      expect(env.GITHUB_TOKEN).toBe('ghp_secret');
      expect(env.PATH).toBe(process.env.PATH);
      const allowed = /^(PATH|HOME|USER|LOGNAME|SHELL|TERM|LANG|LANGUAGE|TZ|TMPDIR|TEMP|TMP|LC_\w+|OWN_SETTING|GITHUB_TOKEN|PWD)$/;
      expect(Object.keys(env).filter((name) => !allowed.test(name))).toEqual([]);
    } finally {
      process.env.MCP_API_KEY = saved.key;
      process.env.OTHER_SERVER_TOKEN = saved.other;
      if (saved.key === undefined) delete process.env.MCP_API_KEY;
      if (saved.other === undefined) delete process.env.OTHER_SERVER_TOKEN;
    }
  });

  it('restarts a server that crashed, with backoff, and connects again', async () => {
    const connection = connect({ spec: fixtureSpec('crashy', 'echo-server.mjs'), policy: createRestartPolicy({ initialDelayMs: 200 }) });
    const states: UpstreamState[] = [];
    connection.onStateChange((status) => states.push(status.state));
    connection.start();
    await waitForState(connection, 'running');
    const before = connection.client();

    await expect(connection.client()?.callTool({ name: 'crash', arguments: {} })).rejects.toThrow();
    await waitForState(connection, 'crashed');
    const crashed = connection.status();
    expect(crashed.lastError).toMatch(/^exited with code 3; last error output: echo-server pid \d+ \| crashing on purpose$/);
    expect(crashed.retryAt).toBeGreaterThanOrEqual(crashed.since + 200);

    await waitForState(connection, 'running');
    expect(connection.client()).not.toBe(before);
    expect(textOf(await connection.client()?.callTool({ name: 'echo', arguments: { text: 'again' } }))).toBe('again');
    expect(states).toEqual(['starting', 'running', 'crashed', 'starting', 'running']);
  });

  it('stays crashed after too many crashes in the window, with a readable error, until started by hand', async () => {
    const policy = createRestartPolicy({ initialDelayMs: 20, maxCrashes: 3, windowMs: 60_000 });
    const connection = connect({ spec: fixtureSpec('broken', 'echo-server.mjs', ['--fail-on-start']), policy });
    const seen: UpstreamStatus[] = [];
    connection.onStateChange((status) => seen.push(status));
    connection.start();
    await vi.waitFor(() => expect(seen.filter((status) => status.state === 'crashed')).toHaveLength(3), { timeout: 20_000 });
    const status = connection.status();
    expect(status.state).toBe('crashed');
    expect(status.retryAt).toBeUndefined();
    expect(status.lastError).toMatch(/^exited with code 1 three times in 60 s; last error output: echo-server pid \d+ \| Error: GITHUB_TOKEN is not set$/);

    // Nothing more happens on its own…
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toHaveLength(6);
    // …until the user starts it again, which forgets the crashes: the next one is retried.
    connection.start();
    await vi.waitFor(() => expect(seen.length).toBeGreaterThanOrEqual(8), { timeout: 10_000 });
    expect(seen[6]?.state).toBe('starting');
    expect(seen[7]).toMatchObject({ state: 'crashed', lastError: expect.stringMatching(/^exited with code 1; /) });
    expect(seen[7]?.retryAt).toBeDefined();
  });

  it('reports a server that never answers initialize, and ends its process', async () => {
    const connection = connect({ spec: fixtureSpec('silent', 'silent-server.mjs'), initializeTimeoutMs: 700, policy: createRestartPolicy({ maxCrashes: 1 }) });
    connection.start();
    await waitForState(connection, 'crashed');
    expect(connection.status().lastError).toMatch(/^did not answer initialize within 700 ms; last error output: silent-server pid \d+$/);
    const pid = Number(/silent-server pid (\d+)/.exec(connection.status().lastError ?? '')?.[1]);
    await vi.waitFor(() => expect(isAlive(pid)).toBe(false), { timeout: 6_000 });
  });

  it('stop() while the server is still starting ends its process at once', async () => {
    const connection = connect({ spec: fixtureSpec('slow', 'silent-server.mjs') });
    connection.start();
    const pid = await vi.waitFor(
      () => {
        const line = connection.log.tail().find((entry) => entry.text.startsWith('silent-server pid '));
        if (line === undefined) throw new Error('not started yet');
        return Number(line.text.split(' ').at(-1));
      },
      { timeout: 10_000, interval: 20 },
    );
    expect(connection.status().state).toBe('starting');
    const started = Date.now();
    await connection.stop();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(isAlive(pid)).toBe(false);
    expect(connection.status().state).toBe('stopped');
  });

  it('says clearly when the command is not on PATH, and does not retry it', async () => {
    const connection = connect({ spec: { kind: 'stdio', name: 'missing', command: 'mcp-toolkit-no-such-command', args: [], env: {} } });
    connection.start();
    await waitForState(connection, 'crashed');
    expect(connection.status().lastError).toBe('command `mcp-toolkit-no-such-command` was not found on PATH');
    expect(connection.status().retryAt).toBeUndefined();
  });

  it('ignores stdout lines that are not JSON-RPC, keeps serving, and notes them in the log', async () => {
    const connection = connect({ spec: fixtureSpec('noisy', 'echo-server.mjs', ['--garbage']) });
    connection.start();
    await waitForState(connection, 'running');
    expect(textOf(await connection.client()?.callTool({ name: 'echo', arguments: { text: 'still fine' } }))).toBe('still fine');
    expect(connection.log.tail().some((line) => line.text === '[mcp-toolkit] ignored a line on stdout that is not a JSON-RPC message')).toBe(true);
    expect(connection.status().state).toBe('running');
  });

  it('tells when the server’s tool list changed', async () => {
    const connection = connect({ spec: fixtureSpec('growing', 'echo-server.mjs') });
    const changed: string[] = [];
    connection.onListChanged((kind) => changed.push(kind));
    connection.start();
    await waitForState(connection, 'running');
    await connection.client()?.callTool({ name: 'add-tool', arguments: {} });
    await vi.waitFor(() => expect(changed).toContain('tools'));
    const tools = await connection.client()?.listTools();
    expect(tools?.tools.map((tool) => tool.name)).toContain('added');
  });

  it.each([
    ['ignores the end of stdin', []],
    ['also ignores SIGTERM', ['--ignore-term']],
  ])('stop() ends a server that %s, and its grandchild, within 5 s', async (_label, args) => {
    const connection = connect({ spec: fixtureSpec('stubborn', 'stubborn-server.mjs', args) });
    connection.start();
    await waitForState(connection, 'running');
    const pids = await stubbornPids(connection);
    expect(isAlive(pids.server) && isAlive(pids.grandchild)).toBe(true);

    const started = Date.now();
    await connection.stop();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(connection.status().state).toBe('stopped');
    expect(isAlive(pids.server)).toBe(false);
    expect(isAlive(pids.grandchild)).toBe(false);
  });

  it('leaves no process behind when the toolkit is killed with SIGKILL', async () => {
    const parent = spawn(process.execPath, [JITI, `${FIXTURES}/supervising-parent.ts`, process.execPath, `${FIXTURES}/stubborn-server.mjs`, '--ignore-term'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    parent.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise((resolve) => parent.once('exit', resolve));
    try {
      const pids = await new Promise<{ parent: number; server: number; grandchild: number }>((resolve, reject) => {
        let stdout = '';
        const timer = setTimeout(() => reject(new Error(`the parent printed no pids within 20 s; stderr:\n${stderr}`)), 20_000);
        parent.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const line = stdout.split('\n').find((text) => text.startsWith('{'));
          if (line === undefined) return;
          clearTimeout(timer);
          resolve(JSON.parse(line) as { parent: number; server: number; grandchild: number });
        });
      });
      expect(isAlive(pids.server) && isAlive(pids.grandchild)).toBe(true);

      parent.kill('SIGKILL');
      await exited;
      // The watchdog notices within a second, then SIGTERM, then SIGKILL after 2 s.
      await vi.waitFor(
        () => {
          expect(isAlive(pids.server)).toBe(false);
          expect(isAlive(pids.grandchild)).toBe(false);
        },
        { timeout: 10_000, interval: 100 },
      );
    } finally {
      parent.kill('SIGKILL');
    }
  });
});
