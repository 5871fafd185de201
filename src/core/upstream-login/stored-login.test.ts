import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createListingSecretStore, type ListingSecretStore } from '../../../test/support/listing-secret-store.js';
import { upstreamLoginAccount } from './accounts.js';
import { deleteStoredLogin, readStoredLogin, writeStoredLogin, type StoredUpstreamLogin } from './stored-login.js';
import { MAX_KEYCHAIN_VALUE_CHARS, partAccount, splitText } from './split-secret.js';

/** Windows Credential Manager's CRED_MAX_CREDENTIAL_BLOB_SIZE; keyring-rs stores the value as UTF-16LE. */
const WINDOWS_BLOB_LIMIT_BYTES = 2560;

/** A token of `length` base64url characters, like a large Entra or Okta JWT. */
function bigToken(length: number): string {
  return randomBytes(length).toString('base64url').slice(0, length);
}

function login(overrides: Partial<StoredUpstreamLogin> = {}): StoredUpstreamLogin {
  return {
    version: 1,
    url: 'https://mcp.example.com/mcp',
    issuer: 'https://login.example.com/tenant/v2.0',
    client: { kind: 'registered', clientId: 'client-123' },
    tokens: { access_token: bigToken(4096), refresh_token: bigToken(4096), token_type: 'Bearer', scope: 'openid offline_access mcp:tools' },
    expiresAt: 1_900_000_000_000,
    subject: 'zoë 🦊 <zoe@example.com>',
    discovery: {
      authorizationServerUrl: 'https://login.example.com/tenant/v2.0',
      resourceMetadataUrl: 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp',
      resourceMetadata: { resource: 'https://mcp.example.com/mcp', authorization_servers: ['https://login.example.com/tenant/v2.0'] },
      authorizationServerMetadata: {
        issuer: 'https://login.example.com/tenant/v2.0',
        authorization_endpoint: 'https://login.example.com/tenant/oauth2/v2.0/authorize',
        token_endpoint: 'https://login.example.com/tenant/oauth2/v2.0/token',
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
      },
    },
    ...overrides,
  };
}

function loginAccounts(store: ListingSecretStore, name = 'remote'): string[] {
  const account = upstreamLoginAccount(name);
  return [...store.entries().keys()].filter((key) => key === account || key.startsWith(`${account}:`)).sort();
}

describe('splitText', () => {
  it('cuts into pieces no longer than the bound that join back to the text', () => {
    const text = bigToken(5000);
    const pieces = splitText(text, 1024);
    expect(pieces.map((piece) => piece.length)).toEqual([1024, 1024, 1024, 1024, 904]);
    expect(pieces.join('')).toBe(text);
  });

  it('never cuts a surrogate pair in two', () => {
    const text = `${'a'.repeat(1023)}🦊${'b'.repeat(10)}`;
    const pieces = splitText(text, 1024);
    expect(pieces[0]).toBe('a'.repeat(1023));
    expect(pieces[1]!.startsWith('🦊')).toBe(true);
    expect(pieces.join('')).toBe(text);
    // Each piece survives a round trip through UTF-8 (what the keychain bindings convert to) unchanged.
    for (const piece of pieces) expect(Buffer.from(piece, 'utf8').toString('utf8')).toBe(piece);
  });
});

