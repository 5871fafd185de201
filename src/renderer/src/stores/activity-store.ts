import { createStore } from 'zustand/vanilla';
import type { BackendApi, Unsubscribe } from '../../../shared/contract.js';
import type { AppError } from '../../../shared/result.js';
import type { ActivityView, CallView } from '../../../shared/view-types.js';
import { CALL_LOG_LIMIT, mergeCalls, NO_FILTER, type CallFilter } from '../activity/call-log.js';
import { errorOf, request } from './backend.js';

export interface ActivityStoreState {
  /** Counts, chart and tables of the latest batch (its `calls` are merged into `calls`). */
  readonly view: ActivityView | null;
  /** The call log, oldest first, each call once, at most `CALL_LOG_LIMIT`. */
  readonly calls: readonly CallView[];
  readonly filter: CallFilter;
  readonly error: AppError | null;
  setFilter(change: Partial<CallFilter>): void;
  connect(): Unsubscribe;
}

/**
 * Live activity; the backend batches updates (a few per second at most), so
 * each batch is one render. A batch carries only the calls after a number: a
 * batch that does not follow on from the calls kept here (one was dropped by a
 * congested connection) makes the store read the snapshot again and merge it.
 */
export function createActivityStore(api: BackendApi, limit = CALL_LOG_LIMIT) {
  return createStore<ActivityStoreState>()((set, get) => {
    let reading = false;

    function readSnapshot(): void {
      if (reading) return;
      reading = true;
      request(api, 'activity.getSnapshot').then(
        (view) => {
          reading = false;
          // A batch that arrived meanwhile has newer counts than the snapshot; its calls merge either way.
          set((state) => ({ ...(state.view ? {} : { view }), calls: mergeCalls(state.calls, view.calls, limit) }));
        },
        (error: unknown) => {
          reading = false;
          set({ error: errorOf(error) });
        },
      );
    }

    function receive(view: ActivityView): void {
      const { calls } = get();
      const lastSeq = calls.at(-1)?.seq ?? 0;
      set({ view, calls: mergeCalls(calls, view.calls, limit) });
      if (view.callsAfter > lastSeq && lastSeq > 0) readSnapshot();
    }

    return {
      view: null,
      calls: [],
      filter: NO_FILTER,
      error: null,
      setFilter: (change) => set((state) => ({ filter: { ...state.filter, ...change } })),
      connect() {
        const unsubscribe = api.on('activity.batch', receive);
        readSnapshot();
        return unsubscribe;
      },
    };
  });
}
