import { chmod, mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFolder } from './folder-check.js';

let base: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'folder-check-'));
  await mkdir(path.join(base, 'open'));
  await mkdir(path.join(base, 'locked'));
  await chmod(path.join(base, 'locked'), 0o000);
  await writeFile(path.join(base, 'file.txt'), 'x');
});

afterAll(async () => {
  await chmod(path.join(base, 'locked'), 0o700);
  await rm(base, { recursive: true, force: true });
});

describe('checkFolder', () => {
  it('says a folder the server can list is readable', async () => {
    expect(await checkFolder(path.join(base, 'open'))).toEqual({ state: 'readable', detail: 'Readable' });
  });

  it('says what is wrong otherwise, in plain words', async () => {
    expect(await checkFolder(path.join(base, 'gone'))).toEqual({ state: 'missing', detail: 'Does not exist' });
    expect((await checkFolder(path.join(base, 'file.txt'))).state).toBe('not_a_folder');
  });

  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)('says a folder without read rights is unreadable', async () => {
    expect(await checkFolder(path.join(base, 'locked'))).toEqual({ state: 'unreadable', detail: 'Cannot be read: permission denied' });
  });
});
