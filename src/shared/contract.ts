/**
 * The one contract between the UI and its backend.
 *
 * Calls are request/response (`CallMap`: name → request, response); push events
 * are named with a JSON payload (`EventMap`: name → payload). Two adapters
 * implement `BackendApi` over this contract: the Electron preload (IPC) and the
 * browser dashboard (HTTP + server-sent events). Channel names, handler tables
 * and the renderer's API type are all derived from these two maps, so a name is
 * written once; the HTTP routes are derived in `dashboard-routes.ts`.
 */
import type { AgentClientRequest, AgentClientsUpdate, AgentClientView, AgentConnectRequest } from './agent-clients-types.js';
import type { DoctorCheck } from './doctor-types.js';
import type { UpstreamView } from './gateway-types.js';
import type { LoginView, ServerSignInProgress } from './logins-types.js';
import type { Result } from './result.js';
import type { PickedFolder, SharedFolderRequest, SharedFolderView } from './shared-folders-types.js';
import type {
  ImportPlan,
  ImportRequest,
  ImportResult,
  SecretEntry,
  ServerAddRequest,
  ServerNameRequest,
} from './servers-types.js';
import type {
  ActivityView,
  AgentSnippet,
  ApiKeyStatus,
  AppInfo,
  ServerStatus,
  SessionInfo,
  Settings,
  SettingsPatch,
  SignInProgress,
  StartAtLoginStatus,
} from './view-types.js';

/** Guards a destructive call against accidental invocation. */
export interface Confirmation {
  readonly confirm: true;
}

export interface CallMap {
  'app.getInfo': { request: void; response: AppInfo };

  'server.getStatus': { request: void; response: ServerStatus };
  'server.start': { request: void; response: ServerStatus };
  'server.stop': { request: void; response: ServerStatus };

  'settings.get': { request: void; response: Settings };
  /** Validated as a whole: on failure nothing is saved and `error.fields` names each bad field. */
  'settings.update': { request: SettingsPatch; response: Settings };

  'apiKey.getStatus': { request: void; response: ApiKeyStatus };
  /** The only call whose response carries the secret; sent on an explicit user action. */
  'apiKey.reveal': { request: void; response: { readonly apiKey: string } };
  /** The host puts the key on the clipboard; the key is not returned. */
  'apiKey.copy': { request: void; response: { readonly copied: true } };
  /** Replaces the key; the old one stops working at once. */
  'apiKey.regenerate': { request: Confirmation; response: ApiKeyStatus };

  'activity.getSnapshot': { request: void; response: ActivityView };

  'agents.getSnippets': { request: void; response: readonly AgentSnippet[] };
  /** The supported agent clients: installed or not, config file, connected or not. */
  'agents.listClients': { request: void; response: readonly AgentClientView[] };
  /** Writes the toolkit's entry (the bridge, or `http`) into the client's file; never the key. */
  'agents.connect': { request: AgentConnectRequest; response: AgentClientsUpdate };
  /** Removes the toolkit's entry, and only it, from the client's file. */
  'agents.disconnect': { request: AgentClientRequest; response: AgentClientsUpdate };

  'clipboard.writeText': { request: { readonly text: string }; response: { readonly copied: true } };

  'signIn.getProgress': { request: void; response: SignInProgress };
  /** Starts the PKCE sign-in in the system browser; progress arrives as `signIn.progress` events. */
  'signIn.start': { request: void; response: SignInProgress };
  'signIn.cancel': { request: void; response: SignInProgress };
  'session.get': { request: void; response: SessionInfo | null };
  'session.signOut': { request: void; response: null };

  'startAtLogin.get': { request: void; response: StartAtLoginStatus };
  'startAtLogin.set': { request: { readonly enabled: boolean }; response: StartAtLoginStatus };

  // The gateway's upstream servers. Each change answers with the whole list, as it is once the change applies.
  'servers.list': { request: void; response: readonly UpstreamView[] };
  /** Secret values go to the keychain; `settings.json` gets their names only. */
  'servers.add': { request: ServerAddRequest; response: readonly UpstreamView[] };
  'servers.remove': { request: ServerNameRequest & Confirmation; response: readonly UpstreamView[] };
  'servers.setEnabled': { request: ServerNameRequest & { readonly enabled: boolean }; response: readonly UpstreamView[] };
  /** `tool` is the upstream's own name for it (not the served `NAME__tool`). */
  'servers.setToolEnabled': {
    request: ServerNameRequest & { readonly tool: string; readonly enabled: boolean };
    response: readonly UpstreamView[];
  };
  'servers.restart': { request: ServerNameRequest; response: readonly UpstreamView[] };
  /** Accepts every pending tool definition change of the server. */
  'servers.approve': { request: ServerNameRequest; response: readonly UpstreamView[] };
  'servers.setSecret': { request: ServerNameRequest & SecretEntry; response: readonly UpstreamView[] };
  'servers.removeSecret': { request: ServerNameRequest & { readonly key: string }; response: readonly UpstreamView[] };
  /** The last `lines` (default 200) of the server's error output. */
  'servers.logs': { request: ServerNameRequest & { readonly lines?: number }; response: readonly string[] };
  /** What importing from the client's config would do; changes nothing. */
  'servers.importPreview': { request: ImportRequest; response: ImportPlan };
  'servers.import': { request: ImportRequest; response: ImportResult };

