import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { connectProviders } from '../testing/tool-client.js';
import type { ToolClient } from '../testing/tool-client.js';
import { formatBytes } from './format-bytes.js';
import { createSystemProvider } from './system.js';

let client: ToolClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

describe('get_system_info', () => {
  it('describes this machine as node:os sees it', async () => {
    client = await connectProviders(createSystemProvider());

    const { isError, json, result } = await client.call('get_system_info');

    expect(isError).toBe(false);
    expect(result.structuredContent).toEqual(json);
    expect(json).toMatchObject({
      os: { platform: process.platform, type: os.type(), release: os.release(), arch: os.arch() },
      cpu: { logicalCores: os.availableParallelism() },
      memory: { totalBytes: os.totalmem() },
      node: { version: process.version },
    });
    const info = json as { memory: { freeBytes: number; totalBytes: number }; uptimeSeconds: number; cpu: { model: string } };
    expect(info.memory.freeBytes).toBeGreaterThan(0);
    expect(info.memory.freeBytes).toBeLessThanOrEqual(info.memory.totalBytes);
    expect(info.uptimeSeconds).toBeGreaterThan(0);
    expect(info.cpu.model.length).toBeGreaterThan(0);
  });

  it('reveals neither the hostname, the user nor the environment', async () => {
    client = await connectProviders(createSystemProvider());

    const { text } = await client.call('get_system_info');

    expect(text).not.toContain(`"${os.hostname()}"`);
    expect(text).not.toContain(`"${os.userInfo().username}"`);
    expect(text).not.toContain(os.homedir());
    expect(text).not.toMatch(/hostname|username|env/i);
  });
});

describe('formatBytes', () => {
  it('uses binary units with one decimal', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(24 * 1024 ** 3)).toBe('24.0 GiB');
  });
});
