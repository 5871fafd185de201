import { createStore } from 'zustand/vanilla';
import type { BackendApi, Unsubscribe } from '../../../shared/contract.js';
import type { AppError } from '../../../shared/result.js';
import type { ServerStatus } from '../../../shared/view-types.js';
import { errorOf, request } from './backend.js';

export interface ServerStoreState {
  readonly status: ServerStatus | null;
  /** A start/stop request is in flight. */
  readonly busy: boolean;
  /** Why the last request itself failed (not a start failure, which is in `status.error`). */
  readonly requestError: AppError | null;
  connect(): Unsubscribe;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createServerStore(api: BackendApi) {
  return createStore<ServerStoreState>()((set) => {
    async function run(action: () => Promise<ServerStatus>): Promise<void> {
      set({ busy: true, requestError: null });
      try {
        set({ status: await action() });
      } catch (error) {
        set({ requestError: errorOf(error) });
      } finally {
        set({ busy: false });
      }
    }
    return {
      status: null,
      busy: false,
      requestError: null,
      connect() {
        const unsubscribe = api.on('server.status', (status) => set({ status }));
        request(api, 'server.getStatus').then(
          (status) => set({ status }),
          (error: unknown) => set({ requestError: errorOf(error) }),
        );
        return unsubscribe;
      },
      start: () => run(() => request(api, 'server.start')),
      stop: () => run(() => request(api, 'server.stop')),
    };
  });
}
