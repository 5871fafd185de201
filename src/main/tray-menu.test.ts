import { describe, expect, it } from 'vitest';
import { buildAgentSnippets } from '../shared/agent-snippets.js';
import type { UpstreamView } from '../shared/gateway-types.js';
import type { ServerStatus } from '../shared/view-types.js';
import { trayIconFile, trayIconState } from './tray-icon.js';
import { buildTrayMenu, serversSubmenu, statusLine, trayTooltip, type TrayMenuItem, type TrayState } from './tray-menu.js';

const snippets = buildAgentSnippets({
  mcpUrl: 'http://127.0.0.1:8000/mcp',
  auth: 'api_key',
  stdio: { command: '/opt/mcp-toolkit/mcp-toolkit', args: ['stdio'] },
});

const running: ServerStatus = { state: 'running', url: 'http://127.0.0.1:8000', mcpUrl: 'http://127.0.0.1:8000/mcp', auth: 'api_key' };
const stopped: ServerStatus = { state: 'stopped', auth: 'none' };

function state(overrides: Partial<TrayState> = {}): TrayState {
  return {
    server: stopped,
    session: null,
    signInPhase: 'idle',
    signInConfigured: true,
    startAtLogin: { supported: true, enabled: false },
    snippets,
    servers: [],
    ...overrides,
  };
}

const labels = (items: readonly TrayMenuItem[]) => items.map((item) => ('label' in item ? item.label : '—'));
const find = (items: readonly TrayMenuItem[], label: string) => items.find((item) => 'label' in item && item.label === label);

