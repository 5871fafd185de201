/** Where a configuration value came from, so the message can say what to fix. */
export type ConfigSource = 'env' | 'flag' | 'settings';

export type ConfigErrorCode = 'CONFIG_INVALID_VALUE' | 'CONFIG_MISSING_VALUE' | 'CONFIG_SETTINGS_UNREADABLE';

/**
 * One configuration problem. `message` is a complete line for the user, e.g.
 * `MCP_PORT="abc" is not valid: expected an integer from 0 to 65535`; the CLI
 * prints it and exits with code 2. It never contains a secret's value.
 */
export interface ConfigError {
  readonly code: ConfigErrorCode;
  readonly source: ConfigSource;
  /** The variable or flag to fix: `MCP_PORT`, `--port`; for a saved setting, its path. */
  readonly name: string;
  /** Settings path of the value (`port`, `oauth.issuer`; `apiKey` for `MCP_API_KEY`). */
  readonly field: string;
  readonly message: string;
}

const MAX_SHOWN = 200;

/**
 * A value as shown in an error line: quoted and escaped (so it stays on one
 * line), cut at 200 characters, and with any `user:password@` of a URL masked.
 */
export function showValue(text: string): string {
  const masked = text.replace(/\/\/[^/@\s]*@/g, '//***@');
  const cut = masked.length > MAX_SHOWN ? `${masked.slice(0, MAX_SHOWN)}…` : masked;
  return JSON.stringify(cut);
}

/** All errors, one per line, for printing. */
export function formatConfigErrors(errors: readonly ConfigError[]): string {
  return errors.map((error) => error.message).join('\n');
}
