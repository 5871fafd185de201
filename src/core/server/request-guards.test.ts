import { describe, expect, it } from 'vitest';
import { allowedHostnames, checkHost, checkOrigin, hostnameOfHostHeader } from './request-guards.js';

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
