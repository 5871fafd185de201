import { describe, expect, it } from 'vitest';
import { cliArgs, userArgs } from './cli-mode.js';

describe('CLI mode of the app executable', () => {
  it('finds the user arguments in packaged and dev launches', () => {
    expect(userArgs(['/opt/MCP Toolkit/mcp-toolkit', 'stdio'], false)).toEqual(['stdio']);
    expect(userArgs(['/usr/bin/electron', '/src/app', 'serve', '--port', '0'], true)).toEqual(['serve', '--port', '0']);
    expect(userArgs(['/usr/bin/electron', '--inspect=0', '--remote-debugging-port=0', '/src/app', '--no-sandbox'], true)).toEqual(['--no-sandbox']);
    expect(userArgs(['/usr/bin/electron'], true)).toEqual([]);
  });

  it('treats commands and help/version flags as a CLI run', () => {
    expect(cliArgs(['stdio'])).toEqual(['stdio']);
    expect(cliArgs(['serve', '--port', '9000'])).toEqual(['serve', '--port', '9000']);
    expect(cliArgs(['login', '--issuer', 'https://id.example.com'])).toEqual(['login', '--issuer', 'https://id.example.com']);
    expect(cliArgs(['--help'])).toEqual(['--help']);
    expect(cliArgs(['--version'])).toEqual(['--version']);
    expect(cliArgs(['frobnicate'])).toEqual(['frobnicate']);
  });

  it('starts the tray app for a bare launch or Chromium switches', () => {
    expect(cliArgs([])).toBeNull();
    expect(cliArgs(['--no-sandbox'])).toBeNull();
    expect(cliArgs(['-psn_0_12345'])).toBeNull();
    expect(cliArgs(['--no-sandbox', '--enable-logging'])).toBeNull();
  });

  it('drops Chromium switches placed before a command', () => {
    expect(cliArgs(['--no-sandbox', 'stdio'])).toEqual(['stdio']);
  });
});
