import { describe, expect, it } from 'vitest';
import { pinnedSettings, resolveConfig, resolveLayers } from './resolve.js';
import { defaultSettings } from './schema.js';

function config(input: Parameters<typeof resolveConfig>[0]) {
  const result = resolveConfig(input);
  if (!result.ok) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.config;
}

describe('resolveConfig: flags > environment > settings file > defaults', () => {
  it('with nothing set, serves on 127.0.0.1:8000 without auth and without rate limit', () => {
    const result = resolveConfig({});
    expect(result).toMatchObject({ ok: true, config: defaultSettings(), warnings: [] });
    expect(defaultSettings()).toEqual({
      host: '127.0.0.1',
      port: 8000,
      auth: 'none',
      oauth: { requiredScopes: [] },
      rateLimit: { rps: 0, burst: 20 },
      sharedFolders: [],
      allowedHosts: [],
      allowedOrigins: [],
      servers: [],
    });
  });

  it('takes each field from the highest source that sets it', () => {
    const file = { port: 8100, host: '127.0.0.2', rateLimit: { rps: 1, burst: 3 }, sharedFolders: ['/from/file'] };
    const env = { MCP_PORT: '8200', MCP_RATE_LIMIT_RPS: '5', MCP_SHARED_FOLDERS: '/from/env' };
    const flags = { port: '8300' };
    expect(config({ file })).toMatchObject({ port: 8100, host: '127.0.0.2', rateLimit: { rps: 1, burst: 3 } });
    expect(config({ file, env })).toMatchObject({ port: 8200, host: '127.0.0.2', rateLimit: { rps: 5, burst: 3 } });
    const all = config({ file, env, flags });
    expect(all).toMatchObject({ port: 8300, host: '127.0.0.2', rateLimit: { rps: 5, burst: 3 } });
    // Lists replace, they never merge across sources.
    expect(all.sharedFolders).toEqual(['/from/env']);
  });

  it('completes OAuth across sources and checks the rule on the result', () => {
    const file = { auth: 'oauth' as const, oauth: { requiredScopes: ['mcp'], audience: 'https://mcp.example.com' } };
    const env = { MCP_OAUTH_ISSUER: 'https://login.example.com' };
    expect(config({ file, env }).oauth).toEqual({
      issuer: 'https://login.example.com',
      audience: 'https://mcp.example.com',
      requiredScopes: ['mcp'],
    });
    const missing = resolveConfig({ file });
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.errors.map((error) => error.message)).toEqual([
      'MCP_OAUTH_ISSUER is not set: required when auth is oauth (set MCP_OAUTH_ISSUER, pass --oauth-issuer, or save it in the settings)',
    ]);
  });

  it('names the flag when a flag is wrong, and reports env and flag problems together', () => {
    const result = resolveConfig({ env: { MCP_AUTH: 'foo' }, flags: { port: 'abc', host: '127.0.0.1' } });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      {
        code: 'CONFIG_INVALID_VALUE',
        source: 'env',
        name: 'MCP_AUTH',
        field: 'auth',
        message: 'MCP_AUTH="foo" is not valid: expected one of none, api_key, oauth',
      },
      {
        code: 'CONFIG_INVALID_VALUE',
        source: 'flag',
        name: '--port',
        field: 'port',
        message: '--port="abc" is not valid: expected an integer from 0 to 65535',
      },
    ]);
  });

  it('takes the API key from MCP_API_KEY only, never from the settings or a flag', () => {
    const withKey = config({ env: { MCP_AUTH: 'api_key', MCP_API_KEY: 'k-0123456789abcdef' }, flags: { 'api-key': 'nope' } });
    expect(withKey.apiKey).toBe('k-0123456789abcdef');
    const fromFile = config({ file: { apiKey: 'nope' } as never });
    expect(fromFile).not.toHaveProperty('apiKey');
  });

  it('rejects a hand-built file layer that is not valid', () => {
    const result = resolveConfig({ file: { port: 70000 } });
    expect(!result.ok && result.errors.map((error) => error.message)).toEqual([
      'saved setting port is not valid: expected an integer from 0 to 65535',
    ]);
  });

  it('warns about an unused API key and about an open server reachable from other machines', () => {
    const result = resolveConfig({ env: { MCP_API_KEY: 'k-0123456789abcdef', MCP_HOST: '0.0.0.0' } });
    expect(result.ok && result.warnings).toEqual([
      'MCP_API_KEY is set but auth is none, so the key is not used',
      'auth is none and the server listens on 0.0.0.0, reachable from other machines: anyone who can connect can use its tools (set MCP_AUTH=api_key or oauth)',
    ]);
    expect(resolveConfig({ env: { MCP_HOST: 'localhost' } })).toMatchObject({ ok: true, warnings: [] });
    expect(resolveConfig({ env: { MCP_HOST: '::1' } })).toMatchObject({ ok: true, warnings: [] });
  });
});

