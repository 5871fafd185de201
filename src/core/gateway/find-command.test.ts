import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandNotFoundMessage, findCommand } from './find-command.js';

function folderWith(files: Record<string, number>): string {
  const root = mkdtempSync(join(tmpdir(), 'find-command-'));
  for (const [name, mode] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), '#!/bin/sh\n');
    chmodSync(join(root, name), mode);
  }
  return root;
}

describe.skipIf(process.platform === 'win32')('findCommand', () => {
  it('finds a bare name on PATH, first folder first, skipping files that are not executable', () => {
    const root = folderWith({ 'a/server': 0o644, 'b/server': 0o755, 'c/server': 0o755 });
    const path = [join(root, 'a'), '', join(root, 'b'), join(root, 'c')].join(':');
    expect(findCommand('server', { path, cwd: root })).toBe(join(root, 'b/server'));
    expect(findCommand('nope', { path, cwd: root })).toBeUndefined();
    expect(findCommand('server', { path: undefined, cwd: root })).toBeUndefined();
  });

  it('takes a name with a slash relative to the working folder, not from PATH', () => {
    const root = folderWith({ 'bin/run': 0o755, 'dir/x': 0o755 });
    expect(findCommand('./bin/run', { path: '', cwd: root })).toBe(join(root, 'bin/run'));
    expect(findCommand(join(root, 'bin/run'), { path: '', cwd: '/' })).toBe(join(root, 'bin/run'));
    expect(findCommand('./dir', { path: '', cwd: root })).toBeUndefined();
  });

  it('words the error as the user typed the command', () => {
    expect(commandNotFoundMessage('foo')).toBe('command `foo` was not found on PATH');
    expect(commandNotFoundMessage('./foo')).toBe('command `./foo` was not found or is not executable');
  });
});

describe('findCommand on Windows rules', () => {
  it('tries the PATHEXT extensions of a bare name', () => {
    const root = folderWith({ 'bin/npx.CMD': 0o644 });
    expect(findCommand('npx', { path: join(root, 'bin'), cwd: root, platform: 'win32', pathext: '.EXE;.CMD' })).toBe(join(root, 'bin/npx.CMD'));
  });
});
