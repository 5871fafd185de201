import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LoginError } from './login-error.js';
import { MAX_FOREIGN_CALLBACKS, startLoopbackListener, type LoopbackListener } from './loopback-listener.js';

const ISSUER = 'https://id.example';
const STATE = 'state-123';

function start(overrides: Partial<Parameters<typeof startLoopbackListener>[0]> = {}): Promise<LoopbackListener> {
  return startLoopbackListener({
    redirectUri: 'http://127.0.0.1:0/callback',
    state: STATE,
    issuer: ISSUER,
    issuerParameterRequired: true,
    timeoutMs: 10_000,
    ...overrides,
  });
}

function portOf(listener: LoopbackListener): number {
  return Number(new URL(listener.redirectUri).port);
}

/** Binds the port ourselves: proves the listener let it go. */
function expectPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ host: '127.0.0.1', port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

async function rejection(promise: Promise<unknown>): Promise<LoginError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LoginError);
  return error as LoginError;
}

let listener: LoopbackListener | undefined;
afterEach(async () => {
  await listener?.close();
  listener = undefined;
});

describe('loopback listener (RFC 8252)', () => {
  it('captures a valid callback, shows a success page without secrets, then frees the port', async () => {
    listener = await start();
    expect(listener.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const port = portOf(listener);

    const response = await fetch(`${listener.redirectUri}?code=secret-code&state=${STATE}&iss=${encodeURIComponent(ISSUER)}`);
    const page = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(page).toContain('Signed in');
    expect(page).not.toContain('secret-code');
    expect(page).not.toContain(STATE);
    const url = await listener.callback;
    expect(url.origin + url.pathname).toBe(listener.redirectUri);
    expect(url.searchParams.get('code')).toBe('secret-code');
    await expectPortFree(port);
  });

  it('answers 404 to other paths and keeps waiting for the callback', async () => {
    listener = await start();
    const base = new URL(listener.redirectUri);

    const favicon = await fetch(new URL('/favicon.ico', base));
    const wrongPath = await fetch(new URL(`/other?code=x&state=${STATE}`, base));
    expect([favicon.status, wrongPath.status]).toEqual([404, 404]);

    const ok = await fetch(`${listener.redirectUri}?code=c&state=${STATE}&iss=${encodeURIComponent(ISSUER)}`);
    expect(ok.status).toBe(200);
    await expect(listener.callback).resolves.toBeInstanceOf(URL);
  });

  it('answers 400 to a callback of another sign-in (wrong or missing state, wrong iss) and still completes with the right one', async () => {
    listener = await start();
    const foreign = [
      `${listener.redirectUri}?code=c&state=forged&iss=${encodeURIComponent(ISSUER)}`,
      `${listener.redirectUri}?code=c&iss=${encodeURIComponent(ISSUER)}`,
      `${listener.redirectUri}?code=c&state=${STATE}&iss=${encodeURIComponent('https://evil.example')}`,
    ];
    for (const url of foreign) {
      const response = await fetch(url);
      expect(response.status).toBe(400);
      const page = await response.text();
      expect(page).toContain('does not belong to the sign-in in progress');
      expect(page).not.toContain(STATE);
    }

    const ok = await fetch(`${listener.redirectUri}?code=right&state=${STATE}&iss=${encodeURIComponent(ISSUER)}`);
    expect(ok.status).toBe(200);
    expect((await listener.callback).searchParams.get('code')).toBe('right');
  });

  it(`gives up after ${MAX_FOREIGN_CALLBACKS} callbacks of another sign-in, with the last one's code, and frees the port`, async () => {
    listener = await start();
    const port = portOf(listener);
    for (let attempt = 1; attempt <= MAX_FOREIGN_CALLBACKS; attempt += 1) {
      const response = await fetch(`${listener.redirectUri}?code=c&state=bogus-${attempt}&iss=${encodeURIComponent(ISSUER)}`);
      expect(response.status).toBe(400);
      await response.text();
    }
    const error = await rejection(listener.callback);
    expect(error.code).toBe('STATE_MISMATCH');
    expect(error.message).toContain(`${MAX_FOREIGN_CALLBACKS} requests reached its callback address`);
    expect(error.message).not.toContain('bogus');
    await expectPortFree(port);
  });

  it('gives up with ISSUER_MISMATCH when the callbacks keep naming another issuer or lack the promised iss (RFC 9207)', async () => {
    listener = await start();
    for (let attempt = 1; attempt <= MAX_FOREIGN_CALLBACKS; attempt += 1) {
      const iss = attempt % 2 === 0 ? '' : `&iss=${encodeURIComponent('https://evil.example')}`;
      await (await fetch(`${listener.redirectUri}?code=c&state=${STATE}${iss}`)).text();
    }
    expect((await rejection(listener.callback)).code).toBe('ISSUER_MISMATCH');
  });

  it('accepts a callback without iss when the issuer does not promise it', async () => {
    listener = await start({ issuerParameterRequired: false });
    await fetch(`${listener.redirectUri}?code=c&state=${STATE}`);
    await expect(listener.callback).resolves.toBeInstanceOf(URL);
  });

  it('turns error=access_denied into ACCESS_DENIED with the provider description, shown in the page', async () => {
    listener = await start();
    const response = await fetch(
      `${listener.redirectUri}?error=access_denied&error_description=${encodeURIComponent('End-User aborted <interaction>')}` +
        `&state=${STATE}&iss=${encodeURIComponent(ISSUER)}`,
    );
    const page = await response.text();
    expect(page).toContain('End-User aborted &#60;interaction&#62;');

    const error = await rejection(listener.callback);
    expect(error.code).toBe('ACCESS_DENIED');
    expect(error.message).toContain('End-User aborted <interaction>');
  });

  it('turns any other provider error into AUTHORIZATION_ERROR', async () => {
    listener = await start();
    await fetch(`${listener.redirectUri}?error=invalid_scope&state=${STATE}&iss=${encodeURIComponent(ISSUER)}`);
    expect((await rejection(listener.callback)).code).toBe('AUTHORIZATION_ERROR');
  });

  it('ends with TIMEOUT when no callback arrives in time, and frees the port', async () => {
    listener = await start({ timeoutMs: 150 });
    const error = await rejection(listener.callback);
    expect(error.code).toBe('TIMEOUT');
    await expectPortFree(portOf(listener));
  });

  it('ends with CANCELLED when the signal aborts, even with a browser connection held open', async () => {
    const controller = new AbortController();
    listener = await start({ signal: controller.signal });
    const port = portOf(listener);
    const idle = await import('node:net').then(({ connect }) => connect({ host: '127.0.0.1', port }));
    await new Promise((resolve) => idle.once('connect', resolve));

    controller.abort();
    expect((await rejection(listener.callback)).code).toBe('CANCELLED');
    await expectPortFree(port);
    idle.destroy();
  });

  it('refuses to start on an aborted signal', async () => {
    await expect(start({ signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('fails with PORT_IN_USE naming the port and --redirect-uri when the port is taken', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const error = await rejection(start({ redirectUri: `http://127.0.0.1:${port}/callback` }));
      expect(error.code).toBe('PORT_IN_USE');
      expect(error.message).toContain(String(port));
      expect(error.message).toContain('--redirect-uri');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('uses the given fixed port and path', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));

    listener = await start({ redirectUri: `http://localhost:${port}/oauth/cb` });
    expect(listener.redirectUri).toBe(`http://localhost:${port}/oauth/cb`);
    await fetch(`http://127.0.0.1:${port}/oauth/cb?code=c&state=${STATE}&iss=${encodeURIComponent(ISSUER)}`);
    await expect(listener.callback).resolves.toBeInstanceOf(URL);
    await expectPortFree(port);
  });
});
