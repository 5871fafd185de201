import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../support/cli-process.js';
import { CLI, cliMissing } from '../support/paths.js';


let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'mcp-toolkit-clients-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

/** `mcp-toolkit clients …` with HOME in a temp folder and an empty PATH (no client program is found). */
function clients(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runCli(['clients', ...args], { PATH: '', HOME: home, MCP_TOOLKIT_HOME: join(home, 'toolkit'), ...env });
}

const CURSOR_FILE = () => join(home, '.cursor', 'mcp.json');
const ORIGINAL = '{\n  // my servers\n  "mcpServers": {\n    "other": { "command": "npx", "args": ["-y", "other"] }\n  },\n  "unknown": true\n}\n';

describe.skipIf(cliMissing())('mcp-toolkit clients', () => {
  it('lists every client, none installed in an empty home (--json)', async () => {
    const listed = await clients(['list', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const statuses = JSON.parse(listed.stdout) as { client: string; installed: boolean; connected: boolean; configFile: string }[];
    expect(statuses.map((s) => s.client)).toEqual(['claude-code', 'claude-desktop', 'vscode', 'cursor', 'windsurf', 'codex', 'gemini', 'zed', 'cline', 'lmstudio', 'opencode']);
    expect(statuses.every((s) => !s.installed && !s.connected && s.configFile.startsWith(home))).toBe(true);
    expect(statuses.find((s) => s.client === 'cursor')?.configFile).toBe(CURSOR_FILE());
  });

  it('connects Cursor with the bridge, lists it, is a no-op the second time, and disconnects back to the original file', async () => {
    mkdirSync(join(home, '.cursor'));
    writeFileSync(CURSOR_FILE(), ORIGINAL);
    const connected = await clients(['connect', 'cursor']);
    expect(connected.code, connected.stderr).toBe(0);
    expect(connected.stdout).toMatch(/^connected cursor: .*mcp\.json \(backup: .*mcp\.json\.mcp-toolkit-backup-[0-9T-]+Z\)\n$/);
    const config = parseJsonc(readFileSync(CURSOR_FILE(), 'utf8')) as { mcpServers: Record<string, unknown> };
    expect(config.mcpServers['mcp-toolkit']).toEqual({ command: process.execPath, args: [CLI, 'bridge', '--client', 'cursor'] });
    expect(config.mcpServers.other).toEqual({ command: 'npx', args: ['-y', 'other'] });

    const table = await clients(['list']);
    expect(table.stdout).toMatch(new RegExp(`\\ncursor +yes +bridge +${CURSOR_FILE().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`));

    const again = await clients(['connect', 'cursor']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`cursor: already connected; ${CURSOR_FILE()} unchanged\n`);
    expect(readdirSync(join(home, '.cursor')).filter((name) => name.includes('backup'))).toHaveLength(1);

    const disconnected = await clients(['disconnect', 'cursor']);
    expect(disconnected.code).toBe(0);
    expect(disconnected.stdout).toBe(`disconnected cursor: ${CURSOR_FILE()}\n`);
    expect(readFileSync(CURSOR_FILE(), 'utf8')).toBe(ORIGINAL);
  });

  it('leaves a file that does not parse untouched and names it with its line (exit 1)', async () => {
    mkdirSync(join(home, '.cursor'));
    writeFileSync(CURSOR_FILE(), '{\n  "mcpServers": {\n    "a": ,\n  }\n}\n');
    const refused = await clients(['connect', 'cursor']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`mcp-toolkit clients: ${CURSOR_FILE()}:3:10: not valid JSON`);
    expect(readFileSync(CURSOR_FILE(), 'utf8')).toBe('{\n  "mcpServers": {\n    "a": ,\n  }\n}\n');
  });

  it('refuses to write a key into a file without --allow-key-in-file, and uses Claude Code\'s headersHelper', async () => {
    mkdirSync(join(home, '.cursor'));
    const refused = await clients(['connect', 'cursor', '--http'], { MCP_AUTH: 'api_key' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--allow-key-in-file');
    expect(readdirSync(join(home, '.cursor'))).toEqual([]);

    mkdirSync(join(home, '.claude'));
    const claude = await clients(['connect', 'claude-code', '--http'], { MCP_AUTH: 'api_key', MCP_PORT: '8123' });
    expect(claude.code, claude.stderr).toBe(0);
    const config = JSON.parse(readFileSync(join(home, '.claude.json'), 'utf8')) as { mcpServers: Record<string, unknown> };
    expect(config.mcpServers['mcp-toolkit']).toEqual({
      type: 'http',
      url: 'http://127.0.0.1:8123/mcp',
      headersHelper: `${process.execPath} ${CLI} keys show claude-code --header-json`,
    });
  });

  it('refuses an unknown client or subcommand as bad usage (exit 2)', async () => {
    const unknown = await clients(['connect', 'notepad']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown client "notepad"');
    expect((await clients(['frobnicate'])).code).toBe(2);
    expect((await clients(['disconnect', 'cursor', '--http'])).code).toBe(2);
  });
});