describe('tray status line', () => {
  it('names the URL and auth mode while running', () => {
    expect(statusLine(running)).toBe('Running on http://127.0.0.1:8000 · api_key');
    expect(trayTooltip(running)).toBe('MCP Toolkit — Running on http://127.0.0.1:8000 · api_key');
  });

  it('says Stopped, Starting… and Stopping…', () => {
    expect(statusLine(stopped)).toBe('Stopped');
    expect(statusLine({ state: 'starting', auth: 'none' })).toBe('Starting…');
    expect(statusLine({ state: 'stopping', auth: 'none' })).toBe('Stopping…');
  });

  it('shows a start failure, cut to a menu-friendly length', () => {
    const error = { code: 'PORT_IN_USE', message: 'port 8000 is already in use on 127.0.0.1' };
    expect(statusLine({ state: 'error', auth: 'none', error })).toBe('Error: port 8000 is already in use on 127.0.0.1');
    const long = statusLine({ state: 'error', auth: 'none', error: { code: 'X', message: 'x'.repeat(200) } });
    expect(long).toHaveLength(80);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('tray menu', () => {
  it('while stopped: status, Start server, agent configs, Sign in…, Open, Start at login, Quit', () => {
    const menu = buildTrayMenu(state());
    expect(labels(menu)).toEqual([
      'Stopped',
      'Start server',
      'Servers',
      '—',
      'Copy agent config',
      '—',
      'Sign in…',
      '—',
      'Open MCP Toolkit',
      'Start at login',
      '—',
      'Quit',
    ]);
    expect(find(menu, 'Start server')).toMatchObject({ action: { kind: 'startServer' }, enabled: true });
    expect(find(menu, 'Quit')).toMatchObject({ action: { kind: 'quit' } });
  });

  it('while running in api_key mode: Stop server and Copy API key', () => {
    const menu = buildTrayMenu(state({ server: running }));
    expect(menu[0]).toEqual({ type: 'label', label: 'Running on http://127.0.0.1:8000 · api_key' });
    expect(find(menu, 'Stop server')).toMatchObject({ action: { kind: 'stopServer' }, enabled: true });
    expect(find(menu, 'Copy API key')).toMatchObject({ action: { kind: 'copyApiKey' } });
  });

  it('offers Copy API key only in api_key mode', () => {
    for (const auth of ['none', 'oauth'] as const) {
      expect(find(buildTrayMenu(state({ server: { ...running, auth } })), 'Copy API key')).toBeUndefined();
    }
  });

  it('disables the toggle while starting or stopping', () => {
    expect(find(buildTrayMenu(state({ server: { state: 'starting', auth: 'none' } })), 'Start server')).toMatchObject({
      enabled: false,
    });
    expect(find(buildTrayMenu(state({ server: { state: 'stopping', auth: 'none' } })), 'Stop server')).toMatchObject({
      enabled: false,
    });
  });

  it('after a start failure: the error as status, and Start server to retry', () => {
    const menu = buildTrayMenu(
      state({ server: { state: 'error', auth: 'api_key', error: { code: 'KEYCHAIN_UNAVAILABLE', message: 'no keychain' } } }),
    );
    expect(menu[0]).toEqual({ type: 'label', label: 'Error: no keychain' });
    expect(find(menu, 'Start server')).toMatchObject({ enabled: true });
  });

  it('has one Copy agent config item per client', () => {
    const submenu = find(buildTrayMenu(state()), 'Copy agent config');
    expect(submenu?.type).toBe('submenu');
    const items = submenu && submenu.type === 'submenu' ? submenu.items : [];
    expect(labels(items)).toEqual(['Claude Code', 'VS Code', 'Cursor', 'Windsurf', 'Codex CLI', 'Gemini CLI', 'Claude Desktop']);
    expect(items[0]).toMatchObject({ action: { kind: 'copySnippet', snippetId: 'claude-code-command' } });
  });

  it('disables Sign in… until the settings name an issuer and client id', () => {
    expect(find(buildTrayMenu(state({ signInConfigured: false })), 'Sign in…')).toMatchObject({ enabled: false });
  });

  it('while signing in: a progress line and Cancel sign-in', () => {
    for (const signInPhase of ['starting', 'waiting_for_browser', 'exchanging'] as const) {
      const menu = buildTrayMenu(state({ signInPhase }));
      expect(labels(menu)).toContain('Signing in… (finish in your browser)');
      expect(find(menu, 'Cancel sign-in')).toMatchObject({ action: { kind: 'cancelSignIn' } });
      expect(find(menu, 'Sign in…')).toBeUndefined();
    }
  });

  it('when signed in: the subject and Sign out', () => {
    const menu = buildTrayMenu(
      state({ session: { subject: 'alice@example.com', issuer: 'https://id.example.com', expiresAt: null } }),
    );
    expect(labels(menu)).toContain('Signed in as alice@example.com');
    expect(find(menu, 'Sign out')).toMatchObject({ action: { kind: 'signOut' } });
    expect(find(menu, 'Sign in…')).toBeUndefined();
  });

  it('shows Start at login as a checkbox that toggles, and hides it where unsupported', () => {
    expect(find(buildTrayMenu(state({ startAtLogin: { supported: true, enabled: true } })), 'Start at login')).toEqual({
      type: 'checkbox',
      label: 'Start at login',
      checked: true,
      action: { kind: 'setStartAtLogin', enabled: false },
    });
    expect(find(buildTrayMenu(state({ startAtLogin: { supported: false, enabled: false } })), 'Start at login')).toBeUndefined();
  });
});

function upstream(name: string, overrides: Partial<UpstreamView> = {}): UpstreamView {
  const tools = Array.from({ length: 12 }, (_, i) => ({ name: `t${i}`, served: `${name}__t${i}`, enabled: true, needsApproval: false }));
  return { name, kind: 'stdio', enabled: true, state: 'running', needsApproval: false, target: 'npx x', tools, pending: [], secrets: [], recentErrorOutput: [], ...overrides };
}

const submenuItems = (item: TrayMenuItem | undefined) => (item?.type === 'submenu' ? item.items : []);

describe('tray Servers submenu', () => {
  it('lists each upstream with its state in words, and Open Servers…', () => {
    const servers = [
      upstream('github'),
      upstream('fs', { state: 'crashed', lastError: 'exited with code 1 three times in 60 s' }),
      upstream('x', { needsApproval: true }),
      upstream('off', { enabled: false, state: 'disabled' }),
    ];
    const submenu = find(buildTrayMenu(state({ servers })), 'Servers');
    expect(labels(submenuItems(submenu))).toEqual([
      'github — running (12 tools)',
      'fs — crashed',
      'x — needs approval',
      'off — disabled',
      '—',
      'Open Servers…',
    ]);
    expect(find(submenuItems(submenu), 'Open Servers…')).toMatchObject({ action: { kind: 'openServers' }, enabled: true });
  });

  it('gives each upstream a Restart item (off while disabled) and its last error', () => {
    const items = submenuItems(serversSubmenu([upstream('fs', { state: 'crashed', lastError: 'e'.repeat(200) }), upstream('off', { enabled: false, state: 'disabled' })]));
    expect(submenuItems(items[0])).toEqual([
      { type: 'label', label: `${'e'.repeat(79)}…` },
      { type: 'action', label: 'Restart fs', action: { kind: 'restartUpstream', name: 'fs' }, enabled: true },
    ]);
    expect(submenuItems(items[1])).toEqual([{ type: 'action', label: 'Restart off', action: { kind: 'restartUpstream', name: 'off' }, enabled: false }]);
  });

  it('offers "Sign in to NAME" at the top level and in the server\'s submenu for each server that needs a sign-in', () => {
    const servers = [upstream('notion', { kind: 'http', state: 'needs-sign-in' }), upstream('github'), upstream('linear', { kind: 'http', state: 'needs-sign-in' })];
    const menu = buildTrayMenu(state({ servers }));
    expect(labels(menu).slice(0, 5)).toEqual(['Stopped', 'Start server', 'Servers', 'Sign in to notion…', 'Sign in to linear…']);
    expect(find(menu, 'Sign in to notion…')).toEqual({ type: 'action', label: 'Sign in to notion…', action: { kind: 'signInUpstream', name: 'notion' }, enabled: true });
    const submenu = submenuItems(find(menu, 'Servers'));
    expect(labels(submenu)).toContain('notion — needs sign-in');
    expect(submenuItems(submenu[0])).toContainEqual({ type: 'action', label: 'Sign in to notion…', action: { kind: 'signInUpstream', name: 'notion' }, enabled: true });
    expect(labels(submenuItems(submenu[1]))).toEqual(['Restart github']);
  });

  it('says when there are no servers', () => {
    expect(labels(submenuItems(serversSubmenu([])))).toEqual(['No servers yet', '—', 'Open Servers…']);
  });
});

describe('tray icon', () => {
  it('maps server states to running, stopped and error icons', () => {
    expect(trayIconState('running')).toBe('running');
    expect(trayIconState('error')).toBe('error');
    for (const state of ['stopped', 'starting', 'stopping'] as const) expect(trayIconState(state)).toBe('stopped');
  });

  it('uses template images on macOS and coloured ones elsewhere', () => {
    expect(trayIconFile('running', 'darwin')).toBe('tray-runningTemplate.png');
    expect(trayIconFile('error', 'win32')).toBe('tray-error.png');
    expect(trayIconFile('stopped', 'linux')).toBe('tray-stopped.png');
  });
});
