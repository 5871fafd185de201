import { describe, expect, it } from 'vitest';
import { HttpError } from '../http/http-error.js';
import { createApiKeyAuthenticator, createOpenAuthenticator } from './api-key.js';
import { createKeyTable } from './key-table.js';

const KEY = 'k3y-0123456789abcdef-0123456789';
const request = (headers: Record<string, string>) => ({ headers: new Headers(headers), url: new URL('http://127.0.0.1/mcp'), remoteAddress: '127.0.0.1' });

async function rejection(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
}

describe('api_key authenticator', () => {
  const auth = createApiKeyAuthenticator({ apiKey: KEY });

  it('accepts the key and names the client by the key\'s name, never the key', async () => {
    const principal = await auth.authenticate(request({ 'x-api-key': KEY }));
    expect(principal).toEqual({ clientKey: 'key:default', label: 'default' });
  });

  it('accepts any named key, names each client by its key, and follows a replaced table', async () => {
    let table = createKeyTable([{ name: 'cursor', value: `${KEY}-c` }, { name: 'zed', value: `${KEY}-z` }]);
    const used: string[] = [];
    const named = createApiKeyAuthenticator({ keys: () => table, onUse: (name) => used.push(name) });
    expect(await named.authenticate(request({ 'x-api-key': `${KEY}-c` }))).toEqual({ clientKey: 'key:cursor', label: 'cursor' });
    expect(await named.authenticate(request({ 'x-api-key': `${KEY}-z` }))).toEqual({ clientKey: 'key:zed', label: 'zed' });
    expect(used).toEqual(['cursor', 'zed']);
    table = table.retain(new Set(['zed'])); // cursor revoked
    expect((await rejection(named.authenticate(request({ 'x-api-key': `${KEY}-c` })))).code).toBe('AUTH_INVALID_KEY');
    expect((await named.authenticate(request({ 'x-api-key': `${KEY}-z` }))).label).toBe('zed');
  });

  it('tells a missing key from a wrong one, with 401 and no echo', async () => {
    const missing = await rejection(auth.authenticate(request({})));
    expect([missing.status, missing.code]).toEqual([401, 'AUTH_MISSING_KEY']);
    const wrong = await rejection(auth.authenticate(request({ 'x-api-key': 'guess' })));
    expect([wrong.status, wrong.code]).toEqual([401, 'AUTH_INVALID_KEY']);
    expect(wrong.message).not.toContain('guess');
    const prefix = await rejection(auth.authenticate(request({ 'x-api-key': KEY.slice(0, -1) })));
    expect(prefix.code).toBe('AUTH_INVALID_KEY');
  });

  it('refuses to be built without a key', () => {
    expect(() => createApiKeyAuthenticator({ apiKey: '' })).toThrow(/non-empty/);
  });
});

describe('none authenticator', () => {
  it('lets everyone in, known by remote address', async () => {
    const principal = await createOpenAuthenticator().authenticate(request({}));
    expect(principal.clientKey).toBe('ip:127.0.0.1');
  });
});
