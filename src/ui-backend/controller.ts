/**
 * The desktop backend: implements every call of the UI contract by composing
 * the core (settings, keychain, server, metrics, sign-in). It never imports
 * `electron`; hosts inject what only they can do (open a URL, write the
 * clipboard, register a login item) and relay its push events.
 */
import { namedKeysIndexFile, type PathContext, type RunSettings } from '../core/config/index.js';
import type { Settings } from '../core/config/types.js';
import type { SecretStore } from '../core/keychain/index.js';
import type { GatewayFiles } from '../core/gateway/gateway-files.js';
import type { UpstreamLogins } from '../core/upstream-login/types.js';
import { deleteSession, loadSession, signIn as coreSignIn } from '../core/login/index.js';
import { createBatchedSubscription, type BatchedSubscription, type Metrics } from '../core/metrics/index.js';
import { startServer as coreStartServer } from '../core/server/index.js';
import { buildAgentSnippets, mcpUrlFor } from '../shared/agent-snippets.js';
import type { CallHandlers, Unsubscribe } from '../shared/contract.js';
import type { UpstreamView } from '../shared/gateway-types.js';
import type {
  AgentSnippet,
  AppInfo,
  IssuerHealth,
  ServerStatus,
  SessionInfo,
  SignInProgress,
  StartAtLoginStatus,
} from '../shared/view-types.js';
import { toActivityView } from './activity-view.js';
import { createAgentClientsHandlers } from './agent-clients-handlers.js';
import { createApiKeyActions } from './api-key-actions.js';
import { createDoctorHandlers } from './doctor-handlers.js';
import type { AppStateStore } from './app-state-file.js';
import { ControllerError, START_AT_LOGIN_UNSUPPORTED } from './controller-error.js';
import { createEventHub, type AppEventListener } from './event-hub.js';
import { createServerRunner, type RunnerStatus, type StartServerFn } from './server-runner.js';
import { createGatewayServersControl } from './gateway-servers-control.js';
import { createUnavailableLoginsControl, type LoginsControl } from './logins-control.js';
import { createLoginsHandlers, followLogins } from './logins-handlers.js';
import { createUpstreamLoginsControl } from './upstream-logins-control.js';
import { createUnavailableServersControl, type ServersControl } from './servers-control.js';
import { createServersHandlers } from './servers-handlers.js';
import { createSharedFoldersHandlers } from './shared-folders-handlers.js';
import { withFieldMessages, type PortProbe } from './settings-field-checks.js';
import { createSettingsSaver } from './settings-saver.js';
import { createSignInRunner, signInFieldProblems, toSessionInfo, type SignInFn } from './sign-in-runner.js';

/** Registers the app as a login item; only the Electron host has one. */
export interface StartAtLoginHost {
  get(): boolean;
  set(enabled: boolean): void;
}

export interface ControllerDeps {
  /** The settings file with this run's flags and `MCP_*` variables on top (`createRunSettings`). */
  readonly settings: RunSettings;
  readonly appState: AppStateStore;
  readonly secrets: SecretStore;
  /** Counts survive server restarts because the same instance is handed to every start. */
  readonly metrics: Metrics;
  /** Where the gateway keeps upstream logs, its published state and approved tools; memory only when absent. */
  readonly gatewayFiles?: GatewayFiles;
  /** The user's folders (agent clients' config files, for `servers.import`); with it the real `servers.*` calls are served. */
  readonly pathContext?: PathContext;
  /** What the host says about itself; the controller adds the pinned fields. */
  readonly info: Omit<AppInfo, 'pinned'>;
  /** Opens a URL in the system browser (sign-in). */
  readonly openUrl: (url: string) => void | Promise<void>;
  readonly clipboard: { writeText(text: string): void | Promise<void> };
  readonly startAtLogin?: StartAtLoginHost;
  /** The native folder picker (`dialog.pickFolder`); `null` when cancelled. Only the Electron host has one. */
  readonly pickFolder?: () => Promise<string | null>;
  /** Defaults to the core `startServer` with this controller's metrics and secrets. */
  readonly startServer?: StartServerFn;
  /** The gateway's servers (`servers.*` calls, `servers.changed`); defaults to one that says the gateway is not running. */
  readonly servers?: ServersControl;
  /** The sign-ins to remote servers (`logins.*` calls); with it the real ones are served over the gateway's servers. */
  readonly upstreamLogins?: UpstreamLogins;
  /** Replaces the `logins.*` control built over `upstreamLogins` (tests); defaults to one that lists no server. */
  readonly logins?: LoginsControl;
  /** Defaults to the core `signIn`. */
  readonly signIn?: SignInFn;
  /** Checks that a new address can be bound before it is saved; defaults to a real bind. */
  readonly probePort?: PortProbe;
  /** How often the issuer's health is read in oauth mode, to push a changed server status (default 1000 ms). */
  readonly issuerHealthPollMs?: number;
  /** Most activity batches per second is 1000 / this (default 250 ms: four). */
  readonly activityIntervalMs?: number;
  readonly log?: (line: string) => void;
}

