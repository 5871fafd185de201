import { describe, expect, it } from 'vitest';
import { clientKeyFor, failedAttemptKey, LOOPBACK_FAILURES_KEY, maskedLabel, type ClientKeyKind } from './client-key.js';

const SECRET = 'mcp_sk_9f8e7d6c5b4a39281706f5e4d3c2b1a0';

describe('clientKeyFor', () => {
  it('turns a secret into a stable hash that does not contain it', () => {
    const key = clientKeyFor('key', SECRET);
    expect(key).toMatch(/^key:[0-9a-f]{32}$/);
    expect(key).toBe(clientKeyFor('key', SECRET));
    expect(key).not.toContain(SECRET.slice(7, 15));
  });

  it('gives different secrets, and the same value of different kinds, different keys', () => {
    const keys = new Set([
      clientKeyFor('key', SECRET),
      clientKeyFor('key', `${SECRET}x`),
      clientKeyFor('token', SECRET),
      clientKeyFor('subject', SECRET),
    ]);
    expect(keys.size).toBe(4);
    expect(clientKeyFor('token', 'eyJhbGciOi.x.y')).toMatch(/^token:[0-9a-f]{32}$/);
    expect(clientKeyFor('subject', 'https://idp alice app')).toMatch(/^subject:[0-9a-f]{32}$/);
  });

  it('keeps addresses readable and gives one peer one key however the socket reports it', () => {
    expect(clientKeyFor('ip', '127.0.0.1')).toBe('ip:127.0.0.1');
    expect(clientKeyFor('ip', '::ffff:127.0.0.1')).toBe('ip:127.0.0.1');
    expect(clientKeyFor('ip', '::1')).toBe('ip:::1');
    expect(clientKeyFor('ip', 'FE80::1%eth0')).toBe('ip:fe80::1%eth0');
  });

  it('refuses empty values and unknown kinds', () => {
    expect(() => clientKeyFor('key', '')).toThrow(TypeError);
    expect(() => clientKeyFor('password' as ClientKeyKind, 'x')).toThrow(/unknown client key kind/);
  });
});

describe('failedAttemptKey', () => {
  it('puts every loopback address, however written, in one bucket', () => {
    for (const address of ['127.0.0.1', '127.0.0.2', '127.255.255.254', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.3', '::FFFF:127.9.8.7']) {
      expect(failedAttemptKey(address)).toBe(LOOPBACK_FAILURES_KEY);
    }
    expect(maskedLabel(LOOPBACK_FAILURES_KEY)).toBe(LOOPBACK_FAILURES_KEY);
  });

  it('keeps any other address in its own bucket', () => {
    expect(failedAttemptKey('10.0.0.7')).toBe('ip:10.0.0.7');
    expect(failedAttemptKey('::ffff:192.168.1.2')).toBe('ip:192.168.1.2');
    expect(failedAttemptKey('128.0.0.1')).toBe('ip:128.0.0.1');
    expect(failedAttemptKey('::2')).toBe('ip:::2');
    expect(failedAttemptKey('fe80::1%eth0')).toBe('ip:fe80::1%eth0');
    expect(failedAttemptKey('unknown')).toBe('ip:unknown');
  });
});

describe('maskedLabel', () => {
  it('shows 6 hex digits of a hashed key and addresses in full', () => {
    const key = clientKeyFor('key', SECRET);
    expect(maskedLabel(key)).toBe(`key:${key.slice(4, 10)}…`);
    expect(maskedLabel(clientKeyFor('token', 't'))).toMatch(/^token:[0-9a-f]{6}…$/);
    expect(maskedLabel('ip:127.0.0.1')).toBe('ip:127.0.0.1');
    expect(maskedLabel('ip:::1')).toBe('ip:::1');
    expect(maskedLabel('ip:FE80::1%eth0')).toBe('ip:FE80::1%eth0');
  });

  it('never shows a raw secret passed by mistake', () => {
    for (const raw of [SECRET, `key:${SECRET}`, 'ip:<script>', 'Bearer abc.def.ghi', '']) {
      const label = maskedLabel(raw);
      expect(label).toMatch(/^client:[0-9a-f]{6}…$/);
    }
  });

  it('is idempotent, so labels can be masked again safely', () => {
    for (const key of [clientKeyFor('key', SECRET), 'ip:10.0.0.7', SECRET]) {
      const once = maskedLabel(key);
      expect(maskedLabel(once)).toBe(once);
    }
  });
});
