import { describe, expect, it } from 'vitest';
import { isJsonContentType } from '../core/http/request-guards.js';
import { createDashboardSecret } from './secret.js';
import { readCookie, sessionCookieHeader } from './session-cookie.js';

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
