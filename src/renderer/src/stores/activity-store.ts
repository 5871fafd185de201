import { createStore } from 'zustand/vanilla';
import type { BackendApi, Unsubscribe } from '../../../shared/contract.js';
import type { AppError } from '../../../shared/result.js';
import type { ActivityView } from '../../../shared/view-types.js';
import { errorOf, request } from './backend.js';

export interface ActivityStoreState {
  readonly view: ActivityView | null;
  readonly error: AppError | null;
  connect(): Unsubscribe;
}

/** Live 401/429 activity; the backend batches updates (a few per second at most), so each batch is one render. */
export function createActivityStore(api: BackendApi) {
  return createStore<ActivityStoreState>()((set) => ({
    view: null,
    error: null,
    connect() {
      const unsubscribe = api.on('activity.batch', (view) => set({ view }));
      request(api, 'activity.getSnapshot').then(
        // A batch that arrived meanwhile is newer than the snapshot.
        (view) => set((state) => (state.view ? {} : { view })),
        (error: unknown) => set({ error: errorOf(error) }),
      );
      return unsubscribe;
    },
  }));
}