describe('resolveLayers: the value of each field and the layer it came from', () => {
  const file = { port: 8100, rateLimit: { rps: 1 }, oauth: { issuer: 'https://file.example.com' } };
  const env = { MCP_PORT: '8200', MCP_RATE_LIMIT_BURST: '7', MCP_SHARED_FOLDERS: '/from/env' };
  const flags = { port: '8300', 'oauth-audience': 'aud-flag' };

  // field, value, layer, name — one row per precedence case.
  const table: [string, unknown, string, string | undefined][] = [
    ['port', 8300, 'flag', '--port'],
    ['rateLimit.burst', 7, 'env', 'MCP_RATE_LIMIT_BURST'],
    ['sharedFolders', ['/from/env'], 'env', 'MCP_SHARED_FOLDERS'],
    ['oauth.audience', 'aud-flag', 'flag', '--oauth-audience'],
    ['rateLimit.rps', 1, 'file', undefined],
    ['oauth.issuer', 'https://file.example.com', 'file', undefined],
    ['host', '127.0.0.1', 'default', undefined],
    ['auth', 'none', 'default', undefined],
  ];

  const resolved = resolveLayers({ file, env, flags });
  it.each(table)('%s = %j from the %s layer', (path, value, layer, name) => {
    const [key, inner] = path.split('.') as [string, string | undefined];
    const group = (resolved.config as unknown as Record<string, unknown>)[key];
    expect(inner === undefined ? group : (group as Record<string, unknown>)[inner]).toEqual(value);
    expect(resolved.sources[path as keyof typeof resolved.sources]).toEqual(name === undefined ? { layer } : { layer, name });
  });

  it('pins exactly the fields a flag or a variable sets, naming the flag or the variable', () => {
    expect(pinnedSettings(resolved.sources)).toEqual({
      port: '--port',
      'rateLimit.burst': 'MCP_RATE_LIMIT_BURST',
      sharedFolders: 'MCP_SHARED_FOLDERS',
      'oauth.audience': '--oauth-audience',
    });
    expect(pinnedSettings(resolveLayers({ file }).sources)).toEqual({});
  });

  it('leaves a bad value out and reports it, keeping every good one (a host that must keep running uses this)', () => {
    const result = resolveLayers({ file: { port: 8100 }, env: { MCP_PORT: 'abc', MCP_RATE_LIMIT_RPS: '3' } });
    expect(result.config).toMatchObject({ port: 8100, rateLimit: { rps: 3 } });
    expect(result.sources.port).toEqual({ layer: 'file' });
    expect(result.errors.map((error) => error.name)).toEqual(['MCP_PORT']);
    expect(resolveConfig({ file: { port: 8100 }, env: { MCP_PORT: 'abc' } }).ok).toBe(false);
  });

  it('reports an unmet cross-field rule without dropping the settings', () => {
    const result = resolveLayers({ env: { MCP_AUTH: 'oauth', MCP_OAUTH_AUDIENCE: 'a' } });
    expect(result.config.auth).toBe('oauth');
    expect(result.errors.map((error) => error.code)).toEqual(['CONFIG_MISSING_VALUE']);
  });
});
