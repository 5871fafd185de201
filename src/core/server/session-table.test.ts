import type { McpServer, WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { SessionTable } from './session-table.js';

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
});
