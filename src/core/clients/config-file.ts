import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, copyFile, mkdir, open, readdir, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { readRegularFile } from '../config/read-regular-file.js';
import { ClientsError } from './clients-error.js';

/** `~/.claude.json` holds Claude Code's whole state; the other files are a few KB. */
const MAX_CONFIG_BYTES = 64 * 1024 * 1024;
/** Mode of a config file the toolkit creates: readable by the owner only. */
const NEW_FILE_MODE = 0o600;
export const BACKUP_INFIX = '.mcp-toolkit-backup-';

export interface ConfigFile {
  /** The path the client reads (maybe a link, e.g. into a dotfiles repository). */
  readonly file: string;
  /** The file actually written: the link's target, so a link stays a link. */
  readonly target: string;
  /** The content, or undefined when the file does not exist. */
  readonly text: string | undefined;
  /** Permission bits to keep. */
  readonly mode: number | undefined;
}

export async function readConfigFile(file: string): Promise<ConfigFile> {
  const target = await realpath(file).catch(() => file);
  let read;
  try {
    read = await readRegularFile(target, MAX_CONFIG_BYTES);
  } catch (error) {
    throw new ClientsError('CLIENT_CONFIG_UNEDITABLE', `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
  if (read.kind === 'refused') throw new ClientsError('CLIENT_CONFIG_UNEDITABLE', `${file} ${read.problem}`);
  if (read.kind === 'missing') return { file, target, text: undefined, mode: undefined };
  return { file, target, text: read.text, mode: (await stat(target)).mode & 0o7777 };
}

/** `2026-01-30T15-42-26-123Z`: sortable, and valid in a Windows file name. */
export function backupStamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

/**
 * Copies the file, byte for byte and with its mode, to
 * `<file>.mcp-toolkit-backup-<time>` beside it, unless a backup of it exists
 * already: the one backup kept is the file as it was before the toolkit first
 * changed it (later changes are the toolkit's own, undone by `disconnect`).
 * Returns the backup's path when one was written.
 */
export async function backupOnce(config: ConfigFile, now: Date): Promise<string | undefined> {
  if (config.text === undefined) return undefined;
  const prefix = basename(config.file) + BACKUP_INFIX;
  const existing = await readdir(dirname(config.file)).catch(() => []);
  if (existing.some((name) => name.startsWith(prefix))) return undefined;
  const backup = `${config.file}${BACKUP_INFIX}${backupStamp(now)}`;
  await copyFile(config.target, backup, constants.COPYFILE_EXCL);
  if (config.mode !== undefined && process.platform !== 'win32') await chmod(backup, config.mode);
  return backup;
}

/**
 * Replaces the file with `text` atomically (a temp file in the same folder,
 * synced, renamed over it) keeping its mode, or creates it (0600) and its
 * folder. Refuses, writing nothing, when the file changed since it was read.
 */
export async function writeConfigFile(config: ConfigFile, text: string): Promise<void> {
  const folder = dirname(config.target);
  if (config.text === undefined) await mkdir(folder, { recursive: true });
  const temp = join(folder, `.${basename(config.target)}.mcp-toolkit-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  const mode = config.mode ?? NEW_FILE_MODE;
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(text, 'utf8');
      if (process.platform !== 'win32') await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    const now = await readRegularFile(config.target, MAX_CONFIG_BYTES);
    if ((now.kind === 'text' ? now.text : undefined) !== config.text || now.kind === 'refused') {
      throw new ClientsError('CLIENT_CONFIG_CHANGED', `${config.file} changed while it was being edited; nothing was written, try again`);
    }
    await rename(temp, config.target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
