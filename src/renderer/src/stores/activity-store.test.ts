import { describe, expect, it } from 'vitest';
import type { ActivityView } from '../../../shared/view-types.js';
import { batchOf, EMPTY_ACTIVITY } from '../testing/activity-fixtures.js';
import { FakeBackend, settle } from '../testing/fake-backend.js';
import { createActivityStore } from './activity-store.js';

const seqs = (calls: readonly { seq: number }[]) => calls.map((c) => c.seq);

function connected(snapshot: () => ActivityView) {
  const fake = new FakeBackend().answer('activity.getSnapshot', snapshot);
  const store = createActivityStore(fake.api);
  const disconnect = store.getState().connect();
  return { fake, store, disconnect };
}

describe('activity store: the call log', () => {
  it('starts from the snapshot, then adds each batch’s new calls once', async () => {
    const { fake, store } = connected(() => batchOf(1, 3));
    await settle();
    expect(seqs(store.getState().calls)).toEqual([1, 2, 3]);

    fake.emit('activity.batch', batchOf(4, 6));
    fake.emit('activity.batch', batchOf(7, 7));
    expect(seqs(store.getState().calls)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(fake.calls.filter((c) => c.name === 'activity.getSnapshot')).toHaveLength(1);
  });

  it('a batch that arrives before the snapshot is kept, and the snapshot fills in what came before', async () => {
    const { fake, store } = connected(() => batchOf(1, 5));
    fake.emit('activity.batch', batchOf(5, 6));
    await settle();
    expect(seqs(store.getState().calls)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('reads the snapshot again when a batch was lost (a congested dashboard stream keeps only the latest), so no call is missing', async () => {
    let server = batchOf(1, 2);
    const { fake, store } = connected(() => server);
    await settle();
    server = batchOf(1, 9);
    fake.emit('activity.batch', batchOf(7, 9)); // 3…6 never arrived
    await settle();
    expect(seqs(store.getState().calls)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(fake.calls.filter((c) => c.name === 'activity.getSnapshot')).toHaveLength(2);
  });

  it('keeps the filter, and the counts of the latest batch', async () => {
    const { fake, store } = connected(() => EMPTY_ACTIVITY);
    await settle();
    store.getState().setFilter({ client: 'cursor' });
    store.getState().setFilter({ status: 'failed' });
    fake.emit('activity.batch', { ...batchOf(1, 1), succeeded: 1 });
    expect(store.getState().filter).toEqual({ client: 'cursor', tool: '', status: 'failed' });
    expect(store.getState().view?.succeeded).toBe(1);
  });

  it('stays at 5,000 calls while 10,000 arrive in batches of 250 (1,000 calls/s at four batches a second)', async () => {
    const { fake, store } = connected(() => EMPTY_ACTIVITY);
    await settle();
    for (let from = 1; from <= 10_000; from += 250) fake.emit('activity.batch', batchOf(from, from + 249));
    const { calls } = store.getState();
    expect(calls).toHaveLength(5_000);
    expect(calls[0]!.seq).toBe(5_001);
    expect(calls.at(-1)!.seq).toBe(10_000);
    // Every call once, in order.
    expect(calls.every((call, i) => i === 0 || call.seq === calls[i - 1]!.seq + 1)).toBe(true);
  });
});
