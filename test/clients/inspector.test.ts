import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/core/server/index.js';
import { CLI, cliMissing, node22ToolsMissing, TOOLS_BIN } from '../support/paths.js';
import { startTestServer, TEST_API_KEY } from '../support/test-server.js';

const exec = promisify(execFile);

/** Runs the MCP Inspector 2.x CLI on Node 22, with a throwaway HOME for its catalog. */
async function inspector(args: string[]): Promise<unknown> {
  const { stdout } = await exec(`${TOOLS_BIN}/mcp-inspector`, ['--cli', ...args], {
    env: { PATH: `${TOOLS_BIN}:${process.env.PATH ?? ''}`, HOME: mkdtempSync(join(tmpdir(), 'inspector-home-')) },
    timeout: 60_000,
  });
  return JSON.parse(stdout);
}

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe.skipIf(node22ToolsMissing())('MCP Inspector CLI', () => {
  it('lists tools over HTTP with an X-API-Key header', async () => {
    server = await startTestServer({ auth: 'api_key', apiKey: TEST_API_KEY });
    const result = (await inspector([`${server.url}/mcp`, '--transport', 'http', '--header', `X-API-Key: ${TEST_API_KEY}`, '--method', 'tools/list'])) as {
      tools: { name: string }[];
    };
    expect(result.tools.map((t) => t.name)).toContain('get_current_time');
  });

  it('calls a tool over HTTP', async () => {
    server = await startTestServer({ auth: 'api_key', apiKey: TEST_API_KEY });
    const result = (await inspector([
      `${server.url}/mcp`,
      '--transport',
      'http',
      '--header',
      `X-API-Key: ${TEST_API_KEY}`,
      '--method',
      'tools/call',
      '--tool-name',
      'get_current_time',
      '--tool-arg',
      'timezone=UTC',
    ])) as { content: { text: string }[]; isError?: boolean };
    expect(result.isError).toBeFalsy();
    expect(result.content[0]!.text).toContain('UTC');
  });

  it.skipIf(cliMissing())('lists tools over stdio by spawning `mcp-toolkit stdio`', async () => {
    const result = (await inspector([process.execPath, CLI, 'stdio', '--method', 'tools/list'])) as { tools: { name: string }[] };
    expect(result.tools.map((t) => t.name)).toEqual(expect.arrayContaining(['get_current_time', 'list_directory']));
  });
});
