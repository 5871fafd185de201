import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/core/server/index.js';
import { createEverythingProvider } from '../fixtures/everything-provider.js';
import { node22ToolsMissing, TOOLS_BIN } from '../support/paths.js';
import { startTestServer } from '../support/test-server.js';

/** Runs the official MCP conformance suite (server scenarios) on Node 22 and returns its output. */
function runConformance(url: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(`${TOOLS_BIN}/conformance`, ['server', '--url', url, '--suite', 'all', '-o', mkdtempSync(join(tmpdir(), 'conformance-'))], {
      env: { PATH: `${TOOLS_BIN}:${process.env.PATH ?? ''}`, HOME: mkdtempSync(join(tmpdir(), 'conformance-home-')) },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 240_000,
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe.skipIf(node22ToolsMissing())('official MCP conformance suite (server scenarios, --suite all)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    // Auth off and the "everything" fixture tools the scenarios expect, on the real HTTP server.
    server = await startTestServer({}, { providers: [createEverythingProvider()], withoutBuiltins: true });
  });
  afterAll(() => server.close());

  it('passes every scenario', async () => {
    const { code, output } = await runConformance(`${server.url}/mcp`);
    // The per-scenario summary lines, so the CI log shows what passed.
    console.log(output.split('\n').filter((line) => /passed|failed|warning/i.test(line)).join('\n'));
    expect(code).toBe(0);
    expect(output).toMatch(/\d+ passed/i);
    expect(output).not.toMatch(/\b[1-9]\d* failed/i);
  }, 300_000);
});
