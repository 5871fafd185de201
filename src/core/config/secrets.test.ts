import { describe, expect, it } from 'vitest';
import { defaultSettings } from './schema.js';
import { isLiteralSecretHeader, isSecretLikeEnvName, isSecretRefusal, SECRET_REFUSED, settingsSecretProblems } from './secrets.js';
import { validateSettings } from './validate.js';
import type { UpstreamSettings } from '../../shared/gateway-types.js';

const http = (headers: Record<string, string>): UpstreamSettings => ({
  name: 'api',
  kind: 'http',
  enabled: true,
  secrets: ['TOKEN'],
  disabledTools: [],
  url: 'https://mcp.example.com/mcp',
  headers,
});
const stdio = (env: Record<string, string>): UpstreamSettings => ({
  name: 'github',
  kind: 'stdio',
  enabled: true,
  secrets: ['GITHUB_TOKEN'],
  disabledTools: ['delete_repo'],
  command: 'npx',
  args: ['-y', '@modelcontextprotocol/server-github'],
  env,
});

describe('the secret guard for upstream servers', () => {
  it('accepts secret names in `secrets`, any header name, and a header value that refers to a secret', () => {
    const settings = { ...defaultSettings(), servers: [http({ Authorization: 'Bearer ${secret:TOKEN}', 'X-Api-Key': '${secret:TOKEN}', Accept: 'application/json' }), stdio({ LOG_LEVEL: 'debug' })] };
    expect(settingsSecretProblems(settings)).toEqual({});
    expect(validateSettings(settings).ok).toBe(true);
  });

  it('refuses a literal secret in a header value and says to use `servers secret set` and `${secret:KEY}`', () => {
    const problems = settingsSecretProblems({ servers: [http({ Authorization: 'Bearer abc123', 'X-Api-Key': 'abc123', 'X-Trace': 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln' })] });
    expect(Object.keys(problems).sort()).toEqual(['servers.headers.Authorization', 'servers.headers.X-Api-Key', 'servers.headers.X-Trace']);
    expect(problems['servers.headers.Authorization']).toContain('mcp-toolkit servers secret set api AUTHORIZATION');
    expect(problems['servers.headers.Authorization']).toContain('${secret:AUTHORIZATION}');
    expect(Object.values(problems).every(isSecretRefusal)).toBe(true);
  });

  it('refuses a reference with a literal secret beside it', () => {
    expect(isLiteralSecretHeader('Authorization', 'Bearer ${secret:TOKEN}')).toBe(false);
    expect(isLiteralSecretHeader('Authorization', 'Basic ${secret:TOKEN}')).toBe(false);
    expect(isLiteralSecretHeader('Authorization', 'Bearer abc ${secret:TOKEN}')).toBe(true);
    expect(isLiteralSecretHeader('Cookie', 'session=abc')).toBe(true);
    expect(isLiteralSecretHeader('User-Agent', 'mcp-toolkit')).toBe(false);
  });

  it('refuses environment variables whose names look secret, pointing at `servers secret set NAME KEY`', () => {
    const problems = settingsSecretProblems({ servers: [stdio({ GITHUB_TOKEN: 'ghp_x', api_key: 'x', DB_PASSWORD: 'x', CLIENT_SECRET: 'x', LOG_LEVEL: 'info' })] });
    expect(Object.keys(problems).sort()).toEqual(['servers.env.CLIENT_SECRET', 'servers.env.DB_PASSWORD', 'servers.env.GITHUB_TOKEN', 'servers.env.api_key']);
    expect(problems['servers.env.GITHUB_TOKEN']).toContain('mcp-toolkit servers secret set github GITHUB_TOKEN');
    expect(['GITHUB_TOKEN', 'apiKey', 'Db_Password', 'MY_SECRET'].every(isSecretLikeEnvName)).toBe(true);
    expect(isSecretLikeEnvName('LOG_LEVEL')).toBe(false);
  });

  it('still judges other server fields and the rest of the settings as before', () => {
    const problems = settingsSecretProblems({ apiKey: 'k', servers: [{ ...stdio({}), args: ['--auth', 'Bearer abc'], token: 'x' }] });
    expect(problems).toEqual({ apiKey: SECRET_REFUSED, 'servers.args': SECRET_REFUSED, 'servers.token': SECRET_REFUSED });
  });

  it('a refused save names each field', () => {
    const result = validateSettings({ ...defaultSettings(), servers: [stdio({ GITHUB_TOKEN: 'ghp_x' })] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toEqual(['servers.env.GITHUB_TOKEN']);
  });
});
