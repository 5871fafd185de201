import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore, type SecretStore } from '../../src/core/keychain/index.js';
import { startOidcProvider, type OidcProviderFixture } from '../support/oidc-provider.js';
import { getValidAccessToken } from '../../src/core/login/access-token.js';
import { loadSession, saveSession } from '../../src/core/login/session-store.js';
import type { StoredSession } from '../../src/core/login/stored-session.js';

const RESOURCE = 'http://127.0.0.1:4321/mcp';

let idp: OidcProviderFixture;
beforeAll(async () => {
  idp = await startOidcProvider({ resource: RESOURCE });
});
afterAll(() => idp?.stop());

/** A real session: tokens from the provider's PKCE flow, stored the way signIn stores them. */
async function signedInStore(overrides: Partial<StoredSession> = {}): Promise<{ store: SecretStore; session: StoredSession }> {
  const tokens = await idp.loginWithPkce({ login: 'carol' });
  const now = Date.now();
  const session: StoredSession = {
    issuer: idp.issuer,
    clientId: idp.clientId,
    accessToken: tokens.access_token,
    tokenType: tokens.token_type,
    refreshToken: tokens.refresh_token,
    expiresAt: now + tokens.expires_in * 1000,
    resource: RESOURCE,
    subject: 'carol',
    subjectSource: 'id_token',
    obtainedAt: now,
    ...overrides,
  };
  const store = createMemorySecretStore();
  await saveSession(store, session);
  return { store, session };
}

describe('getValidAccessToken: the stored token, refreshed when it is about to expire', () => {
  it('returns the stored token while it has more than a minute left, without asking the provider', async () => {
    const { store, session } = await signedInStore();
    const tokenRequests = idp.countRequests('/token');

    const result = await getValidAccessToken({ store });

    expect(result).toEqual({ session, refreshed: false });
    expect(idp.countRequests('/token')).toBe(tokenRequests);
  });

  it('refreshes a token that expires within a minute, stores the new tokens and keeps the audience', async () => {
    const { store, session } = await signedInStore();
    const later = session.expiresAt! - 30_000; // 30 s left: inside the 60 s margin

    const result = await getValidAccessToken({ store, issuer: `${idp.issuer}/`, now: () => later });

    expect(result.refreshed).toBe(true);
    expect(result.session.accessToken).not.toBe(session.accessToken);
    expect(decodeJwt(result.session.accessToken)).toMatchObject({ sub: 'carol', aud: RESOURCE });
    expect(result.session.refreshToken).toBeTruthy();
    expect(result.session.expiresAt).toBeGreaterThan(later + 200_000);
    expect(result.session).toMatchObject({ subject: 'carol', resource: RESOURCE, obtainedAt: later });
    expect(await loadSession(store)).toEqual(result.session);
  });

  it('fails with SESSION_EXPIRED for an expired token without a refresh token', async () => {
    const { store } = await signedInStore({ refreshToken: undefined, expiresAt: Date.now() - 1000 });
    await expect(getValidAccessToken({ store })).rejects.toMatchObject({ code: 'SESSION_EXPIRED' });
  });

  it('fails with REFRESH_FAILED and the provider reason when the refresh token is refused, keeping the session', async () => {
    const { store, session } = await signedInStore({ refreshToken: 'not-a-refresh-token', expiresAt: Date.now() - 1000 });
    const error = await getValidAccessToken({ store }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'REFRESH_FAILED' });
    expect((error as Error).message).toContain('invalid_grant');
    expect((error as Error).message).not.toContain('not-a-refresh-token');
    expect(await loadSession(store)).toEqual(session);
  });

  it('fails with REFRESH_FAILED when the issuer is unreachable', async () => {
    const { store } = await signedInStore({ expiresAt: Date.now() - 1000 });
    idp.setOffline(true);
    try {
      await expect(getValidAccessToken({ store })).rejects.toMatchObject({ code: 'REFRESH_FAILED' });
    } finally {
      idp.setOffline(false);
    }
  });

  it('fails with NOT_SIGNED_IN when nothing is stored', async () => {
    await expect(getValidAccessToken({ store: createMemorySecretStore() })).rejects.toMatchObject({ code: 'NOT_SIGNED_IN' });
  });
});
