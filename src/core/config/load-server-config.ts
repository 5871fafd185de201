import { homedir } from 'node:os';
import type { ConfigError } from './config-error.js';
import type { Environment } from './env.js';
import type { FlagValues } from './flags.js';
import { settingsFilePath, type PathContext } from './paths.js';
import { resolveConfig, type ResolveResult } from './resolve.js';
import { loadSettingsFile, SettingsFileError } from './settings-file.js';

export interface LoadServerConfigInput {
  readonly env: Environment;
  readonly flags?: FlagValues;
  /** Defaults to the running process (`process.platform`, `os.homedir()`). */
  readonly platform?: NodeJS.Platform;
  readonly homedir?: string;
  /** Clock for the name of a moved-aside file. */
  readonly now?: () => Date;
}

/**
 * What a host (the CLI, the desktop app at start) calls: reads the shared
 * settings file from its per-user folder (`MCP_TOOLKIT_HOME` in `env`
 * overrides it), then resolves flags > env > file > defaults. A corrupt or
 * invalid file is set aside and its warning comes first in `warnings`.
 */
export async function loadServerConfig(input: LoadServerConfigInput): Promise<ResolveResult> {
  const context: PathContext = {
    platform: input.platform ?? process.platform,
    env: input.env,
    homedir: input.homedir ?? homedir(),
  };
  const file = settingsFilePath(context);
  let loaded;
  try {
    loaded = await loadSettingsFile(file, input.now ? { now: input.now } : {});
  } catch (error) {
    if (!(error instanceof SettingsFileError)) throw error;
    const unreadable: ConfigError = {
      code: 'CONFIG_SETTINGS_UNREADABLE',
      source: 'settings',
      name: file,
      field: '',
      message: error.message,
    };
    return { ok: false, errors: [unreadable], warnings: [] };
  }
  const result = resolveConfig({ file: loaded.layer, env: input.env, ...(input.flags && { flags: input.flags }) });
  const warnings = loaded.warning === undefined ? result.warnings : [loaded.warning, ...result.warnings];
  return { ...result, warnings };
}
