import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRunSettings, createSettingsStore } from '../../src/core/config/index.js';
import { createMemorySecretStore } from '../../src/core/keychain/index.js';
import { createMetrics } from '../../src/core/metrics/index.js';
import type { UpstreamView } from '../../src/shared/gateway-types.js';
import { createMemoryAppState } from '../../src/ui-backend/app-state-file.js';
import { createAppController, type AppController } from '../../src/ui-backend/controller.js';
import { FIXTURES } from './support.js';

let controller: AppController | undefined;
afterEach(async () => {
  await controller?.shutdown();
  controller = undefined;
});

/** The UI's backend with the server running: the `servers.*` calls against the real gateway. */
async function backend(): Promise<AppController> {
  const home = mkdtempSync(join(tmpdir(), 'mcp-servers-calls-'));
  const settings = createRunSettings({ file: createSettingsStore({ filePath: join(home, 'settings.json') }), env: { MCP_PORT: '0' } });
  controller = createAppController({
    settings,
    appState: createMemoryAppState({ serverWasRunning: true }),
    secrets: createMemorySecretStore(),
    metrics: createMetrics(),
    info: { name: 'MCP Toolkit', version: 'test', platform: process.platform, host: 'dashboard', stdio: { command: 'node', args: [] } },
    openUrl: () => undefined,
    clipboard: { writeText: () => undefined },
    gatewayFiles: { stateDir: join(home, 'state'), pinsFile: join(home, 'tool-pins.json') },
    pathContext: { platform: process.platform, env: {}, homedir: home },
    log: () => undefined,
  });
  await controller.init();
  return controller;
}

async function waitFor(c: AppController, check: (view: UpstreamView) => boolean): Promise<UpstreamView> {
  let found: UpstreamView | undefined;
  await vi.waitFor(
    async () => {
      found = (await c.handlers['servers.list']()).find(check);
      if (found === undefined) throw new Error(`not yet: ${JSON.stringify(await c.handlers['servers.list']())}`);
    },
    { timeout: 20_000, interval: 50 },
  );
  return found!;
}

describe('the Servers section’s calls against the running gateway', () => {
  it('adds a server, lists its tools, switches one off, and shows a crash in the user’s words', async () => {
    const c = await backend();
    const added = await c.handlers['servers.add']({
      kind: 'stdio',
      name: 'fixture',
      enabled: true,
      command: process.execPath,
      args: [`${FIXTURES}/echo-server.mjs`],
      env: {},
      disabledTools: [],
      secrets: [{ key: 'FIXTURE_TOKEN', value: 'not-shown-anywhere' }],
    });
    expect(added.map((view) => view.name)).toEqual(['fixture']);
    expect(JSON.stringify(added)).not.toContain('not-shown-anywhere');

    const running = await waitFor(c, (view) => view.state === 'running' && view.tools.length > 0);
    expect(running.secrets).toEqual(['FIXTURE_TOKEN']);
    expect(running.tools.map((tool) => tool.served)).toContain('fixture__echo');

    await c.handlers['servers.setToolEnabled']({ name: 'fixture', tool: 'echo', enabled: false });
    await waitFor(c, (view) => view.tools.find((tool) => tool.name === 'echo')?.enabled === false);

    await c.handlers['servers.remove']({ name: 'fixture', confirm: true });
    await c.handlers['servers.add']({ kind: 'stdio', name: 'broken', enabled: true, command: process.execPath, args: [`${FIXTURES}/echo-server.mjs`, '--fail-on-start'], env: {}, disabledTools: [] });
    const crashed = await waitFor(c, (view) => view.name === 'broken' && view.lastError !== undefined);
    expect(crashed.state).toBe('crashed');
    expect(crashed.lastError).toMatch(/exited with code 1/);
    expect(crashed.recentErrorOutput.join('\n')).toContain('GITHUB_TOKEN is not set');
  });

  it('refuses a server whose command is not found, field by field', async () => {
    const c = await backend();
    await expect(
      c.handlers['servers.add']({ kind: 'stdio', name: 'nope', enabled: true, command: 'no-such-mcp-command', args: [], env: {}, disabledTools: [] }),
    ).rejects.toMatchObject({ fields: { command: expect.stringContaining('no-such-mcp-command') } });
    expect(await c.handlers['servers.list']()).toEqual([]);
  });
});
