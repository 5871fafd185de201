import { describe, expect, it } from 'vitest';
import { callTimeoutOf, plainHttpSignInRefusal, usesSignIn, validateUpstreamSpec, type UpstreamSpec } from './upstream-spec.js';

const stdio: UpstreamSpec = { kind: 'stdio', name: 'github', command: 'npx', args: ['-y', 'server'], env: { LOG_LEVEL: 'info' } };
const http: UpstreamSpec = { kind: 'http', name: 'remote-1', url: 'https://mcp.example.com/mcp', headers: { Authorization: 'Bearer ${secret:TOKEN}' } };

describe('validateUpstreamSpec', () => {
  it('accepts valid stdio and http specs', () => {
    expect(validateUpstreamSpec(stdio)).toEqual({ ok: true, spec: stdio });
    expect(validateUpstreamSpec(http)).toEqual({ ok: true, spec: http });
  });

  it.each(['a', '0-server', 'x'.repeat(32), 'my-server-2'])('accepts the name %s', (name) => {
    expect(validateUpstreamSpec({ ...stdio, name }).ok).toBe(true);
  });

  it.each(['', '-lead', 'Upper', 'under_score', 'x'.repeat(33), 'dots.no', 'spa ce', 'a__b'])('refuses the name %j', (name) => {
    expect(validateUpstreamSpec({ ...stdio, name })).toMatchObject({ ok: false, errors: { name: expect.any(String) } });
  });

  it('reports every wrong field of a stdio spec at once', () => {
    const result = validateUpstreamSpec({ ...stdio, name: 'Bad', command: '  ', env: { '1X': 'a', GOOD: 'ok' }, cwd: '', callTimeoutMs: 0 });
    expect(result.ok).toBe(false);
    expect(Object.keys(result.ok ? {} : result.errors).sort()).toEqual(['callTimeoutMs', 'command', 'cwd', 'env.1X', 'name']);
  });

  it.each(['ftp://example.com/mcp', 'file:///etc/passwd', 'not a url', 'javascript:alert(1)'])('refuses the URL %s', (url) => {
    expect(validateUpstreamSpec({ ...http, url })).toMatchObject({ ok: false, errors: { url: expect.stringMatching(/^expected an http:\/\/ or https:\/\/ URL/) } });
  });

  it('refuses credentials in the URL and bad headers', () => {
    const result = validateUpstreamSpec({ ...http, url: 'https://user:pw@example.com/', headers: { 'Bad Name': 'x', 'X-Ok': 'two\nlines' } });
    expect(result).toMatchObject({ ok: false, errors: { url: expect.stringContaining('header'), 'headers.Bad Name': expect.any(String), 'headers.X-Ok': expect.any(String) } });
  });

  it('checks the sign-in settings field by field, and asks https (or this computer) of a server signed in to', () => {
    const signedIn: UpstreamSpec = { kind: 'http', name: 'remote', url: 'https://mcp.example.com/mcp', headers: {}, auth: { clientId: 'my-client', scope: 'read' } };
    expect(validateUpstreamSpec(signedIn).ok).toBe(true);
    const result = validateUpstreamSpec({ ...signedIn, url: 'http://mcp.example.com/mcp', auth: { clientId: 'a b', clientMetadataUrl: 'https://x.example.com/', scope: '' } });
    expect(Object.keys(result.ok ? {} : result.errors).sort()).toEqual(['auth.clientId', 'auth.clientMetadataUrl', 'auth.scope', 'url']);
  });

  it('signs in to a remote server unless it sends a static Authorization header', () => {
    expect(usesSignIn({ kind: 'http', name: 'r', url: 'https://x.example.com/mcp', headers: { 'X-Team': 'a' } })).toBe(true);
    expect(usesSignIn(http)).toBe(false);
    expect(usesSignIn({ kind: 'http', name: 'r', url: 'https://x.example.com/mcp', headers: { authorization: 'Basic x' } })).toBe(false);
    expect(usesSignIn(stdio)).toBe(false);
  });

  it('never signs in to a plain-http server on another computer, and says why in the user’s words', () => {
    const plain = { kind: 'http', name: 'wiki', url: 'http://mcp.example.invalid/mcp', headers: {} } as const;
    expect(validateUpstreamSpec(plain).ok).toBe(true);
    expect(usesSignIn(plain)).toBe(false);
    expect(plainHttpSignInRefusal(plain)).toBe('wiki wants a sign-in, but its URL is plain http (http://mcp.example.invalid/mcp): a sign-in would send your tokens unencrypted; use its https URL');
    for (const url of ['http://127.0.0.1:3000/mcp', 'http://localhost/mcp', 'https://mcp.example.invalid/mcp']) {
      expect(usesSignIn({ ...plain, url })).toBe(true);
      expect(plainHttpSignInRefusal({ ...plain, url })).toBeUndefined();
    }
  });

  it('defaults the call timeout to 120 s', () => {
    expect(callTimeoutOf(stdio)).toBe(120_000);
    expect(callTimeoutOf({ ...stdio, callTimeoutMs: 5_000 })).toBe(5_000);
  });
});
