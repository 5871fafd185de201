import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppStateFile, parseAppState } from './app-state-file.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-app-state-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('app state file', () => {
  it('remembers that the server was running, in a private file', async () => {
    const file = join(dir, 'nested', 'app-state.json');
    const store = createAppStateFile(file);
    expect(await store.load()).toEqual({ serverWasRunning: false });
    await store.save({ serverWasRunning: true });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ serverWasRunning: true });
    expect(await createAppStateFile(file).load()).toEqual({ serverWasRunning: true });
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('falls back to defaults for a corrupt file, and logs without content', async () => {
    const file = join(dir, 'app-state.json');
    await writeFile(file, '{ not json');
    expect(await createAppStateFile(file).load()).toEqual({ serverWasRunning: false });
    expect(parseAppState('{"serverWasRunning":"yes"}')).toEqual({ serverWasRunning: false });
    expect(parseAppState('null')).toEqual({ serverWasRunning: false });
  });

  // Skipped on Windows: it has no named pipes in the file system (mkfifo).
  it.skipIf(process.platform === 'win32')('never blocks on a named pipe in its place (start-up would hang)', async () => {
    const file = join(dir, 'app-state.json');
    execFileSync('mkfifo', [file]);
    const logs: string[] = [];
    expect(await createAppStateFile(file, (line) => logs.push(line)).load()).toEqual({ serverWasRunning: false });
    expect(logs.join('\n')).toContain('named pipe');
  });
});
