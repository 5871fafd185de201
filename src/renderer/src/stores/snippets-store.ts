import { createStore } from 'zustand/vanilla';
import type { BackendApi, Unsubscribe } from '../../../shared/contract.js';
import type { AppError } from '../../../shared/result.js';
import type { AgentSnippet } from '../../../shared/view-types.js';
import { errorOf, request } from './backend.js';

export interface SnippetsStoreState {
  readonly snippets: readonly AgentSnippet[];
  /** Id of the snippet copied last. */
  readonly copiedId: string | null;
  readonly error: AppError | null;
  connect(): Unsubscribe;
  copy(id: string): Promise<void>;
}

/** Agent snippets; rebuilt by the backend whenever the mode or the URL changes. */
export function createSnippetsStore(api: BackendApi) {
  return createStore<SnippetsStoreState>()((set, get) => {
    const reload = () =>
      request(api, 'agents.getSnippets').then(
        (snippets) => set({ snippets }),
        (error: unknown) => set({ error: errorOf(error) }),
      );
    return {
      snippets: [],
      copiedId: null,
      error: null,
      connect() {
        const unsubscribers = [api.on('settings.changed', () => void reload()), api.on('server.status', () => void reload())];
        void reload();
        return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
      },
      async copy(id) {
        const snippet = get().snippets.find((candidate) => candidate.id === id);
        if (!snippet) return;
        try {
          await request(api, 'clipboard.writeText', { text: snippet.content });
          set({ copiedId: id, error: null });
        } catch (error) {
          set({ error: errorOf(error) });
        }
      },
    };
  });
}
