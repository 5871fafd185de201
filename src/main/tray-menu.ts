/**
 * The tray menu as plain data, built by a pure function from the app state.
 * `tray.ts` turns it into an Electron `Menu`; tests read it directly.
 */
import { AGENT_CLIENT_NAMES } from '../shared/agent-snippets.js';
import type { UpstreamView } from '../shared/gateway-types.js';
import { upstreamSummary } from '../shared/upstream-label.js';
import type {
  AgentSnippet,
  ServerStatus,
  SessionInfo,
  SignInPhase,
  StartAtLoginStatus,
} from '../shared/view-types.js';

export interface TrayState {
  readonly server: ServerStatus;
  readonly session: SessionInfo | null;
  readonly signInPhase: SignInPhase;
  /** Whether the settings hold what sign-in needs (issuer and client id). */
  readonly signInConfigured: boolean;
  readonly startAtLogin: StartAtLoginStatus;
  readonly snippets: readonly AgentSnippet[];
  /** The gateway's upstream servers. */
  readonly servers: readonly UpstreamView[];
}

export type TrayAction =
  | { readonly kind: 'startServer' }
  | { readonly kind: 'stopServer' }
  | { readonly kind: 'copyApiKey' }
  | { readonly kind: 'copySnippet'; readonly snippetId: string }
  | { readonly kind: 'signIn' }
  | { readonly kind: 'cancelSignIn' }
  | { readonly kind: 'signOut' }
  | { readonly kind: 'openWindow' }
  | { readonly kind: 'openServers' }
  | { readonly kind: 'restartUpstream'; readonly name: string }
  /** The same sign-in as the UI's Sign in button (`logins.signIn`). */
  | { readonly kind: 'signInUpstream'; readonly name: string }
  | { readonly kind: 'setStartAtLogin'; readonly enabled: boolean }
  | { readonly kind: 'quit' };

export type TrayMenuItem =
  | { readonly type: 'label'; readonly label: string }
  | { readonly type: 'separator' }
  | { readonly type: 'action'; readonly label: string; readonly action: TrayAction; readonly enabled: boolean }
  | { readonly type: 'checkbox'; readonly label: string; readonly checked: boolean; readonly action: TrayAction }
  | { readonly type: 'submenu'; readonly label: string; readonly items: readonly TrayMenuItem[] };

/** Longest status line shown in the menu; longer error messages are cut with an ellipsis. */
export const MAX_STATUS_LENGTH = 80;

/** The status line: `Running on http://127.0.0.1:8000 · api_key`, `Stopped`, or the error. */
export function statusLine(server: ServerStatus): string {
  switch (server.state) {
    case 'running':
      return `Running on ${server.url ?? '?'} · ${server.auth}`;
    case 'starting':
      return 'Starting…';
    case 'stopping':
      return 'Stopping…';
    case 'stopped':
      return 'Stopped';
    case 'error':
      return truncate(`Error: ${server.error?.message ?? 'the server could not start'}`, MAX_STATUS_LENGTH);
  }
}

/** The tray tooltip: app name and status line. */
export function trayTooltip(server: ServerStatus): string {
  return `MCP Toolkit — ${statusLine(server)}`;
}

export function buildTrayMenu(state: TrayState): TrayMenuItem[] {
  return [
    { type: 'label', label: statusLine(state.server) },
    serverToggle(state.server),
    serversSubmenu(state.servers),
    ...upstreamSignInItems(state.servers),
    { type: 'separator' },
    ...apiKeyItems(state.server),
    agentConfigSubmenu(state.snippets),
    { type: 'separator' },
    ...signInItems(state),
    { type: 'separator' },
    { type: 'action', label: 'Open MCP Toolkit', action: { kind: 'openWindow' }, enabled: true },
    ...startAtLoginItems(state.startAtLogin),
    { type: 'separator' },
    { type: 'action', label: 'Quit', action: { kind: 'quit' }, enabled: true },
  ];
}

