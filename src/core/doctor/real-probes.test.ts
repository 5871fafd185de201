import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../keychain/index.js';
import type { StdioUpstreamSettings } from '../../shared/gateway-types.js';
import { createDoctorProbes } from './real-probes.js';

const open: Server[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

function listen(): Promise<number> {
  const server = createServer();
  open.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

function probes(env: Record<string, string> = {}) {
  const home = mkdtempSync(join(tmpdir(), 'doctor-home-'));
  return createDoctorProbes({ secrets: createMemorySecretStore(), pathContext: { platform: process.platform, env, homedir: home }, cwd: home });
}

const stdio = (command: string, env: Record<string, string> = {}): StdioUpstreamSettings => ({ kind: 'stdio', name: 'x', enabled: true, command, args: [], env, secrets: [], disabledTools: [] });

describe('createDoctorProbes', () => {
  it('binds a free port and releases it; reports a busy one by its code', async () => {
    const port = await listen();
    expect(await probes().bindPort('127.0.0.1', port)).toEqual({ free: false, code: 'EADDRINUSE' });
    await Promise.all(open.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
    expect(await probes().bindPort('127.0.0.1', port)).toEqual({ free: true });
    // Released: the port can be taken again at once.
    expect(await probes().bindPort('127.0.0.1', port)).toEqual({ free: true });
  });

  it('answers the keychain probe with a harmless read', async () => {
    await expect(probes().keychain()).resolves.toBeUndefined();
  });

  it.skipIf(process.platform === 'win32')('says why a shared folder cannot be read', async () => {
    const root = mkdtempSync(join(tmpdir(), 'doctor-folders-'));
    writeFileSync(join(root, 'file.txt'), 'x');
    const p = probes();
    expect(await p.folderProblem(root)).toBeUndefined();
    expect(await p.folderProblem(join(root, 'missing'))).toBe('does not exist');
    expect(await p.folderProblem(join(root, 'file.txt'))).toBe('is not a folder');
  });

  it.skipIf(process.platform === 'win32')('finds an upstream command on the PATH the child gets', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'doctor-bin-'));
    writeFileSync(join(bin, 'my-server'), '#!/bin/sh\n');
    chmodSync(join(bin, 'my-server'), 0o755);
    expect(probes({ PATH: bin }).commandFound(stdio('my-server'))).toBe(true);
    expect(probes({ PATH: '/nonexistent' }).commandFound(stdio('my-server'))).toBe(false);
    // The server's own PATH wins, as in its minimal environment.
    expect(probes({ PATH: '/nonexistent' }).commandFound(stdio('my-server', { PATH: bin }))).toBe(true);
  });
});
