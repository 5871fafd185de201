import { createStore } from 'zustand/vanilla';
import type { BackendApi, Unsubscribe } from '../../../shared/contract.js';
import type { AppError } from '../../../shared/result.js';
import type { ApiKeyStatus } from '../../../shared/view-types.js';
import { errorOf, request } from './backend.js';

export interface ApiKeyStoreState {
  readonly status: ApiKeyStatus | null;
  /** The key, only after an explicit Reveal; cleared by Hide and on regeneration. */
  readonly revealed: string | null;
  readonly copied: boolean;
  readonly confirmingRegenerate: boolean;
  readonly busy: boolean;
  readonly error: AppError | null;
  connect(): Unsubscribe;
  reveal(): Promise<void>;
  hide(): void;
  copy(): Promise<void>;
  askRegenerate(): void;
  cancelRegenerate(): void;
  confirmRegenerate(): Promise<void>;
}

export function createApiKeyStore(api: BackendApi) {
  return createStore<ApiKeyStoreState>()((set) => {
    async function guarded(action: () => Promise<void>): Promise<void> {
      set({ busy: true, error: null });
      try {
        await action();
      } catch (error) {
        set({ error: errorOf(error) });
      } finally {
        set({ busy: false });
      }
    }
    const refresh = () =>
      request(api, 'apiKey.getStatus').then(
        (status) => set({ status }),
        (error: unknown) => set({ error: errorOf(error) }),
      );
    return {
      status: null,
      revealed: null,
      copied: false,
      confirmingRegenerate: false,
      busy: false,
      error: null,
      connect() {
        // A different key hides the revealed one; the same key (e.g. a status refresh) keeps it shown.
        const unsubscribe = api.on('apiKey.changed', (status) =>
          set((state) => ({ status, revealed: state.status?.masked === status.masked ? state.revealed : null })),
        );
        void refresh();
        return unsubscribe;
      },
      reveal: () =>
        guarded(async () => {
          const { apiKey } = await request(api, 'apiKey.reveal');
          set({ revealed: apiKey });
          await refresh(); // revealing creates the key on first use
        }),
      hide: () => set({ revealed: null }),
      copy: () =>
        guarded(async () => {
          await request(api, 'apiKey.copy');
          set({ copied: true });
          await refresh();
        }),
      askRegenerate: () => set({ confirmingRegenerate: true, copied: false }),
      cancelRegenerate: () => set({ confirmingRegenerate: false }),
      confirmRegenerate: () =>
        guarded(async () => {
          const status = await request(api, 'apiKey.regenerate', { confirm: true });
          set({ status, revealed: null, copied: false, confirmingRegenerate: false });
        }),
    };
  });
}
