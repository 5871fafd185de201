import { describe, expect, it } from 'vitest';
import { settingsFromEnv } from './env.js';

/** The single error line a lone bad variable produces. */
function errorLines(env: Record<string, string>): string[] {
  return settingsFromEnv(env).errors.map((error) => error.message);
}

describe('environment variables → settings', () => {
  it('reads every documented variable, lists with their own separators', () => {
    const { layer, apiKey, errors } = settingsFromEnv({
      MCP_AUTH: 'oauth',
      MCP_API_KEY: 'k-123456789',
      MCP_HOST: '0.0.0.0',
      MCP_PORT: '9000',
      MCP_RATE_LIMIT_RPS: '2.5',
      MCP_RATE_LIMIT_BURST: '5',
      MCP_OAUTH_ISSUER: 'http://127.0.0.1:4000',
      MCP_OAUTH_AUDIENCE: 'http://127.0.0.1:9000/mcp',
      MCP_OAUTH_JWKS_URI: 'http://localhost:4000/jwks',
      MCP_OAUTH_CLIENT_ID: 'toolkit-cli',
      MCP_OAUTH_REDIRECT_URI: 'http://127.0.0.1:33418/callback',
      MCP_OAUTH_REQUIRED_SCOPES: 'mcp:read  mcp:write',
      MCP_SHARED_FOLDERS: '/srv/docs:/home/ann/notes',
      MCP_ALLOWED_HOSTS: 'MCP.example.com, proxy.local:8443',
      MCP_ALLOWED_ORIGINS: 'https://App.example.com/,http://localhost:5173',
      MCP_PUBLIC_BASE_URL: 'https://mcp.example.com/',
    });
    expect(errors).toEqual([]);
    expect(apiKey).toBe('k-123456789');
    expect(layer).toEqual({
      auth: 'oauth',
      host: '0.0.0.0',
      port: 9000,
      rateLimit: { rps: 2.5, burst: 5 },
      oauth: {
        issuer: 'http://127.0.0.1:4000',
        audience: 'http://127.0.0.1:9000/mcp',
        jwksUri: 'http://localhost:4000/jwks',
        clientId: 'toolkit-cli',
        redirectUri: 'http://127.0.0.1:33418/callback',
        requiredScopes: ['mcp:read', 'mcp:write'],
      },
      sharedFolders: ['/srv/docs', '/home/ann/notes'],
      allowedHosts: ['mcp.example.com', 'proxy.local:8443'],
      allowedOrigins: ['https://app.example.com', 'http://localhost:5173'],
      publicBaseUrl: 'https://mcp.example.com',
    });
  });

  it('treats empty variables as unset and trims stray spaces', () => {
    expect(settingsFromEnv({ MCP_PORT: '', MCP_AUTH: '', MCP_API_KEY: '' })).toEqual({ layer: {}, errors: [] });
    expect(settingsFromEnv({ MCP_AUTH: ' api_key ' }).layer).toEqual({ auth: 'api_key' });
    expect(settingsFromEnv({ MCP_HOST: '[::1]' }).layer).toEqual({ host: '::1' });
  });

  it.each([
    ['MCP_AUTH', 'foo', 'MCP_AUTH="foo" is not valid: expected one of none, api_key, oauth'],
    ['MCP_AUTH', 'API_KEY', 'MCP_AUTH="API_KEY" is not valid: expected one of none, api_key, oauth'],
    ['MCP_PORT', 'abc', 'MCP_PORT="abc" is not valid: expected an integer from 0 to 65535'],
    ['MCP_PORT', '70000', 'MCP_PORT="70000" is not valid: expected an integer from 0 to 65535'],
    ['MCP_PORT', '80.5', 'MCP_PORT="80.5" is not valid: expected an integer from 0 to 65535'],
    ['MCP_PORT', '-1', 'MCP_PORT="-1" is not valid: expected an integer from 0 to 65535'],
    ['MCP_HOST', 'my_host', 'MCP_HOST="my_host" is not valid: expected an IP address or host name, e.g. 127.0.0.1'],
    [
      'MCP_RATE_LIMIT_RPS',
      '-1',
      'MCP_RATE_LIMIT_RPS="-1" is not valid: expected a number from 0 to 1000000 (0 turns rate limiting off)',
    ],
    [
      'MCP_RATE_LIMIT_RPS',
      'fast',
      'MCP_RATE_LIMIT_RPS="fast" is not valid: expected a number from 0 to 1000000 (0 turns rate limiting off)',
    ],
    ['MCP_RATE_LIMIT_BURST', '0', 'MCP_RATE_LIMIT_BURST="0" is not valid: expected an integer from 1 to 1000000'],
    ['MCP_RATE_LIMIT_BURST', '1.5', 'MCP_RATE_LIMIT_BURST="1.5" is not valid: expected an integer from 1 to 1000000'],
    [
      'MCP_OAUTH_ISSUER',
      'login.example.com',
      'MCP_OAUTH_ISSUER="login.example.com" is not valid: expected an http(s) URL, e.g. https://login.example.com',
    ],
    [
      'MCP_OAUTH_ISSUER',
      'ftp://login.example.com',
      'MCP_OAUTH_ISSUER="ftp://login.example.com" is not valid: expected an http(s) URL, e.g. https://login.example.com',
    ],
    [
      'MCP_OAUTH_ISSUER',
      'https://admin:hunter2@login.example.com',
      'MCP_OAUTH_ISSUER="https://***@login.example.com" is not valid: must not contain a user name or password (secrets belong in the keychain)',
    ],
    ['MCP_OAUTH_AUDIENCE', 'two words', 'MCP_OAUTH_AUDIENCE="two words" is not valid: expected a non-empty value without spaces'],
    [
      'MCP_OAUTH_JWKS_URI',
      'http://idp.example.com/jwks',
      'MCP_OAUTH_JWKS_URI="http://idp.example.com/jwks" is not valid: expected an https URL (http only on a loopback host: localhost, 127.x.x.x or [::1])',
    ],
    ['MCP_OAUTH_CLIENT_ID', 'a\tb', 'MCP_OAUTH_CLIENT_ID="a\\tb" is not valid: expected a non-empty value without spaces'],
    [
      'MCP_OAUTH_REDIRECT_URI',
      'https://app.example.com/cb',
      'MCP_OAUTH_REDIRECT_URI="https://app.example.com/cb" is not valid: expected an http URL on 127.0.0.1, localhost or [::1] without a query or fragment, e.g. http://127.0.0.1:33418/callback',
    ],
    [
      'MCP_OAUTH_REQUIRED_SCOPES',
      'read "write"',
      'MCP_OAUTH_REQUIRED_SCOPES="read \\"write\\"" is not valid: expected scope names (RFC 6749 section 3.3) separated by spaces',
    ],
    [
      'MCP_SHARED_FOLDERS',
      '/srv/docs:relative/notes',
      'MCP_SHARED_FOLDERS="/srv/docs:relative/notes" is not valid: expected absolute folder paths separated by ":"',
    ],
    [
      'MCP_ALLOWED_HOSTS',
      'good.example.com,bad host',
      'MCP_ALLOWED_HOSTS="good.example.com,bad host" is not valid: expected host names or IP addresses (each may end in :port) separated by commas',
    ],
    [
      'MCP_ALLOWED_ORIGINS',
      'https://app.example.com/path',
      'MCP_ALLOWED_ORIGINS="https://app.example.com/path" is not valid: expected origins such as https://app.example.com separated by commas',
    ],
    [
      'MCP_PUBLIC_BASE_URL',
      'https://mcp.example.com/?x=1',
      'MCP_PUBLIC_BASE_URL="https://mcp.example.com/?x=1" is not valid: expected an http(s) URL without query or fragment, e.g. https://mcp.example.com',
    ],
  ])('%s=%j gives exactly one line naming the variable, the value and what is allowed', (name, value, line) => {
    expect(errorLines({ [name]: value })).toEqual([line]);
  });

  it('never echoes the API key, even when it is rejected', () => {
    const key = ' sk-live-very-secret ';
    const [line, ...rest] = errorLines({ MCP_API_KEY: key });
    expect(rest).toEqual([]);
    expect(line).toBe('MCP_API_KEY (value hidden) is not valid: expected printable ASCII characters with no space at either end');
    expect(line).not.toContain('very-secret');
  });

  it('keeps each message on one line and bounded, whatever the value holds', () => {
    const [line] = errorLines({ MCP_PORT: `12\n34${'9'.repeat(500)}` });
    expect(line).not.toContain('\n');
    expect(line!.length).toBeLessThan(300);
  });

  it('reports every bad variable, one line each, in a stable order', () => {
    expect(errorLines({ MCP_PORT: 'abc', MCP_AUTH: 'foo', MCP_HOST: '127.0.0.1' })).toEqual([
      'MCP_AUTH="foo" is not valid: expected one of none, api_key, oauth',
      'MCP_PORT="abc" is not valid: expected an integer from 0 to 65535',
    ]);
  });
});
