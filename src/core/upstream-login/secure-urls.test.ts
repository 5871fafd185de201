import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HttpUpstream } from '../gateway/upstream-spec.js';
import { createMemorySecretStore } from '../keychain/index.js';
import { createUpstreamLogins } from './create-upstream-logins.js';
import { requireSecureEndpoints } from './secure-urls.js';
import type { UpstreamSignInEvent } from './types.js';

const PLAIN: HttpUpstream = { kind: 'http', name: 'wiki', url: 'http://mcp.example.invalid/mcp', headers: {} };
const REFUSAL = 'wiki wants a sign-in, but its URL is plain http (http://mcp.example.invalid/mcp): a sign-in would send your tokens unencrypted; use its https URL.';

let folder: string | undefined;
afterEach(async () => {
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  folder = undefined;
});

async function logins() {
  folder = await mkdtemp(join(tmpdir(), 'secure-urls-'));
  const requested: string[] = [];
  const service = createUpstreamLogins({
    secrets: createMemorySecretStore(),
    indexFile: join(folder, 'logins.json'),
    log: () => undefined,
    fetch: (input) => {
      requested.push(String(input instanceof Request ? input.url : input));
      return Promise.reject(new Error('no request is expected'));
    },
  });
  return { service, requested };
}

describe('a plain-http server on another computer', () => {
  it('is refused a sign-in before any request, with the reason in the user’s words', async () => {
    const { service, requested } = await logins();
    const steps: UpstreamSignInEvent[] = [];
    const opened: string[] = [];
    await expect(service.signIn(PLAIN, { openUrl: (url) => void opened.push(url), onProgress: (event) => steps.push(event) })).rejects.toMatchObject({
      code: 'UPSTREAM_LOGIN_INSECURE_URL',
      message: REFUSAL,
    });
    expect(steps).toEqual([{ step: 'failed', code: 'UPSTREAM_LOGIN_INSECURE_URL', message: REFUSAL }]);
    expect(requested).toEqual([]);
    expect(opened).toEqual([]);
    service.close();
  });

  it('gets no token provider (so no bearer token) from the sign-ins', async () => {
    const { service } = await logins();
    expect(() => service.providerFor(PLAIN)).toThrow(REFUSAL);
    expect(service.providerFor({ ...PLAIN, url: 'http://127.0.0.1:9/mcp' })).toBeDefined();
    service.close();
  });
});

describe('the endpoints a sign-in uses', () => {
  it('are https, or plain http on this computer', () => {
    const spec: HttpUpstream = { ...PLAIN, url: 'https://mcp.example.invalid/mcp' };
    expect(() =>
      requireSecureEndpoints(spec, {
        authorization_endpoint: 'https://as.example.invalid/authorize',
        token_endpoint: 'http://127.0.0.1:8080/token',
        registration_endpoint: 'http://localhost/register',
        revocation_endpoint: 'http://[::1]/revoke',
        jwks_uri: 'http://as.example.invalid/jwks',
      }),
    ).not.toThrow();
    expect(() => requireSecureEndpoints(spec, { token_endpoint: 'http://as.example.invalid/token?a=1' })).toThrow(
      "Could not find how to sign in to `wiki` (https://mcp.example.invalid/mcp): token_endpoint in its authorization server's metadata is not https (http://as.example.invalid/token); the toolkit signs in over https only (plain http only on this computer).",
    );
    expect(() => requireSecureEndpoints(spec, { revocation_endpoint: 'javascript:alert(1)' })).toThrow(/revocation_endpoint/);
  });
});
