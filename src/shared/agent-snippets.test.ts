import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { VSCODE_INPUT_ID, buildAgentSnippets, mcpUrlFor, tomlString, type SnippetOptions } from './agent-snippets.js';
import { AGENT_CLIENTS, type AgentSnippet, type AuthMode } from './view-types.js';

const URL = 'http://127.0.0.1:8000/mcp';
const APP = '/Applications/MCP Toolkit.app/Contents/MacOS/MCP Toolkit';
const STDIO = { command: APP, args: ['stdio'] };
const CHECKOUT = { command: '/usr/bin/node', args: ['/home/me/mcp-toolkit/bin/mcp-toolkit.js', 'stdio'] };

function snippets(auth: AuthMode, extra: Partial<SnippetOptions> = {}): Map<string, AgentSnippet> {
  return new Map(buildAgentSnippets({ mcpUrl: URL, auth, stdio: STDIO, ...extra }).map((s) => [s.id, s]));
}

function parsed(list: Map<string, AgentSnippet>, id: string): Record<string, unknown> {
  const found = list.get(id);
  if (!found) throw new Error(`no snippet ${id}`);
  return (found.language === 'toml' ? parseToml(found.content) : JSON.parse(found.content)) as Record<string, unknown>;
}

const bridge = (client: string) => ({ command: APP, args: ['bridge', '--client', client] });

