/**
 * `servers add … --client-id/--scope`, `servers login` and `servers logout`
 * through the built CLI in a child process: what does not need a sign-in to
 * happen. The sign-in itself runs in servers-login.test.ts (chromium, the OS
 * keychain, a real identity provider) and in process with the double
 * (src/cli/commands/servers/login.test.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliMissing } from '../support/paths.js';
import { ECHO_SERVER, errorLines, runServers, settingsText } from './servers-cli.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'mcp-toolkit-servers-sign-in-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const servers = (args: string[]) => runServers(args, { home, env: { HOME: home } });

describe.skipIf(cliMissing())('servers: sign-in settings and commands (built CLI)', () => {
  it('adds a remote server with its sign-in settings, refuses bad ones at their field', async () => {
    const added = await servers(['add', 'docs', '--url', 'https://docs.example.com/mcp', '--client-id', 'toolkit-client', '--scope', 'docs:read']);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toBe('added docs (http: https://docs.example.com/mcp)\n');
    expect(errorLines(added)).toEqual(['mcp-toolkit servers: if docs asks for a sign-in, run `mcp-toolkit servers login docs`']);
    expect(JSON.parse(settingsText(home)).servers[0]).toMatchObject({ name: 'docs', auth: { clientId: 'toolkit-client', scope: 'docs:read' } });

    const refused = await servers(['add', 'bad', '--url', 'https://bad.example.com/mcp', '--client-metadata-url', 'https://app.example.com/']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('auth.clientMetadataUrl');
  });

  it('refuses to sign in to a local server, and a sign-in option on one', async () => {
    expect((await servers(['add', 'echo', '--', process.execPath, ECHO_SERVER])).code).toBe(0);
    const login = await servers(['login', 'echo']);
    expect(login.code).toBe(2);
    expect(login.stderr).toContain('local (stdio) server');
    const option = await servers(['add', 'echo2', '--client-id', 'x', '--', process.execPath, ECHO_SERVER]);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('--client-id is not an option');
  });

  it('documents login and logout in their own help', async () => {
    const help = await servers(['login', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: mcp-toolkit servers login NAME');
    expect(help.stdout).toContain('nothing is printed on stdout');
    expect((await servers(['--help'])).stdout).toContain('login NAME | logout NAME');
  });
});
