import type { Dirent, Stats } from 'node:fs';

export type EntryType = 'file' | 'directory' | 'symlink' | 'other';

/** The kind of a directory entry or of `lstat` results; a symbolic link is reported as such, never followed. */
export function entryType(entry: Dirent | Stats): EntryType {
  if (entry.isSymbolicLink()) return 'symlink';
  if (entry.isDirectory()) return 'directory';
  if (entry.isFile()) return 'file';
  return 'other';
}

/** `rwxr-xr-x` from a mode's permission bits. */
export function permissionString(mode: number): string {
  const flags = 'rwxrwxrwx';
  let text = '';
  for (let bit = 0; bit < 9; bit += 1) text += mode & (1 << (8 - bit)) ? flags[bit] : '-';
  return text;
}
