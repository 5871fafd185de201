/**
 * The `logins.*` calls and events: the toolkit's own sign-in (from the
 * session the `signIn.*`/`session.*` calls keep) first, then each remote
 * server's, over a `LoginsControl`.
 */
import type { CallHandlers, CallName, Unsubscribe } from '../shared/contract.js';
import type { LoginView } from '../shared/logins-types.js';
import type { SessionInfo } from '../shared/view-types.js';
import type { LoginsControl } from './logins-control.js';

type LoginsCallName = Extract<CallName, `logins.${string}`>;
export type LoginsHandlers = Pick<CallHandlers, LoginsCallName>;

export interface LoginsDeps {
  readonly control: LoginsControl;
  /** The toolkit's own session (null when signed out) and the issuer the settings name. */
  readonly toolkit: () => { readonly session: SessionInfo | null; readonly issuer?: string };
  readonly openUrl: (url: string) => void | Promise<void>;
}

/** The toolkit's own row: `mcp-toolkit login`'s session, or where it would sign in. */
export function toolkitLoginView(session: SessionInfo | null, issuer: string | undefined): LoginView {
  if (!session) return { id: 'toolkit', kind: 'toolkit', state: 'signed-out', ...(issuer ? { issuer } : {}), scopes: [] };
  return {
    id: 'toolkit',
    kind: 'toolkit',
    state: 'signed-in',
    issuer: session.issuer,
    subject: session.subject,
    scopes: session.scopes ?? [],
    ...(session.expiresAt !== null ? { expiresAt: session.expiresAt } : {}),
  };
}

export function createLoginsHandlers(deps: LoginsDeps): LoginsHandlers {
  const list = async (): Promise<readonly LoginView[]> => {
    const { session, issuer } = deps.toolkit();
    return [toolkitLoginView(session, issuer), ...(await deps.control.list())];
  };
  return {
    'logins.list': list,
    'logins.signIn': async ({ server }) => deps.control.signIn(server, { openUrl: deps.openUrl }),
    'logins.cancel': async ({ server }) => deps.control.cancel(server),
    'logins.signOut': async ({ server }) => {
      await deps.control.signOut(server);
      return list();
    },
  };
}

/**
 * Sends the list whenever it may have changed (`changed()`, or the control
 * says so) and differs from the one sent last; a list that cannot be read is
 * logged and skipped. Returns the function that stops following.
 */
export function followLogins(
  control: LoginsControl,
  list: () => Promise<readonly LoginView[]>,
  emit: (views: readonly LoginView[]) => void,
  log: (line: string) => void,
): { changed(): void; stop: Unsubscribe } {
  let last: string | undefined;
  let queue: Promise<void> = Promise.resolve();
  const changed = (): void => {
    queue = queue.then(async () => {
      try {
        const views = await list();
        const text = JSON.stringify(views);
        if (text === last) return;
        last = text;
        emit(views);
      } catch (error) {
        log(`[logins] cannot list the sign-ins: ${(error as Error).message}`);
      }
    });
  };
  return { changed, stop: control.onChange(changed) };
}
