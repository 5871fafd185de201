import { constants, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';

/** What reading a path that should hold a small regular file found. */
export type RegularFileRead =
  | { readonly kind: 'missing' }
  | { readonly kind: 'text'; readonly text: string }
  /** Not a regular file, or larger than allowed: nothing (or not all of it) was read; `problem` completes "<path> …". */
  | { readonly kind: 'refused'; readonly problem: string };

/**
 * `O_NONBLOCK` makes opening a FIFO for reading return at once instead of
 * waiting for a writer (POSIX open(2)); it changes nothing for a regular file.
 * Windows has neither the flag nor FIFOs.
 */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

const MIB = 1024 * 1024;

/** What a path is, in words, for a warning. */
function describeKind(info: Stats): string {
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'not a file';
}

function notRegular(info: Stats): RegularFileRead {
  return { kind: 'refused', problem: `is ${describeKind(info)}, not a regular file` };
}

function tooLarge(maxBytes: number, size?: number): RegularFileRead {
  const limit = maxBytes % MIB === 0 ? `${maxBytes / MIB} MiB` : `${maxBytes} bytes`;
  return { kind: 'refused', problem: `is larger than ${limit}${size === undefined ? '' : ` (${size} bytes)`}` };
}

/**
 * Reads `file` as UTF-8 when it is a regular file (or a link to one) of at most
 * `maxBytes`, and never blocks or reads without bound: a FIFO, a device (such
 * as a link to `/dev/zero`) or a socket is refused before anything is read, and
 * so is a file over `maxBytes` (at most `maxBytes + 1` bytes are read even if it
 * grows meanwhile). The type is checked on the path first, so a device is never
 * opened, then again on the opened handle, so a swap in between is caught.
 * Throws what the file system throws otherwise (`EISDIR` for a directory,
 * `EACCES`…).
 */
export async function readRegularFile(file: string, maxBytes: number): Promise<RegularFileRead> {
  let before: Stats;
  try {
    before = await stat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  // A directory goes on to the read, which fails with EISDIR.
  if (!before.isFile() && !before.isDirectory()) return notRegular(before);
  if (before.isFile() && before.size > maxBytes) return tooLarge(maxBytes, before.size);

  const handle = await open(file, OPEN_FLAGS);
  try {
    const info = await handle.stat();
    if (!info.isFile() && !info.isDirectory()) return notRegular(info);
    if (info.isFile() && info.size > maxBytes) return tooLarge(maxBytes, info.size);
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) return tooLarge(maxBytes); // it grew since the check
    }
    return { kind: 'text', text: buffer.toString('utf8', 0, length) };
  } finally {
    await handle.close();
  }
}
