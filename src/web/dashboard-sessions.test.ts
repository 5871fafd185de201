import { describe, expect, it } from 'vitest';
import { createDashboardSessions } from './dashboard-sessions.js';

const TOKEN = 'run-token-0123456789abcdefghijklmnopqrstuvwxyz';

describe('dashboard sessions', () => {
  it('trade the token once; a wrong token spends nothing', () => {
    const sessions = createDashboardSessions(TOKEN);
    expect(sessions.exchange(`${TOKEN}x`)).toEqual({ ok: false, reason: 'TOKEN_INVALID' });
    expect(sessions.exchange(undefined)).toEqual({ ok: false, reason: 'TOKEN_INVALID' });
    const first = sessions.exchange(TOKEN);
    expect(first).toEqual({ ok: true, sessionId: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(sessions.exchange(TOKEN)).toEqual({ ok: false, reason: 'TOKEN_USED' });
    expect(sessions.exchange('wrong')).toEqual({ ok: false, reason: 'TOKEN_INVALID' });
  });

  it('know a session by its id until it is ended, and keep no id in the key', () => {
    const sessions = createDashboardSessions(TOKEN);
    const exchange = sessions.exchange(TOKEN);
    if (!exchange.ok) throw new Error('exchange failed');
    const key = sessions.keyOf(exchange.sessionId);
    expect(key).toBeDefined();
    expect(key).not.toBe(exchange.sessionId);
    expect(sessions.keyOf(`${exchange.sessionId}x`)).toBeUndefined();
    expect(sessions.keyOf('')).toBeUndefined();
    expect(sessions.end(exchange.sessionId)).toBe(true);
    expect(sessions.keyOf(exchange.sessionId)).toBeUndefined();
    expect(sessions.end(exchange.sessionId)).toBe(false);
  });
});
