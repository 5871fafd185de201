import { describe, expect, it } from 'vitest';
import {
  checkFetchSite,
  checkOriginIfPresent,
  checkSameOrigin,
  isJsonContentType,
  originFromHost,
  readCookie,
  sessionCookieHeader,
} from './request-checks.js';
import { createDashboardSecret } from './secret.js';

describe('originFromHost', () => {
  it('gives the page origin for loopback names with or without a port', () => {
    expect(originFromHost('127.0.0.1:8001')).toEqual({ ok: true, value: 'http://127.0.0.1:8001' });
    expect(originFromHost('LOCALHOST:9000')).toEqual({ ok: true, value: 'http://localhost:9000' });
    expect(originFromHost('[::1]:8001')).toEqual({ ok: true, value: 'http://[::1]:8001' });
    expect(originFromHost('127.0.0.1')).toEqual({ ok: true, value: 'http://127.0.0.1' });
  });

  it('refuses other names, missing hosts and malformed ports', () => {
    for (const host of [undefined, '', 'example.com', 'example.com:8001', '127.0.0.1.nip.io:8001', '10.0.0.1:8001', '127.0.0.1:', '127.0.0.1:80:80', '127.0.0.1:abc']) {
      expect(originFromHost(host).ok, String(host)).toBe(false);
    }
  });
});

describe('origin checks', () => {
  const own = 'http://127.0.0.1:8001';

  it('a state-changing call must name exactly our origin', () => {
    expect(checkSameOrigin(own, own).ok).toBe(true);
    expect(checkSameOrigin('HTTP://127.0.0.1:8001', own).ok).toBe(true);
    expect(checkSameOrigin(undefined, own)).toEqual({ ok: false, reason: 'missing Origin header' });
    expect(checkSameOrigin('http://127.0.0.1:3000', own).ok).toBe(false);
    expect(checkSameOrigin('http://localhost:8001', own).ok).toBe(false);
    expect(checkSameOrigin('null', own).ok).toBe(false);
  });

  it('a read may omit Origin (same-origin EventSource) but not name another', () => {
    expect(checkOriginIfPresent(undefined, own).ok).toBe(true);
    expect(checkOriginIfPresent(own, own).ok).toBe(true);
    expect(checkOriginIfPresent('http://127.0.0.1:3000', own).ok).toBe(false);
  });

  it('Fetch Metadata must say same-origin when present', () => {
    expect(checkFetchSite(undefined).ok).toBe(true);
    expect(checkFetchSite('same-origin').ok).toBe(true);
    for (const site of ['same-site', 'cross-site', 'none']) expect(checkFetchSite(site).ok, site).toBe(false);
  });
});

describe('cookies and content types', () => {
  it('reads one cookie among several', () => {
    expect(readCookie('a=1; mcp_toolkit_dashboard_8001=abc; b=2', 'mcp_toolkit_dashboard_8001')).toBe('abc');
    expect(readCookie('xmcp_toolkit_dashboard_8001=abc', 'mcp_toolkit_dashboard_8001')).toBeUndefined();
    expect(readCookie(undefined, 'a')).toBeUndefined();
    expect(readCookie('novalue; a=', 'a')).toBe('');
  });

  it('writes an HttpOnly, SameSite=Strict session cookie with no lifetime', () => {
    expect(sessionCookieHeader('n', 'v')).toBe('n=v; Path=/; HttpOnly; SameSite=Strict');
  });

  it('accepts JSON content types only', () => {
    expect(isJsonContentType('application/json')).toBe(true);
    expect(isJsonContentType('Application/JSON; charset=utf-8')).toBe(true);
    expect(isJsonContentType('text/plain')).toBe(false);
    expect(isJsonContentType('application/x-www-form-urlencoded')).toBe(false);
    expect(isJsonContentType(undefined)).toBe(false);
  });
});

describe('secrets', () => {
  it('are 32 random bytes in base64url', () => {
    const secret = createDashboardSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createDashboardSecret()).not.toBe(secret);
  });
});
