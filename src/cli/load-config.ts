import { homedir } from 'node:os';
import { configWarnings, createRunSettings, createSettingsStore, loadServerConfig, settingsFilePath, type ConfigFlags, type RunSettings } from '../core/config/index.js';
import type { ServerConfig } from '../core/config/types.js';
import { UsageError, type CliIO } from './command.js';

/**
 * Flags over environment over the saved settings file over defaults. Invalid
 * values stop the command with one line per problem (exit 2); a corrupt
 * settings file is reported once and set aside.
 */
export async function loadConfig(io: CliIO, flags: ConfigFlags = {}): Promise<ServerConfig> {
  const result = await loadServerConfig({ env: io.env, flags });
  for (const warning of result.warnings) io.stderr.write(`mcp-toolkit: ${warning}\n`);
  if (!result.ok) throw new UsageError(result.errors.map((e) => e.message).join('\n'));
  return result.config;
}

/**
 * The settings of a `serve` run, the way every host reads them (`createRunSettings`):
 * loaded once here, refused like `loadConfig` when a value is bad (exit 2).
 */
export async function loadRunSettings(io: CliIO, flags: ConfigFlags = {}): Promise<RunSettings> {
  const filePath = settingsFilePath({ platform: process.platform, env: io.env, homedir: homedir() });
  const settings = createRunSettings({ file: createSettingsStore({ filePath }), env: io.env, flags });
  const loaded = await settings.ready().catch((error: Error) => {
    throw new UsageError(error.message);
  });
  if (loaded.warning !== undefined) io.stderr.write(`mcp-toolkit: ${loaded.warning}\n`);
  const problems = settings.problems();
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  for (const warning of configWarnings(settings.config())) io.stderr.write(`mcp-toolkit: ${warning}\n`);
  return settings;
}
