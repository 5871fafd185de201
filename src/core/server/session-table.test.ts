import type { McpServer, WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_SESSIONS_PER_OWNER, SessionTable } from './session-table.js';

/** A session whose server records whether it was closed. */
function fakeSession(id: string, owner = 'key:a') {
  const closed = { value: false };
  const server = { close: async () => void (closed.value = true) } as unknown as McpServer;
  return { session: { id, owner, server, transport: {} as WebStandardStreamableHTTPServerTransport }, closed };
}

describe('SessionTable', () => {
  it('answers a session only to the client that opened it', () => {
    const table = new SessionTable({ maxSessions: 10, idleMs: 1_000 });
    table.add(fakeSession('s1', 'key:alice').session);
    expect(table.find('s1', 'key:alice')?.id).toBe('s1');
    expect(table.find('s1', 'key:mallory')).toBeUndefined();
    expect(table.find('nope', 'key:alice')).toBeUndefined();
  });

  it('closes the least recently used session to stay within its bound', () => {
    const table = new SessionTable({ maxSessions: 2, idleMs: 60_000 });
    const a = fakeSession('a');
    const b = fakeSession('b');
    const c = fakeSession('c');
    table.add(a.session);
    table.add(b.session);
    table.find('a', 'key:a'); // a is now the most recently used
    table.add(c.session);
    expect(table.size).toBe(2);
    expect(b.closed.value).toBe(true);
    expect(a.closed.value).toBe(false);
    expect(table.find('b', 'key:a')).toBeUndefined();
  });

  it('sweeps sessions idle for longer than idleMs', () => {
    let now = 0;
    const table = new SessionTable({ maxSessions: 10, idleMs: 1_000, now: () => now });
    const old = fakeSession('old');
    const fresh = fakeSession('fresh');
    table.add(old.session);
    now = 900;
    table.add(fresh.session);
    now = 1_500;
    expect(table.sweep()).toBe(1);
    expect(old.closed.value).toBe(true);
    expect(table.find('fresh', 'key:a')?.id).toBe('fresh');
  });

  it('caps each owner and evicts within that owner first', () => {
    const table = new SessionTable({ maxSessions: 10, maxSessionsPerOwner: 2, idleMs: 60_000 });
    const alice = fakeSession('alice-1', 'key:alice');
    const m1 = fakeSession('m1', 'key:mallory');
    const m2 = fakeSession('m2', 'key:mallory');
    const m3 = fakeSession('m3', 'key:mallory');
    table.add(alice.session);
    table.add(m1.session);
    table.add(m2.session);
    table.find('m1', 'key:mallory'); // m2 is now mallory's least recently used
    table.add(m3.session);
    expect(table.countOf('key:mallory')).toBe(2);
    expect(m2.closed.value).toBe(true);
    expect(m1.closed.value).toBe(false);
    expect(table.find('alice-1', 'key:alice')?.id).toBe('alice-1');
    expect(alice.closed.value).toBe(false);
  });

  it('when full, takes room from the owner holding the most sessions, never a quiet one', () => {
    const table = new SessionTable({ maxSessions: 4, maxSessionsPerOwner: 3, idleMs: 60_000 });
    const quiet = fakeSession('quiet', 'key:quiet'); // the oldest session of all
    const busy = ['b1', 'b2', 'b3'].map((id) => fakeSession(id, 'key:busy'));
    table.add(quiet.session);
    for (const b of busy) table.add(b.session);
    const newcomer = fakeSession('new', 'key:newcomer');
    table.add(newcomer.session);
    expect(table.size).toBe(4);
    expect(quiet.closed.value).toBe(false);
    expect(busy.map((b) => b.closed.value)).toEqual([true, false, false]);
    expect(table.countOf('key:busy')).toBe(2);
    expect(table.find('new', 'key:newcomer')?.id).toBe('new');
  });

  it('tracks the busiest owner as sessions come and go', () => {
    const table = new SessionTable({ maxSessions: 5, maxSessionsPerOwner: 5, idleMs: 60_000 });
    for (const id of ['a1', 'a2', 'a3']) table.add(fakeSession(id, 'key:a').session);
    const b = ['b1', 'b2'].map((id) => fakeSession(id, 'key:b'));
    for (const s of b) table.add(s.session);
    table.remove('a1');
    table.close('a2'); // a now holds 1, b holds 2
    table.add(fakeSession('c1', 'key:c').session);
    table.add(fakeSession('c2', 'key:c').session);
    table.add(fakeSession('d1', 'key:d').session); // full: b and c hold 2 each; b got there first
    expect(table.size).toBe(5);
    expect(b[0]!.closed.value).toBe(true);
    expect(table.countOf('key:a')).toBe(1);
    expect(table.countOf('key:b')).toBe(1);
    expect(table.countOf('key:c')).toBe(2);
    expect(table.countOf('key:d')).toBe(1);
  });

  it('keeps every other owner\'s session however many sessions one owner opens', () => {
    const table = new SessionTable({ maxSessions: 1_000, idleMs: 60_000 });
    const others = Array.from({ length: 50 }, (_, i) => fakeSession(`other-${i}`, `ip:127.0.0.${i + 2}`));
    for (const o of others) table.add(o.session);
    for (let i = 0; i < 5_000; i += 1) table.add(fakeSession(`flood-${i}`, 'ip:127.0.0.1').session);
    expect(table.countOf('ip:127.0.0.1')).toBe(DEFAULT_MAX_SESSIONS_PER_OWNER);
    expect(others.every((o) => !o.closed.value)).toBe(true);
    expect(table.size).toBe(50 + DEFAULT_MAX_SESSIONS_PER_OWNER);
  });

  it('forgets an owner once its last session is gone', () => {
    const table = new SessionTable({ maxSessions: 2, maxSessionsPerOwner: 2, idleMs: 60_000 });
    table.add(fakeSession('a1', 'key:a').session);
    table.add(fakeSession('a2', 'key:a').session);
    table.remove('a1');
    table.remove('a2');
    expect(table.countOf('key:a')).toBe(0);
    table.add(fakeSession('b1', 'key:b').session);
    table.add(fakeSession('b2', 'key:b').session);
    table.add(fakeSession('c1', 'key:c').session);
    expect(table.size).toBe(2);
    expect(table.countOf('key:b')).toBe(1);
  });

  it('refuses bounds that are not positive integers', () => {
    expect(() => new SessionTable({ maxSessions: 0, idleMs: 1 })).toThrow(RangeError);
    expect(() => new SessionTable({ maxSessions: 10, maxSessionsPerOwner: 1.5, idleMs: 1 })).toThrow(RangeError);
  });
});
