import { randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/**
 * Creates `dir` (and parents) readable by the owner only, and tightens it to
 * 0700 when it already exists with wider rights. A no-op for modes on Windows.
 */
export async function ensurePrivateDirectory(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (process.platform !== 'win32') await chmod(dir, PRIVATE_DIR_MODE);
}

/** Flushes a directory entry (the rename) to disk; not supported on Windows, where it is skipped. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const TEMP_RANDOM_BYTES = 6;

/**
 * A temp file of {@link writeFileAtomic} untouched for this long was abandoned:
 * a write takes milliseconds, so only a writer killed mid-write (SIGKILL, a
 * crash, power loss) leaves one this old.
 */
export const STALE_TEMP_AGE_MS = 60_000;

/** Matches the names of `file`'s temp files: `.<name>.<pid>.<12 hex>.tmp`. */
function tempNamePattern(file: string): RegExp {
  const name = basename(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\.${name}\\.\\d+\\.[0-9a-f]{${TEMP_RANDOM_BYTES * 2}}\\.tmp$`);
}

/**
 * Removes the temp files that an interrupted {@link writeFileAtomic} of `file`
 * left in its folder, and returns their paths. Only plain files named exactly
 * as that function names them and last modified at least
 * {@link STALE_TEMP_AGE_MS} ago are removed. Age, not the process id in the
 * name, decides: the desktop app and the CLI share the folder, and a process id
 * may be reused or belong to another PID namespace (a sandboxed app), so a
 * live writer's file could look orphaned. A write that somehow outlived the age
 * would fail at its rename (ENOENT), never corrupt the file. Best effort: a
 * folder or file that cannot be read or removed is skipped.
 */
export async function removeStaleTempFiles(file: string, now: number = Date.now()): Promise<string[]> {
  const dir = dirname(file);
  const pattern = tempNamePattern(file);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names.filter((candidate) => pattern.test(candidate))) {
    const path = join(dir, name);
    try {
      const info = await lstat(path);
      if (!info.isFile() || now - info.mtimeMs < STALE_TEMP_AGE_MS) continue;
      await rm(path);
      removed.push(path);
    } catch {
      // Gone meanwhile, or not ours to remove: leave it.
    }
  }
  return removed;
}

/**
 * Replaces `file` with `content` so that readers see either the old or the new
 * file, never a half-written one: write a temp file in the same folder (mode
 * 0600, created exclusively), fsync it, rename it over the target, fsync the folder.
 * The temp file is removed when anything fails.
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const dir = dirname(file);
  await ensurePrivateDirectory(dir);
  const temp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(TEMP_RANDOM_BYTES).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', PRIVATE_FILE_MODE);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.chmod(PRIVATE_FILE_MODE);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
}
