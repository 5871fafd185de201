import { accessSync, constants, statSync } from 'node:fs';
import { delimiter as hostDelimiter, isAbsolute, resolve, win32 } from 'node:path';

export interface FindCommandOptions {
  /** The PATH the child will see (from its minimal environment). */
  readonly path: string | undefined;
  /** Folder a relative command (`./server`) is resolved against. */
  readonly cwd: string;
  readonly platform?: NodeJS.Platform;
  /** Windows: extensions tried after a bare name (`PATHEXT`). */
  readonly pathext?: string;
}

function isExecutableFile(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function candidates(base: string, platform: NodeJS.Platform, pathext: string | undefined): string[] {
  if (platform !== 'win32') return [base];
  const extensions = (pathext ?? '.COM;.EXE;.BAT;.CMD').split(';').filter((ext) => ext !== '');
  return win32.extname(base) === '' ? [...extensions.map((ext) => base + ext), base] : [base];
}

/**
 * The absolute path of the program `command` names, as the child would run
 * it: a name with a path separator is taken relative to `cwd`, a bare name is
 * searched on `path`. Undefined when there is no such executable file, so the
 * caller can say "command `foo` was not found on PATH" instead of spawning.
 */
export function findCommand(command: string, options: FindCommandOptions): string | undefined {
  const platform = options.platform ?? process.platform;
  const hasSeparator = platform === 'win32' ? /[\\/]/.test(command) : command.includes('/');
  if (hasSeparator || isAbsolute(command)) {
    const base = resolve(options.cwd, command);
    return candidates(base, platform, options.pathext).find((file) => isExecutableFile(file, platform));
  }
  const delimiter = platform === 'win32' ? ';' : platform === process.platform ? hostDelimiter : ':';
  for (const folder of (options.path ?? '').split(delimiter)) {
    if (folder === '') continue;
    const base = resolve(options.cwd, folder, command);
    const found = candidates(base, platform, options.pathext).find((file) => isExecutableFile(file, platform));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The user's words for a command that {@link findCommand} did not find. */
export function commandNotFoundMessage(command: string): string {
  return command.includes('/') || command.includes('\\')
    ? `command \`${command}\` was not found or is not executable`
    : `command \`${command}\` was not found on PATH`;
}
