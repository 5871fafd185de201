import { describe, expect, it } from 'vitest';
import { clientMetadataUrlProblem, plainHttpSignInProblem, signInServerUrlProblem, upstreamAuthProblems } from './upstream-auth-rules.js';

describe('sign-in settings of a remote server', () => {
  it('accepts a client ID, an https (or loopback http) metadata document and a scope list', () => {
    expect(upstreamAuthProblems({ clientId: 'abc-123', clientMetadataUrl: 'https://app.example.com/oauth/client.json', scope: 'read write:all' })).toEqual({});
    expect(clientMetadataUrlProblem('http://127.0.0.1:8080/client.json')).toBeUndefined();
    expect(upstreamAuthProblems({})).toEqual({});
  });

  it('refuses each bad field at its path', () => {
    expect(Object.keys(upstreamAuthProblems({ clientId: 'a b', clientMetadataUrl: 'http://app.example.com/c.json', scope: 'a  b' })).sort()).toEqual(['auth.clientId', 'auth.clientMetadataUrl', 'auth.scope']);
    expect(upstreamAuthProblems({ clientId: '' })).toHaveProperty('auth.clientId');
    expect(upstreamAuthProblems({ scope: 'say "hi"' })).toHaveProperty('auth.scope');
  });

  it.each(['https://app.example.com/', 'https://app.example.com/c.json?x=1', 'https://app.example.com/c.json#f', 'https://u:p@app.example.com/c.json', 'ftp://app.example.com/c.json', 'not a url'])('refuses the metadata URL %s', (url) => {
    expect(clientMetadataUrlProblem(url)).toEqual(expect.any(String));
  });

  it('sends tokens over https, or plain http on this computer only', () => {
    expect(signInServerUrlProblem('https://mcp.example.com/mcp')).toBeUndefined();
    expect(signInServerUrlProblem('http://localhost:3000/mcp')).toBeUndefined();
    expect(signInServerUrlProblem('http://mcp.example.com/mcp')).toContain('https');
  });

  it('says why a plain-http server on another computer gets no sign-in, showing its URL without the query', () => {
    expect(plainHttpSignInProblem('http://mcp.example.invalid/mcp?key=abc')).toBe(
      'wants a sign-in, but its URL is plain http (http://mcp.example.invalid/mcp): a sign-in would send your tokens unencrypted; use its https URL',
    );
    for (const url of ['https://mcp.example.invalid/mcp', 'http://127.0.0.1:3000/mcp', 'http://localhost/mcp', 'http://[::1]:8080/mcp']) expect(plainHttpSignInProblem(url)).toBeUndefined();
    expect(plainHttpSignInProblem('http://app.localhost/mcp')).toEqual(expect.any(String));
  });
});
