import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRunSettings, createSettingsStore } from '../core/config/index.js';
import { createMemorySecretStore } from '../core/keychain/index.js';
import { createMetrics } from '../core/metrics/index.js';
import type { DoctorCheck } from '../shared/doctor-types.js';
import { createMemoryAppState } from './app-state-file.js';
import { createAppController, type AppController } from './controller.js';
import { invokeCall } from './invoke-call.js';

let dir: string;
let controllers: AppController[];
let cleanups: (() => Promise<unknown>)[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-controller-doctor-'));
  await mkdir(join(dir, 'home'));
  controllers = [];
  cleanups = [];
});

afterEach(async () => {
  for (const controller of controllers) await controller.shutdown();
  await Promise.all(cleanups.map((cleanup) => cleanup()));
  await rm(dir, { recursive: true, force: true });
});

/** A port another program holds (an HTTP server whose /health is not ours). */
async function heldPort(): Promise<number> {
  const server = createServer((_req, res) => res.writeHead(404).end());
  cleanups.push(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

async function doctorRun(settings: Record<string, unknown>): Promise<readonly DoctorCheck[]> {
  const settingsFile = join(dir, 'settings.json');
  await writeFile(settingsFile, JSON.stringify(settings));
  const controller = createAppController({
    settings: createRunSettings({ file: createSettingsStore({ filePath: settingsFile }), env: {} }),
    appState: createMemoryAppState({ serverWasRunning: false }),
    secrets: createMemorySecretStore(),
    metrics: createMetrics(),
    info: { name: 'MCP Toolkit', version: '0', platform: 'linux', host: 'desktop', stdio: { command: 'mcp-toolkit', args: ['stdio'] } },
    openUrl: () => {},
    clipboard: { writeText: () => {} },
    log: () => {},
    pathContext: { platform: process.platform, env: {}, homedir: join(dir, 'home') },
  });
  controllers.push(controller);
  await controller.init();
  const result = await invokeCall(controller.handlers, 'doctor.run', undefined, () => {}, '[test]');
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('doctor.run', () => {
  it('answers the checks of mcp-toolkit doctor over the settings the app runs', async () => {
    const checks = await doctorRun({ port: 0 });
    expect(checks.map((c) => [c.check, c.severity])).toEqual([
      ['node', 'ok'],
      ['keychain', 'ok'],
      ['settings', 'ok'],
      ['port', 'ok'],
      ['shared-folders', 'ok'],
      ['client', 'ok'],
    ]);
  });

  it('reports a port another program holds and a shared folder that does not exist, each with its fix', async () => {
    const port = await heldPort();
    const missing = join(dir, 'missing');
    const checks = await doctorRun({ port, sharedFolders: [missing] });
    expect(checks.find((c) => c.check === 'port')).toMatchObject({ ok: false, severity: 'error', message: `Port ${port} on 127.0.0.1 is used by another program.` });
    expect(checks.find((c) => c.check === 'shared-folders')).toMatchObject({ ok: false, message: `${missing} does not exist: the file tools cannot read it.` });
    expect(checks.every((c) => c.severity !== 'error' || c.fix !== undefined)).toBe(true);
  });
});
