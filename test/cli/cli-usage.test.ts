import { describe, expect, it } from 'vitest';
import { cliMissing } from '../support/paths.js';
import { runCli } from '../support/cli-process.js';

describe.skipIf(cliMissing())('mcp-toolkit usage errors', () => {
  it('shows help for the program and for each command', async () => {
    const main = await runCli(['--help']);
    expect(main.code).toBe(0);
    for (const name of ['serve', 'stdio', 'key']) expect(main.stdout).toContain(name);
    const serve = await runCli(['serve', '--help']);
    expect(serve.code).toBe(0);
    expect(serve.stdout).toContain('--port');
  });

  it('exits 2 with a clear line for an unknown command or flag', async () => {
    const unknown = await runCli(['sevre']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "sevre"');
    const flag = await runCli(['serve', '--prot', '1']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/--prot/);
  });

  it.each([
    ['MCP_AUTH', 'foo', /MCP_AUTH="foo"/],
    ['MCP_PORT', 'abc', /MCP_PORT="abc"/],
    ['MCP_RATE_LIMIT_RPS', '-1', /MCP_RATE_LIMIT_RPS="-1"/],
    ['MCP_RATE_LIMIT_BURST', '0', /MCP_RATE_LIMIT_BURST="0"/],
  ])('refuses %s=%s with one line and exit 2', async (name, value, pattern) => {
    const result = await runCli(['serve', '--port', '0'], { [name]: value });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(pattern);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    [{ MCP_AUTH: 'oauth' }, [/^mcp-toolkit serve: MCP_OAUTH_ISSUER is not set/, /^MCP_OAUTH_AUDIENCE is not set/]],
    [{ MCP_AUTH: 'oauth', MCP_OAUTH_ISSUER: 'not a url', MCP_OAUTH_AUDIENCE: 'a' }, [/MCP_OAUTH_ISSUER="not a url"/]],
    [{ MCP_AUTH: 'oauth', MCP_OAUTH_ISSUER: 'https://login.example.com' }, [/MCP_OAUTH_AUDIENCE is not set/]],
    [
      { MCP_AUTH: 'oauth', MCP_OAUTH_ISSUER: 'https://login.example.com', MCP_OAUTH_AUDIENCE: 'a', MCP_OAUTH_JWKS_URI: 'http://keys.example.com/jwks' },
      [/MCP_OAUTH_JWKS_URI=.*https/],
    ],
  ])('refuses bad oauth configuration %j with one line per problem and exit 2', async (env, lines) => {
    const result = await runCli(['serve', '--port', '0'], env);
    expect(result.code).toBe(2);
    const printed = result.stderr.trim().split('\n');
    expect(printed).toHaveLength(lines.length);
    lines.forEach((pattern, i) => expect(printed[i]).toMatch(pattern));
  });

  it('refuses an invalid --port flag the same way', async () => {
    const result = await runCli(['serve', '--port', '70000']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/70000/);
  });
});
