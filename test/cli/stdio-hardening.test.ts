import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { tempHome } from '../support/cli-process.js';
import { CLI, cliMissing } from '../support/paths.js';

type Reply = { id: unknown; result?: { tools?: { name: string }[] }; error?: { code: number; message: string } };

interface StdioProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** Starts reading stdout (a test may hold off to play a client that does not read). */
  read(): void;
  readonly replies: Reply[];
  readonly stderr: () => string;
  /** Resolves to the exit code; rejects when the process is still running after `withinMs`. */
  exit(withinMs: number): Promise<number | null>;
  /** Resolves once a reply with this id has arrived (bounded). */
  reply(id: unknown, withinMs?: number): Promise<Reply>;
}

let running: ChildProcessWithoutNullStreams | undefined;
afterEach(() => {
  if (running?.exitCode === null && running.signalCode === null) running.kill('SIGKILL');
  running = undefined;
});

function startStdio(): StdioProcess {
  const child = spawn(process.execPath, [CLI, 'stdio'], { env: { PATH: process.env.PATH ?? '', MCP_TOOLKIT_HOME: tempHome() } });
  running = child;
  const replies: Reply[] = [];
  let stderr = '';
  let pending = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.on('error', () => {}); // EPIPE when a failing test's server is gone
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const waitFor = <T>(what: string, settled: Promise<T>, withinMs: number): Promise<T> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${what} within ${withinMs} ms; stderr:\n${stderr.slice(0, 2000)}`)), withinMs);
      void settled.then((value) => {
        clearTimeout(timer);
        resolve(value);
      });
    });
  return {
    child,
    replies,
    stderr: () => stderr,
    read() {
      child.stdout.on('data', (d: Buffer) => {
        const lines = (pending + d.toString()).split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) replies.push(JSON.parse(line) as Reply);
      });
    },
    exit: (withinMs) => waitFor('the process did not exit', exited, withinMs),
    reply: (id, withinMs = 15_000) =>
      waitFor(
        `no reply with id ${JSON.stringify(id)}`,
        new Promise<Reply>((resolve) => {
          const check = (): void => {
            const found = replies.find((r) => r.id === id);
            if (found !== undefined) resolve(found);
            else child.stdout.once('data', () => setImmediate(check));
          };
          check();
        }),
        withinMs,
      ),
  };
}

const line = (message: object): string => `${JSON.stringify(message)}\n`;
const INITIALIZE = line({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'test', version: '1' } } });

describe.skipIf(cliMissing())('`mcp-toolkit stdio` under hostile input', () => {
  it('answers a 12 MiB line with an error, serves tools/list after it, stays alive, and exits 0 when stdin closes', async () => {
    const stdio = startStdio();
    stdio.read();
    stdio.child.stdin.write(INITIALIZE);
    stdio.child.stdin.write(`{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo","arguments":{"text":"${'a'.repeat(12 * 1024 * 1024)}"}}}\n`);
    stdio.child.stdin.write(line({ jsonrpc: '2.0', id: 3, method: 'tools/list' }));

    expect(await stdio.reply(2)).toEqual({ jsonrpc: '2.0', id: 2, error: { code: -32600, message: 'Message too large: over 10485760 bytes' } });
    expect((await stdio.reply(3)).result?.tools?.map((t) => t.name)).toContain('get_current_time');
    expect(stdio.child.exitCode).toBeNull();
    const stdioLines = stdio.stderr().split('\n').filter((l) => l.startsWith('[stdio]'));
    expect(stdioLines).toHaveLength(1);
    expect(stdioLines[0]).toMatch(/^\[stdio\] line 2: \d{8}-byte line over the 10485760-byte limit; answered id 2 with -32600$/);

    stdio.child.stdin.end();
    expect(await stdio.exit(15_000)).toBe(0);
  });

  it('exits 0 on SIGTERM with stdin still open', async () => {
    const stdio = startStdio();
    stdio.read();
    stdio.child.stdin.write(INITIALIZE);
    await stdio.reply(1);
    stdio.child.kill('SIGTERM');
    expect(await stdio.exit(15_000)).toBe(0);
  });

  it('exits 1 with one line on stderr when stdout breaks', async () => {
    const stdio = startStdio();
    stdio.child.stdout.destroy();
    stdio.child.stdin.write(INITIALIZE);
    expect(await stdio.exit(15_000)).toBe(1);
    expect(stdio.stderr()).toBe('[stdio] stdout failed: EPIPE\n');
  });

  it('stops reading while 50,000 replies go unread, then answers them all and exits once they are read', async () => {
    const stdio = startStdio();
    const count = 50_000;
    const requests = Array.from({ length: count }, (_, i) => line({ jsonrpc: '2.0', id: 10 + i, method: 'ping' }));
    stdio.child.stdin.end(INITIALIZE + requests.join(''));

    // Not reading stdout yet: wait until the server has read all input, or (replies waiting) has stopped reading it.
    const state = await new Promise<'stalled' | 'all read' | 'neither'>((resolve) => {
      let last = -1;
      let still = 0;
      let polls = 0;
      const poll = setInterval(() => {
        const left = stdio.child.stdin.writableLength;
        still = left === last ? still + 1 : 0;
        last = left;
        polls++;
        const outcome = left === 0 ? 'all read' : still >= 10 && stdio.child.stdout.readableLength > 0 ? 'stalled' : polls >= 200 ? 'neither' : undefined;
        if (outcome === undefined) return;
        clearInterval(poll);
        resolve(outcome);
      }, 100);
    });
    expect(state).toBe('stalled');

    stdio.read();
    expect(await stdio.exit(30_000)).toBe(0);
    expect(stdio.replies).toHaveLength(count + 1);
    expect(new Set(stdio.replies.map((r) => r.id)).size).toBe(count + 1);
  }, 60_000);
});
