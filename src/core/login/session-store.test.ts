import { describe, expect, it } from 'vitest';
import { createMemorySecretStore, createUnavailableSecretStore } from '../keychain/index.js';
import { DEFAULT_SESSION_ACCOUNT, deleteSession, loadSession, saveSession, sessionAccount } from './session-store.js';
import type { StoredSession } from './stored-session.js';

const session = (issuer: string, accessToken = 'at'): StoredSession => ({
  issuer,
  clientId: 'cli',
  accessToken,
  tokenType: 'Bearer',
  refreshToken: 'rt',
  expiresAt: 1_000,
  obtainedAt: 0,
});

describe('session store: one keychain entry per issuer plus a default pointer', () => {
  it('files a session under oauth:<issuer> and makes it the default', async () => {
    const store = createMemorySecretStore();
    await saveSession(store, session('https://id.example'));

    expect(sessionAccount('https://id.example/')).toBe('oauth:https://id.example');
    expect(JSON.parse((await store.get('oauth:https://id.example'))!)).toMatchObject({ accessToken: 'at' });
    expect(await store.get(DEFAULT_SESSION_ACCOUNT)).toBe('https://id.example');
    expect(await loadSession(store)).toEqual(session('https://id.example'));
    expect(await loadSession(store, 'https://id.example/')).toEqual(session('https://id.example'));
  });

  it('keeps several issuers; the last sign-in is the default', async () => {
    const store = createMemorySecretStore();
    await saveSession(store, session('https://a.example', 'a'));
    await saveSession(store, session('https://b.example', 'b'));

    expect((await loadSession(store)).accessToken).toBe('b');
    expect((await loadSession(store, 'https://a.example')).accessToken).toBe('a');
  });

  it('logs out of the default issuer and forgets the pointer; other issuers stay', async () => {
    const store = createMemorySecretStore();
    await saveSession(store, session('https://a.example', 'a'));
    await saveSession(store, session('https://b.example', 'b'));

    expect(await deleteSession(store)).toBe('https://b.example');
    await expect(loadSession(store)).rejects.toMatchObject({ code: 'NOT_SIGNED_IN' });
    expect((await loadSession(store, 'https://a.example')).accessToken).toBe('a');
    expect(await deleteSession(store)).toBeUndefined();
  });

  it('logs out of a named issuer and keeps the default when it is another one', async () => {
    const store = createMemorySecretStore();
    await saveSession(store, session('https://a.example', 'a'));
    await saveSession(store, session('https://b.example', 'b'));

    expect(await deleteSession(store, 'https://a.example/')).toBe('https://a.example');
    expect((await loadSession(store)).accessToken).toBe('b');
    expect(await deleteSession(store, 'https://a.example')).toBeUndefined();
  });

  it('treats a corrupt entry as not signed in, naming the issuer', async () => {
    const store = createMemorySecretStore({ [DEFAULT_SESSION_ACCOUNT]: 'https://id.example', 'oauth:https://id.example': '{"nope":' });
    const error = await loadSession(store).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NOT_SIGNED_IN' });
    expect((error as Error).message).toContain('https://id.example');
  });

  it('reports an unavailable keychain as STORE_FAILED', async () => {
    await expect(loadSession(createUnavailableSecretStore())).rejects.toMatchObject({ code: 'STORE_FAILED' });
    await expect(saveSession(createUnavailableSecretStore(), session('https://id.example'))).rejects.toMatchObject({
      code: 'STORE_FAILED',
    });
  });
});
