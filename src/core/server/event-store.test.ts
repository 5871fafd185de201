import type { JSONRPCMessage } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { createSessionEventStore } from './event-store.js';

const note = (n: number): JSONRPCMessage => ({ jsonrpc: '2.0', method: 'notifications/message', params: { n } });

async function replay(store: ReturnType<typeof createSessionEventStore>, after: string) {
  const sent: [string, JSONRPCMessage][] = [];
  const streamId = await store.replayEventsAfter(after, { send: async (id, message) => void sent.push([id, message]) });
  return { streamId, sent };
}

describe('createSessionEventStore', () => {
  it('replays the events of the same stream stored after the given one, in order', async () => {
    const store = createSessionEventStore();
    const first = await store.storeEvent('a', note(1));
    const other = await store.storeEvent('b', note(2));
    const second = await store.storeEvent('a', note(3));
    const third = await store.storeEvent('a', note(4));

    expect(await store.getStreamIdForEventId?.(first)).toBe('a');
    expect(await store.getStreamIdForEventId?.(other)).toBe('b');
    expect(await replay(store, first)).toEqual({ streamId: 'a', sent: [[second, note(3)], [third, note(4)]] });
    expect(await replay(store, other)).toEqual({ streamId: 'b', sent: [] });
  });

  it('keeps the newest events only: a resume from before them replays what is left', async () => {
    const store = createSessionEventStore(3);
    const ids: string[] = [];
    for (let n = 1; n <= 5; n++) ids.push(await store.storeEvent('s', note(n)));

    const { sent } = await replay(store, ids[0]!);
    expect(sent).toEqual([[ids[2], note(3)], [ids[3], note(4)], [ids[4], note(5)]]);
  });

  it('refuses an event id it cannot read', async () => {
    const store = createSessionEventStore();
    await expect(replay(store, 'no-separator')).rejects.toThrow('Unknown Last-Event-ID');
  });
});
