import { loadServerConfig, type ConfigFlags } from '../core/config/index.js';
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