  // The folders the file tools may read, each with whether the server can read it now; changes apply to the running server.
  'sharedFolders.list': { request: void; response: readonly SharedFolderView[] };
  /** Refused at the field (`error.fields.path`) unless the path is an absolute, readable folder not shared yet. */
  'sharedFolders.add': { request: SharedFolderRequest; response: readonly SharedFolderView[] };
  'sharedFolders.remove': { request: SharedFolderRequest; response: readonly SharedFolderView[] };
  /** The host's native folder picker (the desktop window only; the dashboard types a path instead). */
  'dialog.pickFolder': { request: void; response: PickedFolder };
  /** The checks of `mcp-toolkit doctor`, run now: one line each, in a fixed order. */
  'doctor.run': { request: void; response: readonly DoctorCheck[] };

  // Every sign-in the toolkit holds: its own (`id: 'toolkit'`, driven by the `signIn.*`/`session.*` calls) and one per remote server that uses OAuth.
  'logins.list': { request: void; response: readonly LoginView[] };
  /** Starts signing in to the remote server in the system browser; progress arrives as `logins.progress` events. */
  'logins.signIn': { request: LoginServerRequest; response: ServerSignInProgress };
  'logins.cancel': { request: LoginServerRequest; response: ServerSignInProgress };
  /** Revokes (where the server supports it) and deletes the server's tokens; answers with the list as it is after. */
  'logins.signOut': { request: LoginServerRequest; response: readonly LoginView[] };
}

/** Names the remote server of a `logins.*` call (an upstream name). */
export interface LoginServerRequest {
  readonly server: string;
}

export interface EventMap {
  'server.status': ServerStatus;
  'settings.changed': Settings;
  'apiKey.changed': ApiKeyStatus;
  /** Batched: at most a few per second however many requests are rejected. */
  'activity.batch': ActivityView;
  'signIn.progress': SignInProgress;
  'session.changed': SessionInfo | null;
  'startAtLogin.changed': StartAtLoginStatus;
  /** The upstream servers, whenever one is added, removed, reconfigured or changes state. */
  'servers.changed': readonly UpstreamView[];
  /** The Logins list, whenever a sign-in is made, refreshed, lost or removed (here or in another process). */
  'logins.changed': readonly LoginView[];
  /** Each step of a sign-in to a remote server (one sign-in per server at a time). */
  'logins.progress': ServerSignInProgress;
}

export type CallName = keyof CallMap;
export type EventName = keyof EventMap;
export type CallRequest<K extends CallName> = CallMap[K]['request'];
export type CallResponse<K extends CallName> = CallMap[K]['response'];
export type EventPayload<E extends EventName> = EventMap[E];

/** `call('x')` for calls without a request, `call('x', request)` otherwise. */
export type CallArgs<K extends CallName> = CallRequest<K> extends void ? [] : [request: CallRequest<K>];

export type Unsubscribe = () => void;

/** What the UI sees of its backend; the preload and the dashboard's HTTP adapter both implement it. */
export interface BackendApi {
  call<K extends CallName>(name: K, ...args: CallArgs<K>): Promise<Result<CallResponse<K>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): Unsubscribe;
}

/** The backend side: one handler per call, receiving the already-validated request. */
export type CallHandlers = {
  [K in CallName]: (request: CallRequest<K>) => Promise<CallResponse<K>>;
};

// Runtime name lists, tied to the maps by `satisfies` (a missing or extra name fails to compile).
const CALL_NAME_SET = {
  'app.getInfo': true,
  'server.getStatus': true,
  'server.start': true,
  'server.stop': true,
  'settings.get': true,
  'settings.update': true,
  'apiKey.getStatus': true,
  'apiKey.reveal': true,
  'apiKey.copy': true,
  'apiKey.regenerate': true,
  'activity.getSnapshot': true,
  'agents.getSnippets': true,
  'agents.listClients': true,
  'agents.connect': true,
  'agents.disconnect': true,
  'clipboard.writeText': true,
  'signIn.getProgress': true,
  'signIn.start': true,
  'signIn.cancel': true,
  'session.get': true,
  'session.signOut': true,
  'startAtLogin.get': true,
  'startAtLogin.set': true,
  'servers.list': true,
  'servers.add': true,
  'servers.remove': true,
  'servers.setEnabled': true,
  'servers.setToolEnabled': true,
  'servers.restart': true,
  'servers.approve': true,
  'servers.setSecret': true,
  'servers.removeSecret': true,
  'servers.logs': true,
  'servers.importPreview': true,
  'servers.import': true,
  'sharedFolders.list': true,
  'sharedFolders.add': true,
  'sharedFolders.remove': true,
  'dialog.pickFolder': true,
  'doctor.run': true,
  'logins.list': true,
  'logins.signIn': true,
  'logins.cancel': true,
  'logins.signOut': true,
} as const satisfies Record<CallName, true>;

const EVENT_NAME_SET = {
  'server.status': true,
  'settings.changed': true,
  'apiKey.changed': true,
  'activity.batch': true,
  'signIn.progress': true,
  'session.changed': true,
  'startAtLogin.changed': true,
  'servers.changed': true,
  'logins.changed': true,
  'logins.progress': true,
} as const satisfies Record<EventName, true>;

export const CALL_NAMES = Object.keys(CALL_NAME_SET) as CallName[];
export const EVENT_NAMES = Object.keys(EVENT_NAME_SET) as EventName[];

export function isCallName(value: unknown): value is CallName {
  return typeof value === 'string' && Object.hasOwn(CALL_NAME_SET, value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(EVENT_NAME_SET, value);
}

const CHANNEL_PREFIX = 'mcp-toolkit';

/** IPC channel of a call (`mcp-toolkit:call:server.start`). */
export function callChannel(name: CallName): string {
  return `${CHANNEL_PREFIX}:call:${name}`;
}

/** IPC channel of a push event (`mcp-toolkit:event:server.status`). */
export function eventChannel(name: EventName): string {
  return `${CHANNEL_PREFIX}:event:${name}`;
}
