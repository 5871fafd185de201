import { describe, expect, it } from 'vitest';
import { isHttpsOrLoopbackHttp, isLoopbackHost, isWildcardHost, loopbackRedirectBindAddress, reachableUrlHost } from './loopback.js';

/** Every host case once: is it loopback? */
const HOSTS: readonly (readonly [string, boolean])[] = [
  ['localhost', true],
  ['LocalHost', true],
  ['127.0.0.1', true],
  ['127.0.0.2', true],
  ['127.255.255.254', true],
  ['127.1', true], // the URL parser reads it as 127.0.0.1
  ['::1', true],
  ['[::1]', true],
  ['0:0:0:0:0:0:0:1', true],
  ['::ffff:127.0.0.1', true], // an IPv4 peer on a dual-stack socket
  ['[::ffff:7f00:1]', true],
  ['app.localhost', false], // RFC 6761 says loopback, but the OS resolver may ask DNS
  ['localhost.', false],
  ['localhost.evil.example', false],
  ['127.0.0.1.evil.example', false],
  ['127.0.0.1@evil.example', false],
  ['127.0.0.1#x', false],
  ['128.0.0.1', false],
  ['10.0.0.1', false],
  ['0.0.0.0', false],
  ['::', false],
  ['[::]', false],
  ['::ffff:10.0.0.1', false],
  ['fe80::1%eth0', false],
  ['127.256.0.1', false],
  ['example.com', false],
  ['', false],
];

/** Every URL case once: may plain http be used, and which address would a redirect listener bind? */
const URLS: readonly (readonly [string, { httpsOrLoopbackHttp: boolean; redirectBind: '127.0.0.1' | '::1' | undefined }])[] = [
  ['https://id.example/jwks', { httpsOrLoopbackHttp: true, redirectBind: undefined }],
  ['http://id.example/jwks', { httpsOrLoopbackHttp: false, redirectBind: undefined }],
  ['http://127.0.0.1:8765/callback', { httpsOrLoopbackHttp: true, redirectBind: '127.0.0.1' }],
  ['http://localhost:8765/callback', { httpsOrLoopbackHttp: true, redirectBind: '127.0.0.1' }],
  ['http://[::1]:0/callback', { httpsOrLoopbackHttp: true, redirectBind: '::1' }],
  ['http://127.0.0.2/jwks', { httpsOrLoopbackHttp: true, redirectBind: undefined }],
  ['http://app.localhost/jwks', { httpsOrLoopbackHttp: false, redirectBind: undefined }],
  ['http://127.0.0.1:1/cb?x=1', { httpsOrLoopbackHttp: true, redirectBind: undefined }],
  ['http://127.0.0.1:1/cb#x', { httpsOrLoopbackHttp: true, redirectBind: undefined }],
  ['http://user@127.0.0.1:1/cb', { httpsOrLoopbackHttp: true, redirectBind: undefined }],
  ['https://127.0.0.1:8765/callback', { httpsOrLoopbackHttp: true, redirectBind: undefined }],
  ['file:///etc/passwd', { httpsOrLoopbackHttp: false, redirectBind: undefined }],
  ['javascript:alert(1)', { httpsOrLoopbackHttp: false, redirectBind: undefined }],
];

describe('loopback rules', () => {
  it.each(HOSTS)('isLoopbackHost(%j) is %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });

  it.each(URLS)('%s', (url, expected) => {
    expect({ httpsOrLoopbackHttp: isHttpsOrLoopbackHttp(new URL(url)), redirectBind: loopbackRedirectBindAddress(new URL(url)) }).toEqual(expected);
  });

  it('reaches wildcard binds on loopback and brackets IPv6', () => {
    const cases = { '0.0.0.0': '127.0.0.1', '': '127.0.0.1', '::': '[::1]', '[::]': '[::1]', '::1': '[::1]', '192.168.1.2': '192.168.1.2', 'fd00::2': '[fd00::2]', localhost: 'localhost' };
    for (const [bind, host] of Object.entries(cases)) expect(reachableUrlHost(bind)).toBe(host);
    expect(['0.0.0.0', '::', '[::]', '127.0.0.1', '::1'].map(isWildcardHost)).toEqual([true, true, true, false, false]);
  });
});
