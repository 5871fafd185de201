import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliMissing } from '../support/paths.js';
import { ECHO_SERVER, errorLines, runServers, settingsText } from './servers-cli.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'mcp-toolkit-servers-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const servers = (args: string[], stdin?: string) => runServers(args, { home, ...(stdin !== undefined ? { stdin } : {}) });

describe.skipIf(cliMissing())('mcp-toolkit servers: add, list, enable, disable, remove', () => {
  it('adds a stdio and a remote server, lists them (--json stable), switches and removes them', async () => {
    const added = await servers(['add', 'echo', '--env', 'LOG_LEVEL=debug', '--', process.execPath, ECHO_SERVER, '--flag']);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toBe(`added echo (stdio: ${process.execPath} ${ECHO_SERVER} --flag)\n`);
    const remote = await servers(['add', 'web', '--url', 'https://mcp.example.com/mcp', '--header', 'Authorization: Bearer ${secret:TOKEN}']);
    expect(remote.code).toBe(0);
    expect(errorLines(remote)).toEqual(['mcp-toolkit servers: set the secret with `mcp-toolkit servers secret set web TOKEN`']);

    const listed = await servers(['list', '--json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([
      { name: 'echo', kind: 'stdio', enabled: true, state: 'stopped', tools: null, needsApproval: false, secrets: [], target: `${process.execPath} ${ECHO_SERVER} --flag` },
      { name: 'web', kind: 'http', enabled: true, state: 'stopped', tools: null, needsApproval: false, secrets: [], target: 'https://mcp.example.com/mcp' },
    ]);
    const human = await servers(['list']);
    expect(human.stdout.split('\n')[0]).toMatch(/^NAME\s+KIND\s+ENABLED\s+STATE\s+TOOLS\s+SECRETS\s+TARGET$/);

    expect((await servers(['disable', 'web'])).stdout).toBe('disabled web\n');
    expect(JSON.parse((await servers(['list', '--json'])).stdout)[1]).toMatchObject({ enabled: false, state: 'disabled' });
    expect((await servers(['enable', 'web'])).stdout).toBe('enabled web\n');
    expect((await servers(['tools', 'echo', '--disable', 'crash'])).stdout).toBe('echo: crash off\n');
    expect(JSON.parse(settingsText(home)).servers[0]).toMatchObject({ env: { LOG_LEVEL: 'debug' }, disabledTools: ['crash'] });

    expect((await servers(['remove', 'web'])).stdout).toBe('removed web\n');
    expect(JSON.parse(settingsText(home)).servers.map((s: { name: string }) => s.name)).toEqual(['echo']);
  });

  it.each([
    ['a name that exists', ['add', 'echo', '--', process.execPath], 'mcp-toolkit servers: cannot add "echo": name: a server named "echo" already exists'],
    ['a command not on PATH', ['add', 'nope', '--', 'no-such-command-mcp-toolkit'], 'mcp-toolkit servers: cannot add "nope": command: command `no-such-command-mcp-toolkit` was not found on PATH'],
    ['a URL that is not http(s)', ['add', 'ftp', '--url', 'ftp://example.com/'], 'mcp-toolkit servers: cannot add "ftp": url: expected an http:// or https:// URL, not ftp://'],
    ['a secret-looking env name', ['add', 'gh', '--env', 'GITHUB_TOKEN=ghp_x', '--', process.execPath], expect.stringContaining('env.GITHUB_TOKEN: looks like a secret; keep it in the OS keychain with `mcp-toolkit servers secret set gh GITHUB_TOKEN`')],
    ['a literal secret header', ['add', 'api', '--url', 'https://a.example.com/', '--header', 'Authorization: Bearer abc'], expect.stringContaining('${secret:AUTHORIZATION}')],
    ['an unknown server', ['enable', 'ghost'], 'mcp-toolkit servers: no server is named "ghost"'],
    ['an option of another subcommand', ['list', '--url', 'x'], 'mcp-toolkit servers: --url is not an option of "servers list" (see `mcp-toolkit servers list --help`)'],
    ['an unknown subcommand', ['frobnicate'], expect.stringContaining('unknown subcommand "frobnicate"')],
  ])('refuses %s with one line and exit code 2, changing nothing', async (_what, args, line) => {
    expect((await servers(['add', 'echo', '--', process.execPath, ECHO_SERVER])).code).toBe(0);
    const before = settingsText(home);
    const refused = await servers(args);
    expect(refused.code).toBe(2);
    expect(errorLines(refused)).toEqual([line]);
    expect(refused.stdout).toBe('');
    expect(settingsText(home)).toBe(before);
  });

  it('has --help for each subcommand, and arguments after `--` are the server\'s own', async () => {
    for (const sub of ['add', 'list', 'remove', 'enable', 'disable', 'tools', 'approve', 'secret', 'logs', 'import']) {
      const help = await servers([sub, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`mcp-toolkit servers ${sub}`);
    }
    const added = await servers(['add', 'helpful', '--', process.execPath, ECHO_SERVER, '--help']);
    expect(added.stdout).toContain('added helpful');
  });
});