describe('a sign-in in the keychain', () => {
  it('with a 4 KB access token and a 4 KB refresh token: every value stays under the bound (and under Windows\' blob limit)', async () => {
    const secrets = createListingSecretStore();
    const stored = login();
    await writeStoredLogin(secrets, 'remote', stored);

    const values = [...secrets.entries().values()];
    expect(values.length).toBeGreaterThan(8);
    for (const value of values) {
      expect(value.length).toBeLessThanOrEqual(MAX_KEYCHAIN_VALUE_CHARS);
      expect(Buffer.byteLength(value, 'utf16le')).toBeLessThanOrEqual(WINDOWS_BLOB_LIMIT_BYTES);
    }
    expect(await readStoredLogin(secrets, 'remote')).toEqual({ kind: 'found', login: stored });
  });

  it('a rewrite (refresh) replaces every part: the other slot is used and the old one deleted, a shorter login leaves nothing behind', async () => {
    const secrets = createListingSecretStore();
    await writeStoredLogin(secrets, 'remote', login());
    const first = loginAccounts(secrets);
    expect(first).toContain(partAccount(upstreamLoginAccount('remote'), 'a', 0));

    const smaller = login({ tokens: { access_token: bigToken(900), refresh_token: bigToken(300), token_type: 'Bearer' } });
    await writeStoredLogin(secrets, 'remote', smaller);
    const second = loginAccounts(secrets);
    expect(second.some((account) => account.includes(':a:'))).toBe(false);
    expect(second.length).toBeLessThan(first.length);
    expect(await readStoredLogin(secrets, 'remote')).toEqual({ kind: 'found', login: smaller });

    await writeStoredLogin(secrets, 'remote', login());
    expect(loginAccounts(secrets).some((account) => account.includes(':b:'))).toBe(false);
  });

  it('sign-out deletes the entry and every part, leftovers of an interrupted write included', async () => {
    const secrets = createListingSecretStore();
    await writeStoredLogin(secrets, 'remote', login());
    await writeStoredLogin(secrets, 'other', login());
    // An interrupted write: parts in the other slot, no header naming them.
    await secrets.set(partAccount(upstreamLoginAccount('remote'), 'b', 0), 'orphan');
    await secrets.set(partAccount(upstreamLoginAccount('remote'), 'b', 1), 'orphan');

    await deleteStoredLogin(secrets, 'remote');
    expect(loginAccounts(secrets)).toEqual([]);
    expect(await readStoredLogin(secrets, 'remote')).toEqual({ kind: 'missing' });
    expect((await readStoredLogin(secrets, 'other')).kind).toBe('found');
  });

  it('a part missing reads as "not signed in" with the reason, never a crash', async () => {
    const secrets = createListingSecretStore();
    await writeStoredLogin(secrets, 'remote', login());
    const parts = loginAccounts(secrets).filter((account) => account !== upstreamLoginAccount('remote'));
    await secrets.delete(partAccount(upstreamLoginAccount('remote'), 'a', 1));
    expect(await readStoredLogin(secrets, 'remote')).toEqual({
      kind: 'damaged',
      problem: `the sign-in kept in the keychain lacks part 2 of ${parts.length}`,
    });
  });

  it('parts from two different writes read as damaged (checksum), not as a mixed sign-in', async () => {
    const secrets = createListingSecretStore();
    await writeStoredLogin(secrets, 'remote', login());
    const part = partAccount(upstreamLoginAccount('remote'), 'a', 2);
    await secrets.set(part, bigToken((await secrets.get(part))!.length));
    expect(await readStoredLogin(secrets, 'remote')).toMatchObject({ kind: 'damaged', problem: expect.stringMatching(/parts that do not belong together$/) });
  });

  it('a malformed header, or a value that is no sign-in, reads as damaged', async () => {
    const secrets = createListingSecretStore();
    await secrets.set(upstreamLoginAccount('remote'), JSON.stringify({ split: 1, slot: 'c', parts: 2, sha256: 'x' }));
    expect(await readStoredLogin(secrets, 'remote')).toMatchObject({ kind: 'damaged', problem: expect.stringContaining('malformed list of parts') });
    await secrets.set(upstreamLoginAccount('remote'), JSON.stringify({ split: 1, slot: 'a', parts: 10_000, sha256: 'x' }));
    expect((await readStoredLogin(secrets, 'remote')).kind).toBe('damaged');
    await secrets.set(upstreamLoginAccount('remote'), 'not json');
    expect(await readStoredLogin(secrets, 'remote')).toEqual({ kind: 'damaged', problem: 'the sign-in kept in the keychain is not readable' });
  });

  it('still reads a sign-in stored whole in one entry (the format before splitting), and a rewrite splits it', async () => {
    const secrets = createListingSecretStore();
    const whole = login({ tokens: { access_token: 'short-access', refresh_token: 'short-refresh', token_type: 'Bearer' } });
    await secrets.set(upstreamLoginAccount('remote'), JSON.stringify(whole));
    expect(await readStoredLogin(secrets, 'remote')).toEqual({ kind: 'found', login: whole });

    await writeStoredLogin(secrets, 'remote', whole);
    expect(loginAccounts(secrets).length).toBeGreaterThan(1);
    expect(await readStoredLogin(secrets, 'remote')).toEqual({ kind: 'found', login: whole });
  });

  it('refuses to write a sign-in too large for the keychain, and keeps the previous one', async () => {
    const secrets = createListingSecretStore();
    const previous = login();
    await writeStoredLogin(secrets, 'remote', previous);
    const huge = login({ tokens: { access_token: bigToken(40_000), token_type: 'Bearer' } });
    await expect(writeStoredLogin(secrets, 'remote', huge)).rejects.toThrow(/too large to keep in the keychain/);
    expect(await readStoredLogin(secrets, 'remote')).toEqual({ kind: 'found', login: previous });
  });
});
