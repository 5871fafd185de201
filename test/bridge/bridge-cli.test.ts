import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineTool } from '../../src/core/tools/define-tool.js';
import type { ToolProvider } from '../../src/core/tools/types.js';
import { tempHome } from '../support/cli-process.js';
import { CLI, cliMissing } from '../support/paths.js';
import { startTestServer, TEST_API_KEY } from '../support/test-server.js';

/** Cancellations the slow tool saw, across servers. */
const aborted: string[] = [];

/** A tool that reports progress, then waits until cancelled (or `ms`). */
const slowProvider: ToolProvider = {
  id: 'test-slow',
  tools: () => [
    defineTool({
      name: 'slow_echo',
      description: 'Echoes after a delay, reporting progress first.',
      inputSchema: z.object({ text: z.string(), ms: z.number().int().max(5_000) }),
      async run({ text, ms }, ctx) {
        const token = ctx.mcpReq._meta?.progressToken;
        if (token !== undefined) await ctx.mcpReq.notify({ method: 'notifications/progress', params: { progressToken: token, progress: 1, total: 2 } });
        const signal = ctx.mcpReq.signal;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, ms);
          const onAbort = (): void => {
            clearTimeout(timer);
            aborted.push(text);
            resolve();
          };
          if (signal.aborted) onAbort();
          else signal.addEventListener('abort', onAbort);
        });
        return { content: [{ type: 'text', text }] };
      },
    }),
  ],
};

type TestServer = Awaited<ReturnType<typeof startTestServer>>;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

function startToolkit(port = 0): Promise<TestServer> {
  return startTestServer({ auth: 'api_key', apiKey: TEST_API_KEY, port }, { providers: [slowProvider] }).then((server) => {
    cleanups.push(() => server.close());
    return server;
  });
}

/** A port nothing listens on (yet). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The built `mcp-toolkit bridge --url URL`, started by a real SDK stdio client the way an agent starts it. */
async function connectThroughBridge(url: string): Promise<{ client: Client; listChanged: () => number; stderr: () => string }> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'bridge', '--client', 'cursor', '--url', url],
    env: { PATH: process.env.PATH ?? '', MCP_TOOLKIT_HOME: tempHome(), MCP_AUTH: 'api_key', MCP_API_KEY: TEST_API_KEY },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'agent', version: '1.0.0' });
  let changes = 0;
  client.setNotificationHandler(ToolListChangedNotificationSchema, () => void changes++);
  await client.connect(transport);
  cleanups.push(() => client.close());
  return { client, listChanged: () => changes, stderr: () => stderr };
}

function text(result: unknown): string {
  return (result as { content: { text: string }[] }).content[0]!.text;
}

describe.skipIf(cliMissing())('mcp-toolkit bridge', () => {
  it('lists and calls tools of a running toolkit in api_key mode, with progress and cancellation passing through', async () => {
    const server = await startToolkit();
    const { client, stderr } = await connectThroughBridge(`${server.url}/mcp`);
    expect(client.getServerVersion()?.name).not.toBe('MCP Toolkit (bridge)');
    expect((await client.listTools()).tools.map((tool) => tool.name)).toContain('slow_echo');
    expect(text(await client.callTool({ name: 'slow_echo', arguments: { text: 'through', ms: 1 } }))).toBe('through');

    const progress: number[] = [];
    const controller = new AbortController();
    const call = client.callTool({ name: 'slow_echo', arguments: { text: 'cancel me', ms: 5_000 } }, undefined, {
      signal: controller.signal,
      onprogress: (p) => {
        progress.push(p.progress);
        controller.abort('no longer needed');
      },
    });
    await expect(call).rejects.toThrow();
    expect(progress).toEqual([1]);
    await vi.waitFor(() => expect(aborted).toContain('cancel me'), { timeout: 5_000 });
    expect(stderr()).not.toContain(TEST_API_KEY);
  });

  it('answers while the toolkit is down, then works once it starts, without restarting', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/mcp`;
    const { client, listChanged } = await connectThroughBridge(url);
    expect(client.getServerVersion()?.name).toBe('MCP Toolkit (bridge)');
    expect((await client.listTools()).tools).toEqual([]);
    const down = await client.callTool({ name: 'slow_echo', arguments: { text: 'x', ms: 1 } });
    expect(down.isError).toBe(true);
    expect(text(down)).toContain(`MCP Toolkit is not running at ${url}`);
    expect(text(down)).toContain('mcp-toolkit serve');

    await startToolkit(port);
    expect(text(await client.callTool({ name: 'slow_echo', arguments: { text: 'up now', ms: 1 } }))).toBe('up now');
    await vi.waitFor(() => expect(listChanged()).toBeGreaterThanOrEqual(1), { timeout: 5_000 });
    expect((await client.listTools()).tools.map((tool) => tool.name)).toContain('slow_echo');
  });

  it('keeps working when the toolkit restarts mid-session', async () => {
    const first = await startToolkit();
    const { client } = await connectThroughBridge(`${first.url}/mcp`);
    expect(text(await client.callTool({ name: 'slow_echo', arguments: { text: 'one', ms: 1 } }))).toBe('one');
    await first.close();
    const down = await client.callTool({ name: 'slow_echo', arguments: { text: 'x', ms: 1 } });
    expect(text(down)).toContain('MCP Toolkit is not running');
    await startToolkit(first.port);
    expect(text(await client.callTool({ name: 'slow_echo', arguments: { text: 'two', ms: 1 } }))).toBe('two');
  });

  it('takes a new session when the toolkit restarted while the bridge was idle', async () => {
    const first = await startToolkit();
    const { client } = await connectThroughBridge(`${first.url}/mcp`);
    expect(text(await client.callTool({ name: 'slow_echo', arguments: { text: 'one', ms: 1 } }))).toBe('one');
    await first.close();
    await startToolkit(first.port);
    expect(text(await client.callTool({ name: 'slow_echo', arguments: { text: 'two', ms: 1 } }))).toBe('two');
  });

  it('writes only MCP messages to stdout and exits 0 when stdin ends', async () => {
    const child = spawn(process.execPath, [CLI, 'bridge', '--url', 'http://127.0.0.1:1/mcp'], {
      env: { PATH: process.env.PATH ?? '', MCP_TOOLKIT_HOME: tempHome() },
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const initialize = { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } };
    child.stdin.end(
      [
        JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: initialize }),
        JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
        JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
        '',
      ].join('\n'),
    );
    expect(await exited).toBe(0);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as { id: number; result: unknown });
    expect(lines.map((line) => line.id)).toEqual([1, 2]);
    expect(lines[1]!.result).toEqual({ tools: [] });
  });
});
