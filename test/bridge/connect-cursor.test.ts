import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describe, expect, it, vi } from 'vitest';
import { runCli, startServeProcess, tempHome } from '../support/cli-process.js';
import { cliMissing } from '../support/paths.js';

const keyringMissing = process.env.MCP_TOOLKIT_TEST_KEYRING === '1' ? undefined : 'needs a Secret Service: run via scripts/with-keyring.sh';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe.skipIf(cliMissing() ?? keyringMissing)('an agent connected with `clients connect cursor`', () => {
  it('runs exactly the entry written to its config, is served under its own key name, and is refused once that key is revoked', async () => {
    const settingsHome = tempHome();
    const userHome = tempHome();
    mkdirSync(join(userHome, '.cursor'));
    writeFileSync(join(settingsHome, 'settings.json'), JSON.stringify({ auth: 'api_key', port: await freePort() }));
    const env = { MCP_TOOLKIT_HOME: settingsHome, HOME: userHome, DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS ?? '' };
    const serve = await startServeProcess(env, []);
    let client: Client | undefined;
    try {
      const connected = await runCli(['clients', 'connect', 'cursor'], env);
      expect(connected.code, connected.stderr).toBe(0);
      const entry = JSON.parse(readFileSync(join(userHome, '.cursor', 'mcp.json'), 'utf8')).mcpServers['mcp-toolkit'] as { command: string; args: string[]; env?: Record<string, string> };
      expect(JSON.stringify(entry)).not.toMatch(/key/i);

      // Exactly the command, args and env of the file, as Cursor would start it (its own environment besides).
      client = new Client({ name: 'cursor', version: '1.0.0' });
      const transport = new StdioClientTransport({ command: entry.command, args: entry.args, env: { ...env, PATH: process.env.PATH ?? '', ...entry.env }, stderr: 'pipe' });
      let bridgeLog = '';
      transport.stderr?.on('data', (chunk: Buffer) => (bridgeLog += chunk.toString()));
      await client.connect(transport);
      // The bridge created the key `cursor` on first use; the server picks it up from the keys index within moments
      // (until then the bridge answers by itself, then tells the agent to list the tools again).
      await vi.waitFor(async () => expect((await client!.listTools()).tools.map((tool) => tool.name)).toContain('get_current_time'), {
        timeout: 15_000,
        interval: 200,
      });
      expect(bridgeLog).not.toContain((await runCli(['keys', 'show', 'cursor'], env)).stdout.trim());
      const time = await client.callTool({ name: 'get_current_time', arguments: { timezone: 'UTC' } });
      expect(time.isError).not.toBe(true);

      const key = (await runCli(['keys', 'show', 'cursor'], env)).stdout.trim();
      const metrics = await (await fetch(`${serve.url}/metrics`, { headers: { 'X-API-Key': key } })).text();
      expect(metrics).toMatch(/mcp_toolkit_client_requests_total\{client="cursor"\} \d+/);

      expect((await runCli(['keys', 'revoke', 'cursor'], env)).code).toBe(0);
      await vi.waitFor(
        async () => {
          const refused = await client!.callTool({ name: 'get_current_time', arguments: { timezone: 'UTC' } }).catch((error: Error) => error);
          expect(JSON.stringify(refused instanceof Error ? refused.message : refused)).toMatch(/401|refused|Invalid API key/i);
        },
        { timeout: 10_000, interval: 200 },
      );
    } finally {
      await client?.close().catch(() => undefined);
      await runCli(['keys', 'revoke', 'cursor'], env).catch(() => undefined);
      await serve.stop();
    }
  });
});
