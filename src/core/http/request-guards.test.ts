import { describe, expect, it } from 'vitest';
import {
  allowedHostnames,
  checkFetchSite,
  checkHost,
  checkOrigin,
  checkOriginIfPresent,
  checkSameOrigin,
  hostnameOfHostHeader,
  originFromHost,
} from './request-guards.js';

describe('DNS-rebinding guards', () => {
  it('reads the hostname of a Host header, with or without port, IPv6 in brackets', () => {
    expect(hostnameOfHostHeader('127.0.0.1:8000')).toBe('127.0.0.1');
    expect(hostnameOfHostHeader('LocalHost')).toBe('localhost');
    expect(hostnameOfHostHeader('[::1]:8000')).toBe('[::1]');
    expect(hostnameOfHostHeader('[::1')).toBeUndefined();
    expect(hostnameOfHostHeader('')).toBeUndefined();
  });

  it('allows the loopback names when bound to loopback, plus what the user added', () => {
    const allowed = allowedHostnames('127.0.0.1', ['mcp.example.com:443']);
    expect(checkHost('localhost:8000', allowed)).toBeUndefined();
    expect(checkHost('[::1]:8000', allowed)).toBeUndefined();
    expect(checkHost('mcp.example.com', allowed)).toBeUndefined();
    expect(checkHost('evil.example.com:8000', allowed)).toMatch(/not allowed/);
    expect(checkHost(undefined, allowed)).toMatch(/missing/);
  });

  it('allows only the bound address when bound elsewhere', () => {
    const allowed = allowedHostnames('192.168.1.20', []);
    expect(checkHost('192.168.1.20:8000', allowed)).toBeUndefined();
    expect(checkHost('localhost:8000', allowed)).toMatch(/not allowed/);
  });

  it('lets requests without Origin through and refuses foreign or malformed origins', () => {
    expect(checkOrigin(undefined, [])).toBeUndefined();
    expect(checkOrigin('http://localhost:6274', [])).toBeUndefined();
    expect(checkOrigin('http://127.0.0.1', [])).toBeUndefined();
    expect(checkOrigin('https://app.example.com', ['https://app.example.com'])).toBeUndefined();
    expect(checkOrigin('https://evil.example.com', [])).toMatch(/not allowed/);
    expect(checkOrigin('http://localhost.evil.com', [])).toMatch(/not allowed/);
    expect(checkOrigin('null', [])).toMatch(/not a valid origin/);
    expect(checkOrigin('file://localhost', [])).toMatch(/not allowed/);
  });
});

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
