import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../support/cli-process.js';
import { CLI, cliMissing } from '../support/paths.js';

function isSupported(version: string): boolean {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 12);
}

/** A Node older than 22.12 installed on this machine (a system Node 20, say), or undefined. */
function olderNode(): string | undefined {
  for (const candidate of ['/usr/bin/node', '/usr/local/bin/node']) {
    if (!existsSync(candidate)) continue;
    const version = spawnSync(candidate, ['--version'], { encoding: 'utf8' }).stdout.trim();
    if (version && !isSupported(version)) return candidate;
  }
  return undefined;
}

describe('supported Node versions (22.12+)', () => {
  it('runs the suite on a supported Node', () => {
    expect(isSupported(process.versions.node), `the tests run on Node ${process.versions.node}; npm test uses the node dev dependency`).toBe(true);
  });

  it.skipIf(cliMissing())('starts the CLI on it without a warning', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stderr).toBe('');
  });

  const older = olderNode();
  it.skipIf(cliMissing() !== undefined || older === undefined)('warns on an older Node, naming the minimum, and still runs', () => {
    const result = spawnSync(older!, [CLI, '--help'], { encoding: 'utf8', timeout: 20_000, env: { PATH: process.env.PATH ?? '', MCP_TOOLKIT_HOME: tempHome() } });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^mcp-toolkit: Node \d+\.\d+\.\d+ is not supported; use Node 22\.12 or newer/);
    expect(result.stdout).toContain('serve');
  });
});
