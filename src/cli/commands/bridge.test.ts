import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ServerConfig } from '../../core/config/types.js';
import type { CliIO } from '../command.js';
import { EXIT_USAGE, runCli } from '../run.js';
import { bridgeCommand, bridgeHeaders } from './bridge.js';

function bufferIO(): CliIO & { err: () => string } {
  let err = '';
  return {
    stdout: { write: () => true },
    stderr: { write: (s: string) => (err += s) },
    env: { MCP_TOOLKIT_HOME: mkdtempSync(join(tmpdir(), 'mcp-bridge-cli-')) },
    signal: new AbortController().signal,
    err: () => err,
  };
}

describe('mcp-toolkit bridge', () => {
  it('refuses a client name that cannot name a key, and a URL that is not http(s)', async () => {
    const badName = bufferIO();
    expect(await runCli(['bridge', '--client', 'My Agent'], badName, [bridgeCommand])).toBe(EXIT_USAGE);
    expect(badName.err()).toContain('--client must be lower-case letters, digits and dashes');
    const badUrl = bufferIO();
    expect(await runCli(['bridge', '--url', 'ftp://127.0.0.1/mcp'], badUrl, [bridgeCommand])).toBe(EXIT_USAGE);
    expect(badUrl.err()).toContain('--url must be http:// or https://');
  });

  it('sends no header when auth is off, and the key the toolkit requires in api_key mode', async () => {
    const config = { auth: 'none' } as ServerConfig;
    expect(await bridgeHeaders('cursor', config)).toEqual({});
    expect(await bridgeHeaders('cursor', { auth: 'api_key', apiKey: 'env-key-0123456789abcdef' } as ServerConfig)).toEqual({ 'X-API-Key': 'env-key-0123456789abcdef' });
  });
});