function serverToggle(server: ServerStatus): TrayMenuItem {
  const busy = server.state === 'starting' || server.state === 'stopping';
  return server.state === 'running' || server.state === 'stopping'
    ? { type: 'action', label: 'Stop server', action: { kind: 'stopServer' }, enabled: !busy }
    : { type: 'action', label: 'Start server', action: { kind: 'startServer' }, enabled: !busy };
}

/** Each upstream with its state (`github — running (12 tools)`), a Restart under it, then Open Servers…. */
export function serversSubmenu(servers: readonly UpstreamView[]): TrayMenuItem {
  const items: TrayMenuItem[] = servers.map((server) => ({
    type: 'submenu',
    label: truncate(upstreamSummary(server), MAX_STATUS_LENGTH),
    items: [
      ...(server.lastError ? [{ type: 'label', label: truncate(server.lastError, MAX_STATUS_LENGTH) } as const] : []),
      ...(server.state === 'needs-sign-in' ? [signInUpstreamItem(server.name)] : []),
      { type: 'action', label: `Restart ${server.name}`, action: { kind: 'restartUpstream', name: server.name }, enabled: server.enabled },
    ],
  }));
  return {
    type: 'submenu',
    label: 'Servers',
    items: [
      ...(items.length > 0 ? items : [{ type: 'label', label: 'No servers yet' } as const]),
      { type: 'separator' },
      { type: 'action', label: 'Open Servers…', action: { kind: 'openServers' }, enabled: true },
    ],
  };
}

/** At the top level, so it shows without opening a submenu: "Sign in to NAME" for each server waiting for a sign-in. */
export function upstreamSignInItems(servers: readonly UpstreamView[]): TrayMenuItem[] {
  return servers.filter((server) => server.state === 'needs-sign-in').map((server) => signInUpstreamItem(server.name));
}

function signInUpstreamItem(name: string): TrayMenuItem {
  return { type: 'action', label: truncate(`Sign in to ${name}…`, MAX_STATUS_LENGTH), action: { kind: 'signInUpstream', name }, enabled: true };
}

function apiKeyItems(server: ServerStatus): TrayMenuItem[] {
  return server.auth === 'api_key'
    ? [{ type: 'action', label: 'Copy API key', action: { kind: 'copyApiKey' }, enabled: true }]
    : [];
}

/** One item per client: the first snippet listed for it (the `claude mcp add` command for Claude Code). */
function agentConfigSubmenu(snippets: readonly AgentSnippet[]): TrayMenuItem {
  const firstPerClient = snippets.filter(
    (snippet, index) => snippets.findIndex((other) => other.client === snippet.client) === index,
  );
  return {
    type: 'submenu',
    label: 'Copy agent config',
    items: firstPerClient.map((snippet) => ({
      type: 'action',
      label: AGENT_CLIENT_NAMES[snippet.client],
      action: { kind: 'copySnippet', snippetId: snippet.id },
      enabled: true,
    })),
  };
}

function signInItems(state: TrayState): TrayMenuItem[] {
  if (state.session) {
    return [
      { type: 'label', label: `Signed in as ${truncate(state.session.subject, 40)}` },
      { type: 'action', label: 'Sign out', action: { kind: 'signOut' }, enabled: true },
    ];
  }
  const inProgress = ['starting', 'waiting_for_browser', 'exchanging'].includes(state.signInPhase);
  if (inProgress) {
    return [
      { type: 'label', label: 'Signing in… (finish in your browser)' },
      { type: 'action', label: 'Cancel sign-in', action: { kind: 'cancelSignIn' }, enabled: true },
    ];
  }
  return [{ type: 'action', label: 'Sign in…', action: { kind: 'signIn' }, enabled: state.signInConfigured }];
}

function startAtLoginItems(status: StartAtLoginStatus): TrayMenuItem[] {
  return status.supported
    ? [
        {
          type: 'checkbox',
          label: 'Start at login',
          checked: status.enabled,
          action: { kind: 'setStartAtLogin', enabled: !status.enabled },
        },
      ]
    : [];
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
