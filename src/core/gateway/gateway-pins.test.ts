import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import type { StdioUpstreamSettings } from '../../shared/gateway-types.js';
import { connectInMemory, type InMemoryConnection } from '../tools/testing/connect-in-memory.js';
import { createGateway, type Gateway } from './gateway.js';
import { loadPins, savePins } from './pin-store.js';
import { createStderrLog } from './stderr-log.js';
import type { UpstreamConnection, UpstreamConnectionOptions, UpstreamStatus } from './upstream-connection.js';

const TOOLS = [
  { name: 'first', description: 'The first tool', inputSchema: { type: 'object' as const } },
  { name: 'second', description: 'The second tool', inputSchema: { type: 'object' as const } },
];

/** A real SDK client and server whose `tools/list` answers only once `release()` is called. */
async function gatedUpstream(): Promise<{ link: InMemoryConnection; listAsked: Promise<void>; release: () => void }> {
  let asked!: () => void;
  const listAsked = new Promise<void>((resolve) => (asked = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const link = await connectInMemory(
    (server) =>
      server.server.setRequestHandler('tools/list', async () => {
        asked();
        await released;
        return { tools: TOOLS };
      }),
    { serverCapabilities: { tools: {} } },
  );
  return { link, listAsked, release };
}

/** An upstream connection that is `running` with `client` as soon as it starts (the process side is not under test). */
function runningConnection(options: UpstreamConnectionOptions, client: Client): UpstreamConnection {
  let status: UpstreamStatus = { name: options.spec.name, state: 'stopped', since: Date.now() };
  const listeners = new Set<(status: UpstreamStatus) => void>();
  const setState = (state: UpstreamStatus['state']): void => {
    status = { name: options.spec.name, state, since: Date.now() };
    for (const listener of [...listeners]) listener(status);
  };
  return {
    name: options.spec.name,
    spec: options.spec,
    log: createStderrLog({ name: options.spec.name, report: () => undefined }),
    status: () => status,
    client: () => (status.state === 'running' ? client : undefined),
    start: () => setState('running'),
    restart: async () => setState('running'),
    stop: async () => setState('stopped'),
    disable: async () => setState('disabled'),
    onStateChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onListChanged: () => () => undefined,
  };
}

function settingsOf(name: string): StdioUpstreamSettings {
  return { kind: 'stdio', name, enabled: true, command: process.execPath, args: [], env: {}, secrets: [], disabledTools: [] };
}

describe('gateway tool pinning', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('records the first listing of an upstream whose tools/list is still in flight when the pins file is read again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-gateway-pins-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const pinsFile = join(dir, 'tool-pins.json');
    const upstreams = { early: await gatedUpstream(), late: await gatedUpstream() };
    for (const { link } of Object.values(upstreams)) cleanups.push(() => link.close());
    const gateway: Gateway = createGateway({
      readSecrets: async () => ({}),
      pinsFile,
      log: () => undefined,
      connect: (options) => runningConnection(options, upstreams[options.spec.name as keyof typeof upstreams].link.client),
    });
    cleanups.push(() => gateway.close());
    const served = (): string[] => gateway.provider.tools().map((tool) => tool.name);

    gateway.apply([settingsOf('early'), settingsOf('late')]);
    upstreams.early.release();
    await vi.waitFor(() => expect(served()).toContain('early__second'), { timeout: 5_000, interval: 10 });
    await upstreams.late.listAsked;

    // `late` is running, its first tools/list not answered yet; the pins file changes meanwhile
    // (another upstream's record, or `servers approve` in another terminal) and is read again.
    await savePins(pinsFile, { ...(await loadPins(pinsFile)), elsewhere: {} });
    await gateway.reloadPins();
    upstreams.late.release();

    // Settled: its listing checked against the pins, served or withheld.
    const late = () => gateway.views().find((view) => view.name === 'late');
    await vi.waitFor(() => expect(served().includes('late__second') || late()?.needsApproval === true).toBe(true), { timeout: 5_000, interval: 10 });
    expect(late()).toMatchObject({ needsApproval: false, pending: [] });
    expect(served()).toEqual(['early__first', 'early__second', 'late__first', 'late__second']);
    expect(Object.keys((await loadPins(pinsFile)).late ?? {})).toEqual(['first', 'second']);
  });

  it('keeps every upstream\'s first record when many are saved while the pins file is read again (one pins operation at a time)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-gateway-pins-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const pinsFile = join(dir, 'tool-pins.json');
    const names = Array.from({ length: 12 }, (_, i) => `up${i}`);
    const upstreams = new Map(await Promise.all(names.map(async (name) => [name, await gatedUpstream()] as const)));
    for (const { link } of upstreams.values()) cleanups.push(() => link.close());
    const gateway: Gateway = createGateway({
      readSecrets: async () => ({}),
      pinsFile,
      log: () => undefined,
      connect: (options) => runningConnection(options, upstreams.get(options.spec.name)!.link.client),
    });
    cleanups.push(() => gateway.close());
    gateway.apply(names.map(settingsOf));
    await Promise.all([...upstreams.values()].map((upstream) => upstream.listAsked));

    // Every first listing answers at once, and the file is read again while their records are saved
    // (the file watcher reads it after each save, from this process or another).
    for (const upstream of upstreams.values()) upstream.release();
    const settled = (): boolean => gateway.views().every((view) => view.needsApproval || view.tools.length === TOOLS.length);
    const deadline = Date.now() + 5_000;
    while (!settled() && Date.now() < deadline) await gateway.reloadPins();
    await gateway.reloadPins();

    const recorded = await loadPins(pinsFile);
    expect(Object.keys(recorded).sort()).toEqual([...names].sort());
    expect(gateway.views().filter((view) => view.needsApproval)).toEqual([]);
  });
});
