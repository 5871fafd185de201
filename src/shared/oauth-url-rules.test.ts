import { describe, expect, it } from 'vitest';
import { issuerUrlProblem, jwksUriProblem } from './oauth-url-rules.js';

describe('issuerUrlProblem', () => {
  it('accepts https anywhere and plain http on this computer', () => {
    for (const issuer of ['https://login.example.com', 'http://127.0.0.1:9000', 'http://localhost/realms/x', 'http://[::1]:8080']) {
      expect(issuerUrlProblem(issuer)).toBeUndefined();
    }
  });

  it('refuses plain http on another host unless a JWKS URI is set, in the words of the form', () => {
    expect(issuerUrlProblem('http://login.example.com')).toMatch(/^Plain http is only for an issuer on this computer.*Use https, or set a JWKS URI on https\.$/);
    expect(issuerUrlProblem('http://app.localhost')).toMatch(/^Plain http/);
    expect(issuerUrlProblem('http://login.example.com', 'https://login.example.com/jwks')).toBeUndefined();
  });

  it('refuses what is not an http(s) URL, and a query or fragment', () => {
    expect(issuerUrlProblem('login.example.com')).toMatch(/^Enter an http\(s\) URL/);
    expect(issuerUrlProblem('ftp://login.example.com')).toMatch(/^Enter an http\(s\) URL/);
    expect(issuerUrlProblem('https://login.example.com/?tenant=1')).toMatch(/no query/);
  });
});

describe('jwksUriProblem', () => {
  it('accepts https and loopback http, refuses other plain http', () => {
    expect(jwksUriProblem('https://login.example.com/jwks')).toBeUndefined();
    expect(jwksUriProblem('http://127.0.0.1:9000/jwks')).toBeUndefined();
    expect(jwksUriProblem('http://login.example.com/jwks')).toMatch(/^Enter an https URL \(plain http only on this computer/);
  });
});