/** Everything a tray or status view needs, synchronously. */
export interface AppSnapshot {
  readonly server: ServerStatus;
  readonly settings: Settings;
  readonly session: SessionInfo | null;
  readonly signIn: SignInProgress;
  readonly signInConfigured: boolean;
  readonly startAtLogin: StartAtLoginStatus;
  readonly snippets: readonly AgentSnippet[];
  /** The gateway's upstreams; empty while the gateway cannot say. */
  readonly servers: readonly UpstreamView[];
}

export interface AppController {
  readonly handlers: CallHandlers;
  subscribe(listener: AppEventListener): Unsubscribe;
  /** Loads settings and the session, and starts the server when it was running at the last quit. */
  init(): Promise<void>;
  /** Cached state for the tray; valid after `init`. */
  snapshot(): AppSnapshot;
  /** Stops the server without forgetting that it was running, cancels a sign-in, stops timers. */
  shutdown(): Promise<void>;
}

export function createAppController(deps: ControllerDeps): AppController {
  const log = deps.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const hub = createEventHub(log);
  const apiKey = createApiKeyActions(deps.secrets, deps.settings.config().apiKey);
  const startServer: StartServerFn =
    deps.startServer ??
    ((config) => coreStartServer({ config, metrics: deps.metrics, secrets: deps.secrets, log, ...(deps.gatewayFiles || deps.upstreamLogins ? { gateway: { ...deps.gatewayFiles, ...(deps.upstreamLogins ? { logins: deps.upstreamLogins } : {}) } } : {}), ...(deps.pathContext ? { keysIndexFile: namedKeysIndexFile(deps.pathContext) } : {}) }));
  const serverChangeListeners = new Set<() => void>();
  const runner = createServerRunner(
    startServer,
    () => {
      hub.emit('server.status', serverStatus());
      for (const listener of serverChangeListeners) listener();
    },
    log,
  );
  const saver = createSettingsSaver({ settings: deps.settings, runner, probePort: deps.probePort, log });
  const signIn = createSignInRunner({
    signIn: deps.signIn ?? coreSignIn,
    store: deps.secrets,
    openUrl: deps.openUrl,
    onProgress: (progress) => hub.emit('signIn.progress', progress),
    onSession: (next) => setSession(next),
    log,
  });
  const servers =
    deps.servers ??
    (deps.pathContext
      ? createGatewayServersControl({
          settings: deps.settings,
          secrets: deps.secrets,
          gateway: () => runner.started()?.gateway,
          onServerChange: (listener) => {
            serverChangeListeners.add(listener);
            return () => serverChangeListeners.delete(listener);
          },
          ...(deps.gatewayFiles ? { stateDir: deps.gatewayFiles.stateDir } : {}),
          pathContext: deps.pathContext,
          logins: deps.upstreamLogins,
          log,
        })
      : createUnavailableServersControl());
  const logins =
    deps.logins ??
    (deps.upstreamLogins
      ? createUpstreamLoginsControl({
          logins: deps.upstreamLogins,
          servers: () => deps.settings.config().servers,
          views: () => serverViews(),
          onServersChange: (listener) => servers.onChange(() => listener()),
          log,
        })
      : createUnavailableLoginsControl());
  const loginsHandlers = createLoginsHandlers({
    control: logins,
    toolkit: () => ({ session, ...(settings?.oauth.issuer ? { issuer: settings.oauth.issuer } : {}) }),
    openUrl: deps.openUrl,
  });
  let stopLogins: Unsubscribe | undefined;
  let loginsChanged = (): void => {};
  let activity: BatchedSubscription | undefined;
  let stopServersEvents: Unsubscribe | undefined;
  let stopIssuerHealth: Unsubscribe | undefined;
  let settings: Settings | undefined;
  let session: SessionInfo | null = null;

  function currentSettings(): Settings {
    if (!settings) throw new ControllerError('NOT_READY', 'The backend is still starting.');
    return settings;
  }

  function serverViews(): readonly UpstreamView[] {
    try {
      return servers.list();
    } catch {
      return [];
    }
  }

  function serverStatus(status: RunnerStatus = runner.status()): ServerStatus {
    const auth = status.state !== 'stopped' && status.config ? status.config.auth : (settings?.auth ?? 'none');
    return {
      state: status.state,
      auth,
      ...(status.url ? { url: status.url, mcpUrl: `${status.url}/mcp` } : {}),
      ...(status.error ? { error: withFieldMessages(status.error, status.config) } : {}),
      ...(status.notice ? { notice: status.notice } : {}),
      ...issuerPart(status),
    };
  }

  /** oauth mode, running: whether the issuer's keys can be had. */
  function issuerPart(status: RunnerStatus): { issuer?: IssuerHealth } {
    const health = status.state === 'running' && status.config?.auth === 'oauth' ? runner.started()?.issuerHealth?.() : undefined;
    return health ? { issuer: health } : {};
  }

  /** The issuer's health changes in the background (retries, key fetches): push the status when it does. */
  function followIssuerHealth(): () => void {
    let last = JSON.stringify(issuerPart(runner.status()));
    const timer = setInterval(() => {
      const now = JSON.stringify(issuerPart(runner.status()));
      if (now === last) return;
      last = now;
      hub.emit('server.status', serverStatus());
    }, deps.issuerHealthPollMs ?? 1_000);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Where agents reach the server (the running one, else the settings') and the mode they authenticate in. */
  function agentEndpoint(): { mcpUrl: string; auth: Settings['auth'] } {
    const current = currentSettings();
    return { mcpUrl: serverStatus().mcpUrl ?? mcpUrlFor(current.host, current.port), auth: current.auth };
  }

  function snippets(): AgentSnippet[] {
    const clientId = currentSettings().oauth.clientId;
    return buildAgentSnippets({ ...agentEndpoint(), stdio: deps.info.stdio, ...(clientId ? { oauthClientId: clientId } : {}) });
  }

  function startAtLoginStatus(): StartAtLoginStatus {
    return deps.startAtLogin ? { supported: true, enabled: deps.startAtLogin.get() } : { supported: false, enabled: false };
  }

  function setSession(next: SessionInfo | null): void {
    session = next;
    hub.emit('session.changed', next);
    loginsChanged();
  }

  async function readSession(): Promise<SessionInfo | null> {
    try {
      return toSessionInfo(await loadSession(deps.secrets));
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'NOT_SIGNED_IN') log(`[login] cannot read the session: ${(error as Error).message}`);
      return null;
    }
  }

  async function rememberRunning(serverWasRunning: boolean): Promise<void> {
    try {
      await deps.appState.save({ serverWasRunning });
    } catch (error) {
      log(`[app] cannot save the app state: ${(error as Error).message}`);
    }
  }

  /**
   * The server runs in api_key mode now (started, or switched to it): its first
   * start in that mode created the key, which the key panel must show at once.
   */
  async function announceApiKey(): Promise<void> {
    if (runner.status().config?.auth === 'api_key') hub.emit('apiKey.changed', await apiKey.status());
  }

  /** New settings from the file on disk: tell the UIs, apply them to the running server. A save from the UI does both itself. */
  deps.settings.subscribe((next) => {
    if (settings === undefined) return; // `init` reads the first ones.
    settings = next;
    if (saver.saving()) return;
    hub.emit('settings.changed', next);
    void runner.apply(deps.settings.config()).then(() => {
      hub.emit('server.status', serverStatus());
      return announceApiKey();
    });
  });

  /** Saves and applies a change (see `SettingsSaver.save`); the UIs hear of settings that are saved and running. */
  async function updateSettings(patch: unknown): Promise<Settings> {
    const before = JSON.stringify(currentSettings());
    try {
      const saved = await saver.save(patch);
      await announceApiKey();
      return saved;
    } finally {
      // Refused or rolled back, the settings are the same: forms keep what the user typed, next to the reason.
      if (JSON.stringify(currentSettings()) !== before) hub.emit('settings.changed', currentSettings());
      // A stopped server's status shows the mode from the settings: tell the UIs it changed.
      hub.emit('server.status', serverStatus());
    }
  }

  const handlers: CallHandlers = {
    'app.getInfo': async () => ({ ...deps.info, pinned: deps.settings.pinned() }),
    'server.getStatus': async () => serverStatus(),
    'server.start': async () => {
      await rememberRunning(true);
      currentSettings();
      const status = serverStatus(await runner.start(deps.settings.config()));
      await announceApiKey();
      return status;
    },
    'server.stop': async () => {
      await rememberRunning(false);
      return serverStatus(await runner.stop());
    },
    'settings.get': async () => currentSettings(),
    'settings.update': (patch) => updateSettings(patch),
    'apiKey.getStatus': () => apiKey.status(),
    'apiKey.reveal': async () => ({ apiKey: await apiKey.secret() }),
    'apiKey.copy': async () => {
      await deps.clipboard.writeText(await apiKey.secret());
      return { copied: true };
    },
    'apiKey.regenerate': async () => {
      const status = await apiKey.regenerate();
      hub.emit('apiKey.changed', status);
      // The running authenticator holds the old key: rebuild it so the old key stops working at once.
      if (runner.status().config?.auth === 'api_key') await runner.apply(deps.settings.config(), { rebuildAuth: true });
      return status;
    },
    'activity.getSnapshot': async () => toActivityView(deps.metrics.snapshot(), deps.metrics.callsSince(0)),
    'agents.getSnippets': async () => snippets(),
    'clipboard.writeText': async ({ text }) => {
      await deps.clipboard.writeText(text);
      return { copied: true };
    },
    'signIn.getProgress': async () => signIn.progress(),
    'signIn.start': async () => signIn.start(currentSettings()),
    'signIn.cancel': async () => signIn.cancel(),
    'session.get': async () => {
      session = await readSession();
      return session;
    },
    'session.signOut': async () => {
      await deleteSession(deps.secrets);
      setSession(null);
      return null;
    },
    'startAtLogin.get': async () => startAtLoginStatus(),
    'startAtLogin.set': async ({ enabled }) => {
      if (!deps.startAtLogin) throw new ControllerError(START_AT_LOGIN_UNSUPPORTED, 'Start at login is not available here.');
      deps.startAtLogin.set(enabled);
      const status = startAtLoginStatus();
      hub.emit('startAtLogin.changed', status);
      return status;
    },
    ...createServersHandlers(servers),
    ...loginsHandlers,
    ...createAgentClientsHandlers({ pathContext: deps.pathContext, stdio: deps.info.stdio, endpoint: agentEndpoint, log }),
    ...createSharedFoldersHandlers({
      folders: () => currentSettings().sharedFolders,
      update: updateSettings,
      ...(deps.pickFolder ? { pickFolder: deps.pickFolder } : {}),
      ...(deps.pathContext ? { home: deps.pathContext.homedir } : {}),
    }),
    ...createDoctorHandlers({ settings: deps.settings, secrets: deps.secrets, pathContext: deps.pathContext }),
  };

  return {
    handlers,
    subscribe: (listener) => hub.subscribe(listener),
    async init() {
      try {
        const loaded = await deps.settings.ready();
        if (loaded.warning) log(`[settings] ${loaded.warning}`);
        settings = loaded.settings;
        for (const problem of deps.settings.problems()) log(`[settings] ${problem}`);
      } catch (error) {
        // An unreadable file (permissions): run on the defaults and say so, rather than not start.
        log(`[settings] ${(error as Error).message}; using the default settings`);
        settings = deps.settings.current();
      }
      session = await readSession();
      stopServersEvents = servers.onChange((views) => hub.emit('servers.changed', views));
      const following = followLogins(logins, loginsHandlers['logins.list'], (views) => hub.emit('logins.changed', views), log);
      const stopProgress = logins.onProgress((progress) => hub.emit('logins.progress', progress));
      loginsChanged = following.changed;
      stopLogins = () => {
        following.stop();
        stopProgress();
      };
      activity = createBatchedSubscription(deps.metrics, { intervalMs: deps.activityIntervalMs ?? 250 }, (batch) =>
        hub.emit('activity.batch', toActivityView(batch.snapshot, batch.calls)),
      );
      stopIssuerHealth = followIssuerHealth();
      const state = await deps.appState.load();
      if (state.serverWasRunning) await runner.start(deps.settings.config());
    },
    snapshot() {
      const current = currentSettings();
      return {
        server: serverStatus(),
        settings: current,
        session,
        signIn: signIn.progress(),
        signInConfigured: Object.keys(signInFieldProblems(current)).length === 0,
        startAtLogin: startAtLoginStatus(),
        snippets: snippets(),
        servers: serverViews(),
      };
    },
    async shutdown() {
      signIn.cancel();
      activity?.close();
      stopServersEvents?.();
      stopLogins?.();
      stopIssuerHealth?.();
      await runner.stop();
      await signIn.settled();
      await logins.close();
    },
  };
}
