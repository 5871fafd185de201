import { createStore } from 'zustand/vanilla';
import type { BackendApi, Unsubscribe } from '../../../shared/contract.js';
import { BackendError, type AppError } from '../../../shared/result.js';
import type { SessionInfo, SignInProgress } from '../../../shared/view-types.js';
import { errorOf, request } from './backend.js';
import { createNewestReport } from './newest-report.js';

export interface SignInStoreState {
  readonly progress: SignInProgress;
  readonly session: SessionInfo | null;
  readonly error: AppError | null;
  connect(): Unsubscribe;
  start(): Promise<void>;
  cancel(): Promise<void>;
  signOut(): Promise<void>;
}

export function isSignInActive(progress: SignInProgress): boolean {
  return progress.phase === 'starting' || progress.phase === 'waiting_for_browser' || progress.phase === 'exchanging';
}

export function createSignInStore(api: BackendApi) {
  return createStore<SignInStoreState>()((set, get) => {
    const isNewest = createNewestReport();
    /** Shows `progress` unless a newer report came first. */
    const show = (progress: SignInProgress): void => {
      if (isNewest(progress.seq)) set({ progress });
    };
    async function guarded(action: () => Promise<void>): Promise<void> {
      set({ error: null });
      try {
        await action();
      } catch (error) {
        set({ error: error instanceof BackendError ? error : errorOf(error) });
      }
    }
    return {
      progress: { phase: 'idle' },
      session: null,
      error: null,
      connect() {
        const unsubscribers = [
          api.on('signIn.progress', show),
          api.on('session.changed', (session) => set({ session })),
        ];
        request(api, 'signIn.getProgress').then(show, () => {});
        request(api, 'session.get').then(
          (session) => set({ session }),
          (error: unknown) => set({ error: errorOf(error) }),
        );
        return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
      },
      start: () => guarded(async () => show(await request(api, 'signIn.start'))),
      cancel: () => guarded(async () => show(await request(api, 'signIn.cancel'))),
      signOut: () =>
        guarded(async () => {
          await request(api, 'session.signOut');
          // Back to idle, in the place of the last report (a later sign-in's reports are newer).
          set({ session: null, progress: { phase: 'idle', ...(get().progress.seq !== undefined ? { seq: get().progress.seq } : {}) } });
        }),
    };
  });
}
