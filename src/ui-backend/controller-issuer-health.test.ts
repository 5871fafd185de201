import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOidcProvider, type OidcProviderFixture } from '../../test/support/oidc-provider.js';
import { createOAuthAuthenticator } from '../core/auth/oauth/index.js';
import { createRunSettings, createSettingsStore } from '../core/config/index.js';
import { createMemorySecretStore } from '../core/keychain/index.js';
import { createMetrics } from '../core/metrics/index.js';
import { startServer } from '../core/server/index.js';
import type { ServerStatus } from '../shared/view-types.js';
import { createMemoryAppState } from './app-state-file.js';
import { createAppController, type AppController, type ControllerDeps } from './controller.js';

const INFO = { name: 'MCP Toolkit', version: '0', platform: 'linux', host: 'desktop', stdio: { command: 'mcp-toolkit', args: ['stdio'] } } as const;

let dir: string;
let idp: OidcProviderFixture;
let controllers: AppController[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-issuer-health-'));
  idp = await startOidcProvider({ keys: 'es256' });
  controllers = [];
});

afterEach(async () => {
  for (const controller of controllers) await controller.shutdown();
  await idp.stop();
  await rm(dir, { recursive: true, force: true });
});

/** A controller whose server starts in oauth mode against the fixture; resolves with the statuses it pushes. */
async function oauthController(overrides: Partial<ControllerDeps> = {}) {
  const settingsFile = join(dir, 'settings.json');
  await writeFile(settingsFile, JSON.stringify({ port: 0, auth: 'oauth', oauth: { issuer: idp.issuer, audience: idp.audience } }));
  const controller = createAppController({
    settings: createRunSettings({ file: createSettingsStore({ filePath: settingsFile }), env: {} }),
    appState: createMemoryAppState({ serverWasRunning: true }),
    secrets: createMemorySecretStore(),
    metrics: createMetrics(),
    info: INFO,
    openUrl: () => {},
    clipboard: { writeText: () => {} },
    log: () => {},
    issuerHealthPollMs: 50,
    ...overrides,
  });
  controllers.push(controller);
  const statuses: ServerStatus[] = [];
  controller.subscribe((event, payload) => {
    if (event === 'server.status') statuses.push(payload as ServerStatus);
  });
  await controller.init();
  /** Waits (bounded) until a pushed status matches: the card updates by itself, nobody asks. */
  const pushed = async (match: (status: ServerStatus) => boolean, timeoutMs = 10_000): Promise<ServerStatus> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = statuses.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching server.status within ${timeoutMs} ms; last: ${JSON.stringify(statuses.at(-1))}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return { controller, pushed };
}

describe('issuer health on the server card (oauth mode, real identity provider)', () => {
  it('says the issuer cannot be reached when it is down at start, with the reason, before any request comes', async () => {
    idp.setOffline(true);
    const { controller, pushed } = await oauthController();

    const status = await pushed((s) => s.issuer?.state === 'unreachable');
    expect(status).toMatchObject({ state: 'running', auth: 'oauth', issuer: { state: 'unreachable', discovery: 'failed', jwks: 'unknown' } });
    expect(status.issuer?.lastError).toMatch(/^discovery at http:\/\/127\.0\.0\.1:\d+ failed: /);
    expect(status.issuer?.lastKeyFetchAt).toBeUndefined();
    expect(controller.snapshot().server.issuer?.state).toBe('unreachable');
  });

  it('becomes ok by itself once the issuer is up: retried in the background, no request and no click needed', async () => {
    idp.setOffline(true);
    // The production server retries every 30 s; this one every 100 ms so the test is quick.
    const metrics = createMetrics();
    const { pushed } = await oauthController({
      metrics,
      startServer: (config) =>
        startServer({
          config,
          metrics,
          log: () => {},
          withoutBuiltins: true,
          authenticator: createOAuthAuthenticator({ issuer: idp.issuer, audience: idp.audience, resourceMetadataUrl: 'http://127.0.0.1/.well-known/oauth-protected-resource', keyRetryMs: 100, jwksCooldownMs: 0, log: () => {} }),
        }),
    });
    await pushed((s) => s.issuer?.state === 'unreachable');
    const jwksBefore = idp.countRequests('/jwks');

    idp.setOffline(false);

    const ok = await pushed((s) => s.issuer?.state === 'ok');
    expect(ok.issuer).toMatchObject({ state: 'ok', discovery: 'ok', jwks: 'ok', lastError: expect.stringContaining('discovery') });
    expect(ok.issuer?.lastKeyFetchAt).toBeGreaterThan(0);
    // Once the keys are held the background retry stops: no further key downloads without requests.
    const jwksAfter = idp.countRequests('/jwks');
    expect(jwksAfter).toBe(jwksBefore + 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(idp.countRequests('/jwks')).toBe(jwksAfter);
  });
});
