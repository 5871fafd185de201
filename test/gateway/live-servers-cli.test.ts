import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it, vi } from 'vitest';
import { runCli, startServeProcess, tempHome } from '../support/cli-process.js';
import { cliMissing } from '../support/paths.js';
import { FIXTURES } from './support.js';

const served = async (client: Client): Promise<string[]> => (await client.listTools()).tools.map((tool) => tool.name);

describe.skipIf(cliMissing())('`mcp-toolkit servers …` while `serve` runs', () => {
  it('applies add, disable, enable and remove to the running server (disable and remove within 2 s), and open sessions hear of each', async () => {
    const home = tempHome();
    const serve = await startServeProcess({ MCP_TOOLKIT_HOME: home });
    const client = new Client({ name: 'live', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${serve.url}/mcp`)));
    let changes = 0;
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => void (changes += 1));
    try {
      const env = { MCP_TOOLKIT_HOME: home };
      const added = await runCli(['servers', 'add', 'live', '--', process.execPath, `${FIXTURES}/echo-server.mjs`], env);
      expect(added.code, added.stderr).toBe(0);
      // Applied at once; the upstream's own start-up (a Node process) comes on top, so only disable and remove are held to 2 s.
      await vi.waitFor(async () => expect(await served(client)).toContain('live__echo'), { timeout: 10_000, interval: 50 });
      expect(changes).toBeGreaterThan(0);

      const listed = await runCli(['servers', 'list', '--json'], env);
      expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ name: 'live', state: 'running', enabled: true })]);

      expect((await runCli(['servers', 'disable', 'live'], env)).code).toBe(0);
      await vi.waitFor(async () => expect(await served(client)).not.toContain('live__echo'), { timeout: 2_000, interval: 50 });

      expect((await runCli(['servers', 'enable', 'live'], env)).code).toBe(0);
      await vi.waitFor(async () => expect(await served(client)).toContain('live__echo'), { timeout: 10_000, interval: 50 });
      expect((await runCli(['servers', 'remove', 'live'], env)).code).toBe(0);
      await vi.waitFor(async () => expect(await served(client)).not.toContain('live__echo'), { timeout: 2_000, interval: 50 });
      expect(await served(client)).toContain('get_current_time');
    } finally {
      await client.close();
      expect(await serve.stop()).toBe(0);
    }
  });
});