describe('agent snippets', () => {
  it('offers one or more snippets for every supported client, with unique ids', () => {
    const list = buildAgentSnippets({ mcpUrl: URL, auth: 'none', stdio: STDIO });
    expect(new Set(list.map((s) => s.client))).toEqual(new Set(AGENT_CLIENTS));
    expect(new Set(list.map((s) => s.id)).size).toBe(list.length);
  });

  describe('api_key mode: each client gets its own key by a secret-free way, never from a variable', () => {
    const list = snippets('api_key');

    it('Claude Code command: `claude mcp add` with the bridge after `--`, the app path quoted; nothing for the shell to expand', () => {
      expect(list.get('claude-code-command')?.content).toBe(`claude mcp add mcp-toolkit -- "${APP}" bridge --client claude-code\n`);
      const fromCheckout = snippets('api_key', { stdio: CHECKOUT }).get('claude-code-command')?.content;
      expect(fromCheckout).toBe('claude mcp add mcp-toolkit -- /usr/bin/node /home/me/mcp-toolkit/bin/mcp-toolkit.js bridge --client claude-code\n');
    });

    it('Claude Code .mcp.json: headersHelper runs `keys show claude-code --header-json`', () => {
      expect(parsed(list, 'claude-code-json')).toEqual({
        mcpServers: { 'mcp-toolkit': { type: 'http', url: URL, headersHelper: `"${APP}" keys show claude-code --header-json` } },
      });
      expect(list.get('claude-code-json')?.note).toContain('mcp-toolkit keys create claude-code');
    });

    it('VS Code: a password prompt in `inputs` naming the key to paste', () => {
      expect(parsed(list, 'vscode-json')).toEqual({
        inputs: [{ type: 'promptString', id: VSCODE_INPUT_ID, description: 'MCP Toolkit API key (mcp-toolkit keys show vscode)', password: true }],
        servers: { 'mcp-toolkit': { type: 'http', url: URL, headers: { 'X-API-Key': `\${input:${VSCODE_INPUT_ID}}` } } },
      });
      expect(list.get('vscode-json')?.note).toContain('mcp-toolkit keys show vscode');
    });

    it('Cursor, Windsurf, Gemini CLI and Claude Desktop: the bridge with their own client name', () => {
      for (const client of ['cursor', 'windsurf', 'gemini', 'claude-desktop']) {
        expect(parsed(list, `${client}-json`)).toEqual({ mcpServers: { 'mcp-toolkit': bridge(client) } });
        expect(list.get(`${client}-json`)?.note).toContain(`the key named "${client}"`);
      }
    });

    it('Codex CLI: a TOML table with the bridge command', () => {
      expect(parsed(list, 'codex-toml')).toEqual({ mcp_servers: { 'mcp-toolkit': bridge('codex') } });
    });

    it('never embeds a key, never refers to an environment variable, never asks the shell to expand one', () => {
      for (const s of list.values()) {
        expect(s.content).not.toMatch(/[0-9a-f]{32}|MCP_TOOLKIT_API_KEY|MCP_API_KEY|\$\{?[A-Z_]+|\$\{env:/);
        expect(s.note ?? '').not.toMatch(/MCP_TOOLKIT_API_KEY|MCP_API_KEY/);
      }
    });
  });

  describe('none mode: URL only', () => {
    const list = snippets('none');
    it('has no headers or inputs anywhere; Claude Desktop still goes through the bridge', () => {
      expect(list.get('claude-code-command')?.content).toBe(`claude mcp add --transport http mcp-toolkit ${URL}\n`);
      expect(parsed(list, 'claude-code-json')).toEqual({ mcpServers: { 'mcp-toolkit': { type: 'http', url: URL } } });
      expect(parsed(list, 'vscode-json')).toEqual({ servers: { 'mcp-toolkit': { type: 'http', url: URL } } });
      expect(parsed(list, 'cursor-json')).toEqual({ mcpServers: { 'mcp-toolkit': { url: URL } } });
      expect(parsed(list, 'windsurf-json')).toEqual({ mcpServers: { 'mcp-toolkit': { serverUrl: URL } } });
      expect(parsed(list, 'codex-toml')).toEqual({ mcp_servers: { 'mcp-toolkit': { url: URL } } });
      expect(parsed(list, 'gemini-json')).toEqual({ mcpServers: { 'mcp-toolkit': { httpUrl: URL } } });
      expect(parsed(list, 'claude-desktop-json')).toEqual({ mcpServers: { 'mcp-toolkit': bridge('claude-desktop') } });
    });
  });

  describe('oauth mode', () => {
    const list = snippets('oauth');
    it('gives only the URL to every HTTP client, Windsurf included (it signs in by itself)', () => {
      expect(list.get('claude-code-command')?.content).toBe(`claude mcp add --transport http mcp-toolkit ${URL}\n`);
      expect(parsed(list, 'vscode-json')).toEqual({ servers: { 'mcp-toolkit': { type: 'http', url: URL } } });
      expect(parsed(list, 'cursor-json')).toEqual({ mcpServers: { 'mcp-toolkit': { url: URL } } });
      expect(parsed(list, 'windsurf-json')).toEqual({ mcpServers: { 'mcp-toolkit': { serverUrl: URL } } });
      expect(parsed(list, 'codex-toml')).toEqual({ mcp_servers: { 'mcp-toolkit': { url: URL } } });
      expect(parsed(list, 'gemini-json')).toEqual({ mcpServers: { 'mcp-toolkit': { httpUrl: URL } } });
    });

    it('says that signing in by itself needs dynamic client registration', () => {
      for (const id of ['claude-code-command', 'vscode-json', 'cursor-json', 'windsurf-json', 'codex-toml', 'gemini-json']) {
        expect(list.get(id)?.note).toMatch(/signs in by itself .*dynamic client registration/);
      }
      expect(list.get('claude-code-command')?.note).toContain('--client-id');
    });

    it('passes the configured client ID to Claude Code (`--client-id`, `oauth.clientId`)', () => {
      const withId = snippets('oauth', { oauthClientId: 'toolkit-agents' });
      expect(withId.get('claude-code-command')?.content).toBe(`claude mcp add --transport http --client-id toolkit-agents mcp-toolkit ${URL}\n`);
      expect(parsed(withId, 'claude-code-json')).toEqual({ mcpServers: { 'mcp-toolkit': { type: 'http', url: URL, oauth: { clientId: 'toolkit-agents' } } } });
      expect(withId.get('claude-code-command')?.note).toContain('client ID configured here');
      // Only in oauth mode.
      expect(snippets('none', { oauthClientId: 'toolkit-agents' }).get('claude-code-command')?.content).not.toContain('--client-id');
    });

    it('keeps Claude Desktop, which cannot sign in, on stdio and says so', () => {
      expect(parsed(list, 'claude-desktop-json')).toEqual({ mcpServers: { 'mcp-toolkit': { command: APP, args: ['stdio'] } } });
      expect(list.get('claude-desktop-json')?.note).toMatch(/cannot sign in/);
    });
  });

  it('uses a custom server name everywhere and refuses names that would break the formats', () => {
    const list = snippets('api_key', { serverName: 'toolkit_2' });
    expect(parsed(list, 'codex-toml')).toHaveProperty(['mcp_servers', 'toolkit_2']);
    expect(list.get('claude-code-command')?.content).toContain(' toolkit_2 -- ');
    expect(() => buildAgentSnippets({ mcpUrl: URL, auth: 'none', stdio: STDIO, serverName: 'a b' })).toThrow(RangeError);
    expect(() => buildAgentSnippets({ mcpUrl: URL, auth: 'none', stdio: STDIO, serverName: 'x]\n[y' })).toThrow(RangeError);
  });

  it('quotes an IPv6 URL in the shell command so the shell cannot glob it', () => {
    const v6 = mcpUrlFor('::1', 8000);
    expect(v6).toBe('http://[::1]:8000/mcp');
    const list = snippets('none', { mcpUrl: v6 });
    expect(list.get('claude-code-command')?.content).toBe(`claude mcp add --transport http mcp-toolkit "${v6}"\n`);
    expect(parsed(list, 'codex-toml')).toEqual({ mcp_servers: { 'mcp-toolkit': { url: v6 } } });
  });
});

describe('mcpUrlFor', () => {
  it('reaches wildcard binds on loopback', () => {
    expect(mcpUrlFor('127.0.0.1', 8000)).toBe('http://127.0.0.1:8000/mcp');
    expect(mcpUrlFor('0.0.0.0', 9000)).toBe('http://127.0.0.1:9000/mcp');
    expect(mcpUrlFor('::', 9000)).toBe('http://[::1]:9000/mcp');
    expect(mcpUrlFor('localhost', 1)).toBe('http://localhost:1/mcp');
  });
});

describe('tomlString', () => {
  it('round-trips awkward strings through a TOML parser', () => {
    for (const value of ['plain', 'with "quotes"', 'back\\slash', 'tab\there', 'line\nbreak', 'C:\\Program Files\\x']) {
      expect(parseToml(`v = ${tomlString(value)}`)).toEqual({ v: value });
    }
  });
});
