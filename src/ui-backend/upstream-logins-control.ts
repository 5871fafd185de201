/**
 * The `logins.*` calls over the real thing: the sign-ins the keychain holds
 * (`UpstreamLogins`), the http upstreams of the settings, and what the running
 * gateway says of each (the `needs-sign-in` state).
 */
import { specFromSettings, type HttpUpstream } from '../core/gateway/upstream-spec.js';
import type { UpstreamLogins } from '../core/upstream-login/types.js';
import type { Unsubscribe } from '../shared/contract.js';
import type { HttpUpstreamSettings, UpstreamSettings, UpstreamSignInView, UpstreamView } from '../shared/gateway-types.js';
import type { LoginView, ServerSignInProgress } from '../shared/logins-types.js';
import { ControllerError } from './controller-error.js';
import type { LoginsControl } from './logins-control.js';
import { createServerSignIns } from './server-sign-ins.js';

export const NOT_A_REMOTE_SERVER = 'NOT_A_REMOTE_SERVER';

export interface UpstreamLoginsControlDeps {
  readonly logins: UpstreamLogins;
  /** The configured upstreams (the run settings' `servers`). */
  readonly servers: () => readonly UpstreamSettings[];
  /** What the gateway says of each upstream now; empty while it does not run. */
  readonly views: () => readonly UpstreamView[];
  /** Called whenever the servers or their states change. */
  readonly onServersChange: (listener: () => void) => Unsubscribe;
  readonly log: (line: string) => void;
}

/**
 * A remote server's row: what the keychain holds (else what the gateway last
 * said), and `needs-sign-in` whenever the gateway says so.
 */
export function serverLoginView(name: string, held: UpstreamSignInView | undefined, live: UpstreamView | undefined): LoginView {
  const info = held ?? live?.signIn;
  const needsSignIn = live?.state === 'needs-sign-in' || info?.state === 'needs-sign-in';
  const state = needsSignIn ? 'needs-sign-in' : info ? 'signed-in' : 'signed-out';
  const reason = info?.reason ?? (needsSignIn ? live?.lastError : undefined);
  return {
    id: `server:${name}`,
    kind: 'server',
    server: name,
    state,
    ...(reason !== undefined ? { reason } : {}),
    ...(info?.issuer !== undefined ? { issuer: info.issuer } : {}),
    ...(info?.subject !== undefined ? { subject: info.subject } : {}),
    scopes: info?.scopes ?? [],
    ...(info?.expiresAt !== undefined ? { expiresAt: info.expiresAt } : {}),
  };
}

export function createUpstreamLoginsControl(deps: UpstreamLoginsControlDeps): LoginsControl {
  const progressListeners = new Set<(progress: ServerSignInProgress) => void>();
  const signIns = createServerSignIns((progress) => {
    for (const listener of progressListeners) listener(progress);
  }, deps.log);
  /** The URL each sign-in running here is for: one whose server is removed, or now points elsewhere, is cancelled. */
  const signingIn = new Map<string, string>();
  const stopFollowingServers = deps.onServersChange(() => {
    for (const [name, url] of signingIn) {
      if (deps.servers().some((server) => server.kind === 'http' && server.name === name && server.url === url)) continue;
      signingIn.delete(name);
      signIns.cancel(name);
      deps.log(`[logins] cancelled the sign-in to ${name}: the server was removed or its URL changed`);
    }
  });

  function specOf(server: string): HttpUpstream {
    const settings = deps.servers().find((candidate) => candidate.name === server);
    if (settings?.kind !== 'http') {
      throw new ControllerError(NOT_A_REMOTE_SERVER, settings ? `${server} is a local server: it has no sign-in.` : `There is no server named ${server}.`);
    }
    return specFromSettings(settings) as HttpUpstream;
  }

  async function held(name: string): Promise<UpstreamSignInView | undefined> {
    try {
      return await deps.logins.view(name);
    } catch (error) {
      deps.log(`[logins] cannot read the sign-in of ${name}: ${(error as Error).message}`);
      return undefined;
    }
  }

  return {
    async list() {
      const live = new Map(deps.views().map((view) => [view.name, view]));
      const remote = deps.servers().filter((server): server is HttpUpstreamSettings => server.kind === 'http');
      const rows = await Promise.all(
        remote.map(async (server) => {
          const view = live.get(server.name);
          const info = await held(server.name);
          const usesOAuth = server.auth !== undefined || info !== undefined || view?.signIn !== undefined || view?.state === 'needs-sign-in';
          return usesOAuth ? serverLoginView(server.name, info, view) : undefined;
        }),
      );
      return rows.filter((row) => row !== undefined);
    },
    progress: (server) => signIns.progress(server),
    signIn(server, { openUrl, scope: asked }) {
      const spec = specOf(server);
      // Step-up: the extra scope the server asked for (a 403 `insufficient_scope`), unless the caller names one.
      const scope = asked ?? deps.views().find((view) => view.name === server)?.signIn?.wantedScope;
      const progress = signIns.start(server, (signal, report) =>
        deps.logins
          .signIn(spec, { openUrl, signal, onProgress: report, ...(scope !== undefined ? { scope } : {}) })
          .finally(() => {
            if (signingIn.get(server) === spec.url) signingIn.delete(server);
          }),
      );
      signingIn.set(server, spec.url);
      return progress;
    },
    cancel: (server) => signIns.cancel(server),
    async signOut(server) {
      const spec = specOf(server);
      signIns.cancel(server);
      await deps.logins.signOut(spec);
    },
    onChange(listener) {
      const stops = [deps.logins.onChange(() => listener()), deps.onServersChange(listener)];
      return () => stops.forEach((stop) => stop());
    },
    onProgress(listener) {
      progressListeners.add(listener);
      return () => progressListeners.delete(listener);
    },
    async close() {
      stopFollowingServers();
      signIns.cancelAll();
      await signIns.settled();
    },
  };
}
