import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import {
  AGENT_API_KEY_ENV_VAR,
  TOKEN_ENV_VAR,
  VSCODE_INPUT_ID,
  buildAgentSnippets,
  mcpUrlFor,
  tomlString,
  type SnippetOptions,
} from './agent-snippets.js';
import { AGENT_CLIENTS, type AgentSnippet, type AuthMode } from './view-types.js';

const URL = 'http://127.0.0.1:8000/mcp';
const STDIO = { command: '/Applications/MCP Toolkit.app/Contents/MacOS/MCP Toolkit', args: ['stdio'] };

function snippets(auth: AuthMode, extra: Partial<SnippetOptions> = {}): Map<string, AgentSnippet> {
  return new Map(buildAgentSnippets({ mcpUrl: URL, auth, stdio: STDIO, ...extra }).map((s) => [s.id, s]));
}

function parsed(list: Map<string, AgentSnippet>, id: string): Record<string, unknown> {
  const found = list.get(id);
  if (!found) throw new Error(`no snippet ${id}`);
  return (found.language === 'toml' ? parseToml(found.content) : JSON.parse(found.content)) as Record<string, unknown>;
}

describe('agent snippets', () => {
  it('offers one or more snippets for every supported client, with unique ids', () => {
    const list = buildAgentSnippets({ mcpUrl: URL, auth: 'none', stdio: STDIO });
    expect(new Set(list.map((s) => s.client))).toEqual(new Set(AGENT_CLIENTS));
    expect(new Set(list.map((s) => s.id)).size).toBe(list.length);
  });

  describe('api_key mode: every HTTP client reads the key from its own secret reference', () => {
    const list = snippets('api_key');

    it('Claude Code: `claude mcp add` with the header from the shell environment, and .mcp.json with ${VAR}', () => {
      expect(list.get('claude-code-command')?.content).toBe(
        `claude mcp add --transport http mcp-toolkit ${URL} --header "X-API-Key: $${AGENT_API_KEY_ENV_VAR}"\n`,
      );
      expect(parsed(list, 'claude-code-json')).toEqual({
        mcpServers: { 'mcp-toolkit': { type: 'http', url: URL, headers: { 'X-API-Key': `\${${AGENT_API_KEY_ENV_VAR}}` } } },
      });
    });

    it('VS Code: a password prompt in `inputs`, referenced as ${input:id}', () => {
      expect(parsed(list, 'vscode-json')).toEqual({
        inputs: [{ type: 'promptString', id: VSCODE_INPUT_ID, description: 'MCP Toolkit API key', password: true }],
        servers: { 'mcp-toolkit': { type: 'http', url: URL, headers: { 'X-API-Key': `\${input:${VSCODE_INPUT_ID}}` } } },
      });
    });

    it('Cursor and Windsurf: ${env:NAME}, with Windsurf naming the URL `serverUrl`', () => {
      const header = { 'X-API-Key': `\${env:${AGENT_API_KEY_ENV_VAR}}` };
      expect(parsed(list, 'cursor-json')).toEqual({ mcpServers: { 'mcp-toolkit': { url: URL, headers: header } } });
      expect(parsed(list, 'windsurf-json')).toEqual({ mcpServers: { 'mcp-toolkit': { serverUrl: URL, headers: header } } });
    });

    it('Codex CLI: TOML table with env_http_headers naming the variable', () => {
      expect(parsed(list, 'codex-toml')).toEqual({
        mcp_servers: { 'mcp-toolkit': { url: URL, env_http_headers: { 'X-API-Key': AGENT_API_KEY_ENV_VAR } } },
      });
    });

    it('Gemini CLI: httpUrl with ${VAR} in the header', () => {
      expect(parsed(list, 'gemini-json')).toEqual({
        mcpServers: { 'mcp-toolkit': { httpUrl: URL, headers: { 'X-API-Key': `\${${AGENT_API_KEY_ENV_VAR}}` } } },
      });
    });

    it('Claude Desktop: the app itself as a stdio command', () => {
      expect(parsed(list, 'claude-desktop-json')).toEqual({
        mcpServers: { 'mcp-toolkit': { command: STDIO.command, args: ['stdio'] } },
      });
    });

    it('never embeds a key, and tells the user which variable to set', () => {
      for (const s of list.values()) {
        expect(s.content).not.toMatch(/[0-9a-f]{32}/);
        if (s.client !== 'claude-desktop' && s.client !== 'vscode') expect(s.note).toContain(AGENT_API_KEY_ENV_VAR);
      }
    });
  });

  describe('none mode: URL only', () => {
    const list = snippets('none');
    it('has no headers or inputs anywhere', () => {
      expect(list.get('claude-code-command')?.content).toBe(`claude mcp add --transport http mcp-toolkit ${URL}\n`);
      expect(parsed(list, 'claude-code-json')).toEqual({ mcpServers: { 'mcp-toolkit': { type: 'http', url: URL } } });
      expect(parsed(list, 'vscode-json')).toEqual({ servers: { 'mcp-toolkit': { type: 'http', url: URL } } });
      expect(parsed(list, 'cursor-json')).toEqual({ mcpServers: { 'mcp-toolkit': { url: URL } } });
      expect(parsed(list, 'windsurf-json')).toEqual({ mcpServers: { 'mcp-toolkit': { serverUrl: URL } } });
      expect(parsed(list, 'codex-toml')).toEqual({ mcp_servers: { 'mcp-toolkit': { url: URL } } });
      expect(parsed(list, 'gemini-json')).toEqual({ mcpServers: { 'mcp-toolkit': { httpUrl: URL } } });
    });
  });

  describe('oauth mode', () => {
    const list = snippets('oauth');
    it('gives only the URL to clients that sign in on their own', () => {
      expect(list.get('claude-code-command')?.content).toBe(`claude mcp add --transport http mcp-toolkit ${URL}\n`);
      expect(parsed(list, 'vscode-json')).toEqual({ servers: { 'mcp-toolkit': { type: 'http', url: URL } } });
      expect(parsed(list, 'cursor-json')).toEqual({ mcpServers: { 'mcp-toolkit': { url: URL } } });
      expect(parsed(list, 'codex-toml')).toEqual({ mcp_servers: { 'mcp-toolkit': { url: URL } } });
      expect(parsed(list, 'gemini-json')).toEqual({ mcpServers: { 'mcp-toolkit': { httpUrl: URL } } });
      expect(list.get('cursor-json')?.note).toMatch(/signs in/);
    });

    it('gives Windsurf, which cannot sign in itself, a bearer token from an environment variable', () => {
      expect(parsed(list, 'windsurf-json')).toEqual({
        mcpServers: { 'mcp-toolkit': { serverUrl: URL, headers: { Authorization: `Bearer \${env:${TOKEN_ENV_VAR}}` } } },
      });
      expect(list.get('windsurf-json')?.note).toContain('mcp-toolkit token');
    });

    it('keeps Claude Desktop on stdio', () => {
      expect(parsed(list, 'claude-desktop-json')).toEqual({
        mcpServers: { 'mcp-toolkit': { command: STDIO.command, args: ['stdio'] } },
      });
    });
  });

  it('uses a custom server name everywhere and refuses names that would break the formats', () => {
    const list = snippets('api_key', { serverName: 'toolkit_2' });
    expect(parsed(list, 'codex-toml')).toHaveProperty(['mcp_servers', 'toolkit_2']);
    expect(list.get('claude-code-command')?.content).toContain(' toolkit_2 ');
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
