import { describe, expect, it } from 'vitest';
import { defaultSettings } from './schema.js';
import { SECRET_REFUSED } from './secrets.js';
import type { Settings } from './types.js';
import { validateSettings, validateSettingsPatch } from './validate.js';

const oauthSettings = (): Settings => ({
  ...defaultSettings(),
  auth: 'oauth',
  oauth: { issuer: 'https://login.example.com', audience: 'https://mcp.example.com', requiredScopes: [] },
});

describe('validateSettingsPatch: what the settings UI calls before saving', () => {
  it('returns the complete new settings for a good change', () => {
    const result = validateSettingsPatch({ port: 9000, rateLimit: { rps: 10 } }, defaultSettings());
    expect(result).toEqual({ ok: true, settings: { ...defaultSettings(), port: 9000, rateLimit: { rps: 10, burst: 20 } } });
  });

  it('returns one message per bad field, and no settings at all', () => {
    const result = validateSettingsPatch(
      { port: 70000, host: 'bad host', auth: 'kerberos', rateLimit: { burst: 0 }, sharedFolders: ['/ok', 'relative'] },
      defaultSettings(),
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        host: 'expected an IP address or host name, e.g. 127.0.0.1',
        port: 'expected an integer from 0 to 65535',
        auth: 'expected one of none, api_key, oauth',
        'rateLimit.burst': 'expected an integer from 1 to 1000000',
        sharedFolders: 'expected absolute folder paths',
      },
    });
  });

  it('requires issuer and audience when auth is oauth', () => {
    expect(validateSettingsPatch({ auth: 'oauth' }, defaultSettings())).toEqual({
      ok: false,
      errors: { 'oauth.issuer': 'required when auth is oauth', 'oauth.audience': 'required when auth is oauth' },
    });
    expect(validateSettingsPatch({ auth: 'oauth', oauth: { issuer: 'not a url' } }, defaultSettings())).toEqual({
      ok: false,
      errors: {
        'oauth.issuer': 'expected an http(s) URL, e.g. https://login.example.com',
        'oauth.audience': 'required when auth is oauth',
      },
    });
  });

  it('accepts an http JWKS URI only on loopback hosts', () => {
    for (const jwksUri of ['https://login.example.com/jwks', 'http://127.0.0.1:4000/jwks', 'http://localhost/jwks', 'http://[::1]:9/jwks']) {
      expect(validateSettingsPatch({ oauth: { jwksUri } }, oauthSettings()).ok).toBe(true);
    }
    expect(validateSettingsPatch({ oauth: { jwksUri: 'http://login.example.com/jwks' } }, oauthSettings())).toEqual({
      ok: false,
      errors: { 'oauth.jwksUri': 'expected an https URL (http only on a loopback host: localhost, 127.x.x.x or [::1])' },
    });
  });

  it('clears an optional field with null or an empty string; lists replace', () => {
    const current = { ...oauthSettings(), publicBaseUrl: 'https://mcp.example.com', allowedHosts: ['a.example.com'] };
    const result = validateSettingsPatch({ publicBaseUrl: null, oauth: { jwksUri: '' }, allowedHosts: ['b.example.com'] }, current);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings.publicBaseUrl).toBeUndefined();
    expect(result.settings.oauth.jwksUri).toBeUndefined();
    expect(result.settings.oauth.issuer).toBe('https://login.example.com');
    expect(result.settings.allowedHosts).toEqual(['b.example.com']);
    expect(JSON.parse(JSON.stringify(result.settings))).not.toHaveProperty('publicBaseUrl');
  });

  it('refuses secrets and unknown settings by name', () => {
    const result = validateSettingsPatch(
      { apiKey: 'k', oauth: { clientSecret: 's', audience: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln' }, colour: 'blue' },
      oauthSettings(),
    );
    expect(result).toEqual({
      ok: false,
      errors: { apiKey: SECRET_REFUSED, 'oauth.clientSecret': SECRET_REFUSED, 'oauth.audience': SECRET_REFUSED, colour: 'is not a setting' },
    });
  });

  it('refuses something that is not an object', () => {
    expect(validateSettingsPatch('port=1', defaultSettings())).toEqual({ ok: false, errors: { '': 'expected an object' } });
    expect(validateSettingsPatch({ oauth: 'x' }, defaultSettings())).toEqual({ ok: false, errors: { oauth: 'expected an object' } });
  });
});

describe('validateSettings: complete settings as saved', () => {
  it('refuses a ServerConfig with its API key, even an undefined one', () => {
    expect(validateSettings({ ...defaultSettings(), apiKey: 'k' })).toEqual({ ok: false, errors: { apiKey: SECRET_REFUSED } });
    expect(validateSettings({ ...defaultSettings(), apiKey: undefined })).toEqual({ ok: false, errors: { apiKey: SECRET_REFUSED } });
  });

  it('refuses incomplete settings', () => {
    const { port: _port, ...withoutPort } = defaultSettings();
    expect(validateSettings(withoutPort)).toEqual({ ok: false, errors: { port: 'expected an integer from 0 to 65535' } });
  });
});

describe('a remote server’s sign-in settings', () => {
  const server = { kind: 'http', name: 'remote', url: 'https://mcp.example.com/mcp' };

  it('are kept as given, each optional', () => {
    const auth = { clientId: 'my-client', clientMetadataUrl: 'https://app.example.com/client.json', scope: 'read write' };
    const result = validateSettingsPatch({ servers: [{ ...server, auth }] }, defaultSettings());
    expect(result.ok && result.settings.servers[0]).toMatchObject({ auth });
    expect(validateSettingsPatch({ servers: [{ ...server, auth: {} }] }, defaultSettings()).ok).toBe(true);
  });

  it('are refused field by field, unknown keys too', () => {
    const result = validateSettingsPatch({ servers: [{ ...server, auth: { clientId: 'a b', clientMetadataUrl: 'http://app.example.com/c.json', scope: 'a  b', clientSecret: 'x' } }] }, defaultSettings());
    expect(result.ok).toBe(false);
    expect(Object.keys(result.ok ? {} : result.errors).sort()).toEqual(['servers.auth.clientId', 'servers.auth.clientMetadataUrl', 'servers.auth.clientSecret', 'servers.auth.scope']);
  });
});
