import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl, isAppUrl } from './external-links.js';

describe('isAllowedExternalUrl', () => {
  it('lets https links and loopback http links through to the browser', () => {
    expect(isAllowedExternalUrl('https://modelcontextprotocol.io/docs')).toBe(true);
    expect(isAllowedExternalUrl('https://id.example.com/authorize?client_id=x&state=y')).toBe(true);
    expect(isAllowedExternalUrl('http://127.0.0.1:9000/authorize')).toBe(true);
    expect(isAllowedExternalUrl('http://localhost:9000/')).toBe(true);
    expect(isAllowedExternalUrl('http://[::1]:9000/')).toBe(true);
  });

  it('refuses plain http to other hosts, other schemes, credentials and garbage', () => {
    for (const url of [
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'vscode://settings',
      'https://user:pass@example.com/',
      'not a url',
      '',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });
});

describe('isAppUrl', () => {
  it('allows the app page itself, not other files or origins', () => {
    const file = 'file:///opt/app/out/renderer/index.html';
    expect(isAppUrl('file:///opt/app/out/renderer/index.html#activity', file)).toBe(true);
    expect(isAppUrl('file:///etc/passwd', file)).toBe(false);
    expect(isAppUrl('https://evil.example/', file)).toBe(false);
    const dev = 'http://localhost:5173/';
    expect(isAppUrl('http://localhost:5173/index.html', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
  });
});
