import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { cliMissing } from '../support/paths.js';
import { startServeProcess, type ServeProcess } from '../support/cli-process.js';
import { TEST_API_KEY } from '../support/test-server.js';

const exec = promisify(execFile);
let serve: ServeProcess | undefined;
afterEach(async () => {
  await serve?.stop('SIGKILL');
  serve = undefined;
});

/** Runs a README example verbatim in bash, pointed at the test server's port instead of 8000. */
async function runExample(command: string, port: number): Promise<{ stdout: string; status: string }> {
  const withPort = command.replaceAll('localhost:8000', `localhost:${port}`);
  const { stdout } = await exec('bash', ['-c', `${withPort} -s -w '\\n%{http_code}'`], {
    env: { PATH: process.env.PATH ?? '', MCP_API_KEY: TEST_API_KEY },
    timeout: 10_000,
  });
  const lines = stdout.trimEnd().split('\n');
  return { status: lines.pop() ?? '', stdout: lines.join('\n') };
}

const SEED_TOOLS_LIST = `curl -H "X-API-Key: $MCP_API_KEY" http://localhost:8000/mcp -d '{"jsonrpc":"2.0","id":1,"method":"tools/list"}'`;
const SEED_REST_TOOLS = `curl -H "X-API-Key: $MCP_API_KEY" http://localhost:8000/tools`;

describe.skipIf(cliMissing())('the README examples, with real curl against `mcp-toolkit serve`', () => {
  it('prints the listening line with the real port, and the seed examples work with the key', async () => {
    serve = await startServeProcess({ MCP_AUTH: 'api_key', MCP_API_KEY: TEST_API_KEY });
    expect(serve.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(serve.port).toBeGreaterThan(0);

    const rpc = await runExample(SEED_TOOLS_LIST, serve.port);
    expect(rpc.status).toBe('200');
    const body = JSON.parse(rpc.stdout) as { result: { tools: { name: string }[] } };
    expect(body.result.tools.map((t) => t.name)).toContain('get_current_time');

    const rest = await runExample(SEED_REST_TOOLS, serve.port);
    expect(rest.status).toBe('200');
    expect((JSON.parse(rest.stdout) as { tools: unknown[] }).tools.length).toBe(body.result.tools.length);
  });

  it('refuses the same examples without the key', async () => {
    serve = await startServeProcess({ MCP_AUTH: 'api_key', MCP_API_KEY: TEST_API_KEY });
    const rpc = await runExample(SEED_TOOLS_LIST.replace('-H "X-API-Key: $MCP_API_KEY" ', ''), serve.port);
    expect(rpc.status).toBe('401');
    expect(JSON.parse(rpc.stdout)).toMatchObject({ error: { code: 'AUTH_MISSING_KEY' } });
  });

  it('shuts down gracefully on SIGTERM and SIGINT with exit code 0, ending open sessions', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      serve = await startServeProcess();
      const init = await fetch(`${serve.url}/mcp`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'curl', version: '0' } },
        }),
      });
      const sessionId = init.headers.get('mcp-session-id');
      expect(sessionId).toBeTruthy();
      await init.body?.cancel();
      // An open GET stream must not keep the server from stopping.
      const stream = await fetch(`${serve.url}/mcp`, {
        headers: { Accept: 'text/event-stream', 'Mcp-Session-Id': sessionId!, 'MCP-Protocol-Version': '2025-11-25' },
      });
      expect(stream.status).toBe(200);
      const code = await serve.stop(signal);
      expect(code).toBe(0);
      expect(serve.stderr()).toContain('[serve] stopped');
      serve = undefined;
    }
  });
});
