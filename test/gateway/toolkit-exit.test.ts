import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { startServeProcess, tempHome } from '../support/cli-process.js';
import { cliMissing } from '../support/paths.js';
import { FIXTURES, isAlive } from './support.js';

/** Starts `serve` with one stubborn upstream (ignores the end of stdin, forks a grandchild) and returns both pids. */
async function serveWithStubbornUpstream(): Promise<{ stop: (signal: NodeJS.Signals) => Promise<number | null>; pids: number[] }> {
  const home = tempHome();
  const settings = {
    servers: [{ kind: 'stdio', name: 'stubborn', enabled: true, command: process.execPath, args: [`${FIXTURES}/stubborn-server.mjs`], env: {}, secrets: [], disabledTools: [] }],
  };
  writeFileSync(join(home, 'settings.json'), JSON.stringify(settings));
  const serve = await startServeProcess({ MCP_TOOLKIT_HOME: home });
  const log = join(home, 'state', 'logs', 'stubborn.log');
  let pids: number[] = [];
  await vi.waitFor(
    () => {
      const match = existsSync(log) ? /pids (\d+) (\d+)/.exec(readFileSync(log, 'utf8')) : null;
      if (match === null) throw new Error(`no pids in ${log} yet; serve stderr:\n${serve.stderr()}`);
      pids = [Number(match[1]), Number(match[2])];
    },
    { timeout: 20_000, interval: 100 },
  );
  return { stop: (signal) => serve.stop(signal), pids };
}

describe.skipIf(cliMissing())('stopping the toolkit stops every upstream it started, with their children', () => {
  it('on SIGTERM, within 5 s', async () => {
    const { stop, pids } = await serveWithStubbornUpstream();
    expect(pids.every(isAlive)).toBe(true);
    const started = Date.now();
    expect(await stop('SIGTERM')).toBe(0);
    await vi.waitFor(() => expect(pids.filter(isAlive)).toEqual([]), { timeout: 5_000, interval: 50 });
    expect(Date.now() - started).toBeLessThan(8_000);
  });

  it('on SIGKILL of the toolkit: no orphan survives', async () => {
    const { stop, pids } = await serveWithStubbornUpstream();
    expect(pids.every(isAlive)).toBe(true);
    await stop('SIGKILL');
    await vi.waitFor(() => expect(pids.filter(isAlive)).toEqual([]), { timeout: 15_000, interval: 100 });
  });
});
