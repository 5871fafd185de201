import { lstat, rename } from 'node:fs/promises';
import { removeStaleTempFiles, writeFileAtomic } from './atomic-write.js';
import { applyLayers } from './layers.js';
import { readRegularFile } from './read-regular-file.js';
import { defaultSettings, KNOWN_KEYS, messagesByField, settingsLayerSchema } from './schema.js';
import { isSecretLikeKey, isSecretRefusal, SECRET_REFUSED } from './secrets.js';
import type { Settings, SettingsLayer } from './types.js';
import { validateSettings, type FieldErrors } from './validate.js';

export type SettingsFileErrorCode = 'SETTINGS_UNREADABLE' | 'SETTINGS_INVALID' | 'SETTINGS_SECRET_REFUSED';

/** Reading or saving the settings file failed; `errors` names each bad field when saving was refused. */
export class SettingsFileError extends Error {
  override readonly name = 'SettingsFileError';

  constructor(
    readonly code: SettingsFileErrorCode,
    message: string,
    readonly errors: FieldErrors = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Largest settings file read; a real one is a few hundred bytes. A larger file is moved aside unread. */
export const MAX_SETTINGS_FILE_BYTES = 1024 * 1024;

export interface LoadedSettings {
  /** The file's settings over the defaults; the defaults alone when the file is absent or was moved aside. */
  readonly settings: Settings;
  /** Only what the file itself set (for `resolveConfig`'s file layer). */
  readonly layer: SettingsLayer;
  /**
   * One sentence for the user when something in the file was wrong (the path
   * of the kept copy included). The caller shows it once, e.g. `[settings] ${warning}`.
   */
  readonly warning?: string;
  /** Where a corrupt or invalid file was moved, when it was. */
  readonly movedTo?: string;
}

export interface LoadOptions {
  /** Clock for the name of a moved-aside file; tests pin it. */
  readonly now?: () => Date;
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

/**
 * Renames a bad settings file to `<file>.corrupt-<UTC timestamp>` next to it
 * (never deleting it) and returns the new path. A numeric suffix keeps two
 * moves within the same millisecond apart.
 */
export async function moveAside(file: string, now: Date): Promise<string> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  for (let attempt = 0; ; attempt += 1) {
    const target = `${file}.corrupt-${stamp}${attempt === 0 ? '' : `-${attempt}`}`;
    if (await exists(target)) continue;
    await rename(file, target);
    return target;
  }
}

function unknownKeyNotes(raw: Record<string, unknown>): string[] {
  const notes: string[] = [];
  const visit = (value: unknown, level: keyof typeof KNOWN_KEYS) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    for (const key of Object.keys(value)) {
      const path = level === '' ? key : `${level}.${key}`;
      if (isSecretLikeKey(key)) notes.push(`ignored "${path}", which ${SECRET_REFUSED}; remove it from the file`);
      else if (!KNOWN_KEYS[level].has(key)) notes.push(`ignored unknown setting "${path}"`);
    }
  };
  visit(raw, '');
  visit(raw.oauth, 'oauth');
  visit(raw.rateLimit, 'rateLimit');
  return notes;
}

function describeProblems(errors: FieldErrors): string {
  return Object.entries(errors)
    .map(([path, message]) => `${path === '' ? 'the file' : path}: ${message}`)
    .join('; ');
}

async function setAside(file: string, problem: string, now: Date): Promise<LoadedSettings> {
  const defaults = { settings: defaultSettings(), layer: {} };
  try {
    const movedTo = await moveAside(file, now);
    return { ...defaults, movedTo, warning: `${file} ${problem}; it was moved to ${movedTo} and the default settings are used` };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    return { ...defaults, warning: `${file} ${problem}; it could not be moved aside (${reason}), so it was left in place and the default settings are used` };
  }
}

/**
 * Reads the settings file. Absent: defaults, no warning. Not a regular file
 * (a FIFO, a link to a device…), over {@link MAX_SETTINGS_FILE_BYTES}, not
 * JSON, or not valid settings: the file (a link itself, not its target) is
 * moved aside and kept, the defaults are used and `warning` says where the
 * copy went (a later load then finds no file, so the problem is reported once).
 * Unknown or secret-like keys are ignored with a warning. Temp files left by an
 * interrupted save are removed first (see `removeStaleTempFiles`).
 * Throws `SettingsFileError` (`SETTINGS_UNREADABLE`) when the file exists but cannot be read.
 */
export async function loadSettingsFile(file: string, options: LoadOptions = {}): Promise<LoadedSettings> {
  const now = options.now ?? (() => new Date());
  await removeStaleTempFiles(file);
  let text: string;
  try {
    const read = await readRegularFile(file, MAX_SETTINGS_FILE_BYTES);
    if (read.kind === 'missing') return { settings: defaultSettings(), layer: {} };
    if (read.kind === 'refused') return setAside(file, read.problem, now());
    text = read.text;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new SettingsFileError('SETTINGS_UNREADABLE', `cannot read ${file} (${reason})`, {}, { cause: error });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    // The parser's message quotes file content; it is left out on purpose.
    return setAside(file, 'is not valid JSON', now());
  }
  const parsed = settingsLayerSchema.safeParse(raw);
  if (!parsed.success) {
    return setAside(file, `has invalid settings (${describeProblems(messagesByField(parsed.error.issues))})`, now());
  }
  const layer = parsed.data as SettingsLayer;
  const notes = unknownKeyNotes(raw as Record<string, unknown>);
  const settings = applyLayers(defaultSettings(), layer);
  return notes.length === 0 ? { settings, layer } : { settings, layer, warning: `${file}: ${notes.join('; ')}` };
}

/**
 * Validates complete settings and writes them atomically (mode 0600, folder
 * 0700). Returns the settings as saved (normalised). Throws `SettingsFileError`:
 * `SETTINGS_SECRET_REFUSED` when anything looks like a secret, else `SETTINGS_INVALID`.
 * `pinned`: what flags and the environment set for this run (see `validateSettings`); never written.
 */
export async function saveSettingsFile(file: string, settings: unknown, pinned: SettingsLayer = {}): Promise<Settings> {
  const result = validateSettings(settings, pinned);
  if (!result.ok) {
    const secret = Object.values(result.errors).some(isSecretRefusal);
    throw new SettingsFileError(
      secret ? 'SETTINGS_SECRET_REFUSED' : 'SETTINGS_INVALID',
      `refusing to save ${file}: ${describeProblems(result.errors)}`,
      result.errors,
    );
  }
  await writeFileAtomic(file, `${JSON.stringify(result.settings, null, 2)}\n`);
  return result.settings;
}
