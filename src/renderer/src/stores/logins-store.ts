import { createStore } from 'zustand/vanilla';
import type { BackendApi, Unsubscribe } from '../../../shared/contract.js';
import type { LoginView, ServerSignInProgress, ServerSignInStep } from '../../../shared/logins-types.js';
import type { AppError } from '../../../shared/result.js';
import { errorOf, request } from './backend.js';
import { createNewestReport } from './newest-report.js';

export interface LoginsStoreState {
  /** Every sign-in: the toolkit's own first, then each remote server's. */
  readonly logins: readonly LoginView[] | null;
  readonly loadError: AppError | null;
  /** The last step of each server's sign-in (by server name). */
  readonly progress: Readonly<Record<string, ServerSignInProgress>>;
  /** Servers with a request in flight (their buttons are disabled). */
  readonly busy: readonly string[];
  /** The last failed request of each server. */
  readonly errors: Readonly<Record<string, AppError>>;
  connect(): Unsubscribe;
  /** Starts signing in to a remote server in the browser; the steps arrive as events. */
  signIn(server: string): Promise<void>;
  cancel(server: string): Promise<void>;
  signOut(server: string): Promise<void>;
}

const RUNNING_STEPS: ReadonlySet<ServerSignInStep> = new Set(['discovering', 'registering', 'waiting-for-browser', 'exchanging']);

export function isServerSignInRunning(progress: ServerSignInProgress | undefined): boolean {
  return progress !== undefined && RUNNING_STEPS.has(progress.step);
}

/** The sign-ins the toolkit holds, and the sign-ins to remote servers the UI starts, follows and cancels. */
export function createLoginsStore(api: BackendApi) {
  return createStore<LoginsStoreState>()((set, get) => {
    const newestOf = new Map<string, (seq: number | undefined) => boolean>();
    /** Shows a server's sign-in step unless a newer report of it came first (a call's answer and the events travel apart). */
    const setProgress = (progress: ServerSignInProgress): void => {
      let isNewest = newestOf.get(progress.server);
      if (isNewest === undefined) newestOf.set(progress.server, (isNewest = createNewestReport()));
      if (isNewest(progress.seq)) set({ progress: { ...get().progress, [progress.server]: progress } });
    };

    /** Runs one request about `server`, keeping its failure for display. */
    async function guarded(server: string, action: () => Promise<void>): Promise<void> {
      const { [server]: _cleared, ...errors } = get().errors;
      set({ busy: [...get().busy, server], errors });
      try {
        await action();
      } catch (error) {
        set({ errors: { ...get().errors, [server]: errorOf(error) } });
      } finally {
        set({ busy: get().busy.filter((busy) => busy !== server) });
      }
    }

    return {
      logins: null,
      loadError: null,
      progress: {},
      busy: [],
      errors: {},
      connect() {
        const unsubscribers = [
          api.on('logins.changed', (logins) => set({ logins, loadError: null })),
          api.on('logins.progress', setProgress),
        ];
        request(api, 'logins.list').then(
          (logins) => set({ logins, loadError: null }),
          (error: unknown) => set({ loadError: errorOf(error) }),
        );
        return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
      },
      signIn: (server) => guarded(server, async () => setProgress(await request(api, 'logins.signIn', { server }))),
      cancel: (server) => guarded(server, async () => setProgress(await request(api, 'logins.cancel', { server }))),
      signOut: (server) =>
        guarded(server, async () => {
          const logins = await request(api, 'logins.signOut', { server });
          const { [server]: _ended, ...progress } = get().progress;
          set({ logins, progress });
        }),
    };
  });
}
