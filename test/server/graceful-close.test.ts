import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool } from '../../src/core/tools/define-tool.js';
import type { ToolProvider } from '../../src/core/tools/types.js';
import { startTestServer } from '../support/test-server.js';

/** A tool that takes a while, to be in flight when the server is asked to stop. */
const slowProvider: ToolProvider = {
  id: 'test-slow',
  tools: () => [
    defineTool({
      name: 'slow_echo',
      description: 'Echoes after a delay.',
      inputSchema: z.object({ text: z.string(), ms: z.number().int().max(2_000) }),
      async run({ text, ms }) {
        await new Promise((resolve) => setTimeout(resolve, ms));
        return { content: [{ type: 'text', text }] };
      },
    }),
  ],
};

describe('closing the server', () => {
  it('lets in-flight requests finish, even inside a session, then refuses new connections', async () => {
    const server = await startTestServer({}, { providers: [slowProvider] });
    const client = new Client({ name: 'graceful', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`)));
    const inFlight = client.callTool({ name: 'slow_echo', arguments: { text: 'done', ms: 400 } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = server.close();

    const result = (await inFlight) as { content: { text: string }[] };
    expect(result.content[0]!.text).toBe('done');
    await closing;
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
    await client.close().catch(() => undefined);
  });
});
