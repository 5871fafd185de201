import { createServer, type AddressInfo, type Server } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRunSettings, createSettingsStore } from '../core/config/index.js';
import { createMemorySecretStore, createUnavailableSecretStore, type SecretStore } from '../core/keychain/index.js';
import { createMetrics } from '../core/metrics/index.js';
import type { CallName } from '../shared/contract.js';
import type { AppError } from '../shared/result.js';
import type { ServerStatus } from '../shared/view-types.js';
import { createMemoryAppState } from './app-state-file.js';
import { createAppController, type AppController } from './controller.js';
import { invokeCall } from './invoke-call.js';
import type { PortProbe } from './settings-field-checks.js';

const INFO = { name: 'MCP Toolkit', version: '0', platform: 'linux', host: 'desktop', stdio: { command: 'mcp-toolkit', args: ['stdio'] } } as const;

let dir: string;
let controllers: AppController[];
let blockers: Server[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-settings-apply-'));
  controllers = [];
  blockers = [];
});

afterEach(async () => {
  for (const controller of controllers) await controller.shutdown();
  for (const blocker of blockers) await new Promise((resolve) => blocker.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

/** A port another program holds on 127.0.0.1. */
async function occupiedPort(): Promise<number> {
  const blocker = createServer();
  blockers.push(blocker);
  await new Promise<void>((resolve) => blocker.listen({ host: '127.0.0.1', port: 0 }, resolve));
  return (blocker.address() as AddressInfo).port;
}

/** A controller whose server runs on 127.0.0.1 with `initial` settings (port 0: any free port). */
async function running(initial: object = {}, options: { secrets?: SecretStore; probePort?: PortProbe } = {}) {
  const settingsFile = join(dir, 'settings.json');
  await writeFile(settingsFile, JSON.stringify({ port: 0, ...initial }));
  const controller = createAppController({
    settings: createRunSettings({ file: createSettingsStore({ filePath: settingsFile }), env: {} }),
    appState: createMemoryAppState({ serverWasRunning: true }),
    secrets: options.secrets ?? createMemorySecretStore(),
    metrics: createMetrics(),
    info: INFO,
    openUrl: () => {},
    clipboard: { writeText: () => {} },
    log: () => {},
    ...(options.probePort && { probePort: options.probePort }),
  });
  controllers.push(controller);
  await controller.init();
  const status = controller.snapshot().server;
  expect(status.state).toBe('running');
  const url = status.url ?? '';
  const update = async (patch: unknown): Promise<AppError> => {
    const result = await invokeCall(controller.handlers, 'settings.update' as CallName, patch, () => {}, '[test]');
    if (result.ok) throw new Error('expected the save to be refused');
    return result.error;
  };
  const file = async () => JSON.parse(await readFile(settingsFile, 'utf8')) as Record<string, unknown>;
  const healthy = async (base = url) => (await fetch(`${base}/health`)).status === 200;
  return { controller, url, update, file, healthy, status: (): ServerStatus => controller.snapshot().server };
}

describe('saving settings: checked at the field before anything is saved', () => {
  it('refuses a port another program holds, at the port field, in the words of the UI; nothing saved, the server keeps running', async () => {
    const taken = await occupiedPort();
    const h = await running();
    const before = await h.file();

    const error = await h.update({ host: '127.0.0.1', port: taken });

    expect(error.code).toBe('SETTINGS_INVALID');
    expect(error.fields).toEqual({ port: `Port ${taken} is in use by another program: pick another one.` });
    expect(await h.file()).toEqual(before);
    expect(h.status()).toMatchObject({ state: 'running', url: h.url });
    expect(await h.healthy()).toBe(true);
  });

  it('refuses an address this computer does not have, at the host field', async () => {
    const h = await running();
    // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never a local address.
    const error = await h.update({ host: '192.0.2.1', port: 8000 });
    expect(error.fields).toEqual({ host: expect.stringMatching(/^This computer has no address 192\.0\.2\.1/) });
    expect(h.status()).toMatchObject({ state: 'running', url: h.url });
  });

  it('refuses a plain-http issuer that is not on this computer, and a plain-http JWKS URI, at their fields', async () => {
    const h = await running();
    const before = await h.file();
    const oauth = { issuer: 'http://login.example.com', audience: 'http://127.0.0.1/mcp' };

    const issuerError = await h.update({ auth: 'oauth', oauth });
    expect(issuerError.code).toBe('SETTINGS_INVALID');
    expect(issuerError.fields).toEqual({ 'oauth.issuer': expect.stringMatching(/^Plain http is only for an issuer on this computer/) });

    const jwksError = await h.update({ auth: 'oauth', oauth: { ...oauth, jwksUri: 'http://login.example.com/jwks' } });
    expect(Object.keys(jwksError.fields ?? {})).toEqual(['oauth.jwksUri']);
    expect(jwksError.fields?.['oauth.jwksUri']).toMatch(/https/);

    expect(await h.file()).toEqual(before);
    expect(h.status()).toMatchObject({ state: 'running', auth: 'none', url: h.url });
  });

  it('does not probe the port the running server holds: a host change on the same port is saved and applied', async () => {
    const probed: number[] = [];
    const free = await occupiedPort();
    await new Promise((resolve) => blockers.pop()?.close(resolve));
    const h = await running({ port: free }, { probePort: async (_host, port) => void probed.push(port) });
    await invokeCall(h.controller.handlers, 'settings.update', { host: 'localhost', port: free }, () => {}, '[test]');
    expect(probed).toEqual([]);
    expect(h.status()).toMatchObject({ state: 'running', url: `http://localhost:${free}` });
  });
});

describe('saving settings: an apply that fails rolls back to the settings that worked', () => {
  it('keeps the old port when the new one is taken between the check and the bind, and says so at the port field', async () => {
    const taken = await occupiedPort();
    // The check saw the port free; another program took it before the server could bind it.
    const h = await running({}, { probePort: async () => undefined });

    const error = await h.update({ port: taken });

    expect(error.code).toBe('SETTINGS_NOT_APPLIED');
    expect(error.fields).toEqual({ port: `Port ${taken} is in use by another program: pick another one.` });
    expect(error.message).not.toMatch(/MCP_PORT|--port/);
    expect(await h.file()).toMatchObject({ port: 0 });
    const status = h.status();
    expect(status.state).toBe('running');
    expect(await h.healthy(status.url)).toBe(true);
    expect(h.controller.snapshot().settings.port).toBe(0);
  });

  it('keeps the old mode when the new one cannot be built (keychain locked in api_key mode), and says so at the mode', async () => {
    const h = await running({}, { secrets: createUnavailableSecretStore() });
    const error = await h.update({ auth: 'api_key' });
    expect(error.code).toBe('SETTINGS_NOT_APPLIED');
    expect(error.fields).toEqual({ auth: expect.stringMatching(/^The keychain cannot be read/) });
    expect(await h.file()).toMatchObject({ auth: 'none' });
    expect(h.status()).toMatchObject({ state: 'running', auth: 'none' });
    expect(await h.healthy(h.status().url)).toBe(true);
  });
});
