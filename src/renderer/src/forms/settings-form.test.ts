import { describe, expect, it } from 'vitest';
import type { Settings } from '../../../shared/view-types.js';
import { authFormFrom, authFormPatch, rateLimitFormPatch, serverFormFrom, serverFormPatch } from './settings-form.js';

const SETTINGS: Settings = {
  host: '127.0.0.1',
  port: 8000,
  auth: 'oauth',
  oauth: { issuer: 'https://id.example.com', audience: 'http://127.0.0.1:8000/mcp', requiredScopes: [] },
  rateLimit: { rps: 0, burst: 20 },
  sharedFolders: [],
  allowedHosts: [],
  allowedOrigins: [],
  servers: [],
};

describe('settings forms', () => {
  it('round-trips the saved server settings', () => {
    expect(serverFormPatch(serverFormFrom(SETTINGS))).toEqual({ patch: { host: '127.0.0.1', port: 8000 }, errors: {} });
  });

  it('refuses ports that are not whole numbers in range, at the port field', () => {
    for (const port of ['abc', '-1', '8000.5', '65536', '']) {
      expect(serverFormPatch({ host: '127.0.0.1', port }).errors).toEqual({ port: 'Enter a whole number from 0 to 65535.' });
    }
    expect(serverFormPatch({ host: ' ', port: '1' }).errors).toHaveProperty('host');
  });

  it('sends emptied OAuth fields as null so they are cleared', () => {
    const form = { ...authFormFrom(SETTINGS), issuer: '  ', clientId: 'desktop ' };
    expect(authFormPatch(form).patch).toEqual({
      auth: 'oauth',
      oauth: { issuer: null, audience: 'http://127.0.0.1:8000/mcp', jwksUri: null, clientId: 'desktop', redirectUri: null },
    });
  });

  it('refuses at the field, before sending, an issuer or JWKS URI on plain http off this computer (oauth mode only)', () => {
    const form = { ...authFormFrom(SETTINGS), issuer: 'http://login.example.com' };
    expect(Object.keys(authFormPatch(form).errors)).toEqual(['oauth.issuer']);
    expect(authFormPatch(form).errors['oauth.issuer']).toMatch(/^Plain http is only for an issuer on this computer/);
    expect(authFormPatch({ ...form, jwksUri: 'http://login.example.com/jwks' }).errors).toEqual({ 'oauth.jwksUri': expect.stringMatching(/^Enter an https URL/) });
    expect(authFormPatch({ ...form, jwksUri: 'https://login.example.com/jwks' }).errors).toEqual({});
    expect(authFormPatch({ ...form, issuer: 'http://127.0.0.1:9000' }).errors).toEqual({});
    expect(authFormPatch({ ...form, auth: 'none' }).errors).toEqual({});
  });

  it('checks rate limit numbers', () => {
    expect(rateLimitFormPatch({ rps: '2.5', burst: '5' })).toEqual({ patch: { rateLimit: { rps: 2.5, burst: 5 } }, errors: {} });
    expect(Object.keys(rateLimitFormPatch({ rps: 'fast', burst: '0' }).errors).sort()).toEqual(['rateLimit.burst', 'rateLimit.rps']);
  });
});
