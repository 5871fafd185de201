import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { ToolFailure } from '../../tool-result.js';
import { FILES_ERROR_CODES } from './shared-folders.js';

export const FILE_TYPE_ERROR_CODE = 'FILES_NOT_A_FILE';

/**
 * `O_NOFOLLOW` where the platform has it (not on Windows): a symlink swapped in
 * after the check is not followed. `O_NONBLOCK`: opening a FIFO returns at once
 * (and is then refused as not a regular file) instead of waiting for a writer.
 */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Opens a canonical path (see `SharedFolders.resolve`) for reading and checks
 * it is a regular file. The caller must close the handle. `shown` is the path
 * as the caller gave it, for messages.
 * @throws ToolFailure when it is a directory or another non-file, or cannot be opened.
 */
export async function openRegularFile(realPath: string, shown: string): Promise<{ handle: FileHandle; stats: Stats }> {
  let handle: FileHandle;
  try {
    handle = await open(realPath, READ_FLAGS);
  } catch (error) {
    throw openFailure(error, shown);
  }
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) {
      throw new ToolFailure(FILE_TYPE_ERROR_CODE, `"${shown}" is a directory; use list_directory to see what it holds.`);
    }
    if (!stats.isFile()) throw new ToolFailure(FILE_TYPE_ERROR_CODE, `"${shown}" is not a regular file.`);
    return { handle, stats };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Reads the first `limit` bytes of an open file (fewer when it is shorter). */
export async function readAtMost(handle: FileHandle, limit: number): Promise<Uint8Array> {
  const buffer = new Uint8Array(limit);
  let filled = 0;
  while (filled < limit) {
    const { bytesRead } = await handle.read(buffer, filled, limit - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

function openFailure(error: unknown, shown: string): ToolFailure {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return new ToolFailure(FILES_ERROR_CODES.accessDenied, `Permission denied: "${shown}".`);
  if (code === 'ELOOP') return new ToolFailure(FILES_ERROR_CODES.symlinkEscape, `"${shown}" changed into a symbolic link while being opened.`);
  if (code === 'ENOENT') return new ToolFailure(FILES_ERROR_CODES.notFound, `"${shown}" does not exist.`);
  return new ToolFailure(FILES_ERROR_CODES.notFound, `Cannot open "${shown}" (${code ?? 'unknown error'}).`);
}
