import { homedir } from 'node:os';
import path from 'node:path';

/** The app's folder name under the per-user config folder; Electron's `app.getName()` for this package. */
export const APP_FOLDER_NAME = 'mcp-toolkit';
export const SETTINGS_FILE_NAME = 'settings.json';
/** Overrides the settings folder entirely (tests, portable setups). */
export const HOME_OVERRIDE_ENV = 'MCP_TOOLKIT_HOME';

export interface PathContext {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The user's home folder (`os.homedir()`). */
  readonly homedir: string;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/**
 * The per-user folder holding `settings.json`, the same folder Electron's
 * `app.getPath('userData')` gives for an app named `mcp-toolkit`, so the CLI
 * and the tray app share one file:
 * - `MCP_TOOLKIT_HOME` when set;
 * - Windows: `%APPDATA%\mcp-toolkit` (else `<home>\AppData\Roaming\mcp-toolkit`);
 * - macOS: `~/Library/Application Support/mcp-toolkit`;
 * - Linux and other Unix: `$XDG_CONFIG_HOME/mcp-toolkit` when that is an absolute
 *   path (XDG Base Directory spec ignores relative ones), else `~/.config/mcp-toolkit`.
 * Pure: reads only its arguments, joins with the target platform's separator.
 */
export function settingsDirectory({ platform, env, homedir }: PathContext): string {
  const override = nonEmpty(env[HOME_OVERRIDE_ENV]);
  if (override !== undefined) return override;
  if (platform === 'win32') {
    const appData = nonEmpty(env.APPDATA) ?? path.win32.join(homedir, 'AppData', 'Roaming');
    return path.win32.join(appData, APP_FOLDER_NAME);
  }
  if (platform === 'darwin') return path.posix.join(homedir, 'Library', 'Application Support', APP_FOLDER_NAME);
  const xdg = nonEmpty(env.XDG_CONFIG_HOME);
  const configHome = xdg !== undefined && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(homedir, '.config');
  return path.posix.join(configHome, APP_FOLDER_NAME);
}

/** Full path of the shared settings file. */
export function settingsFilePath(context: PathContext): string {
  const join = context.platform === 'win32' ? path.win32.join : path.posix.join;
  return join(settingsDirectory(context), SETTINGS_FILE_NAME);
}

/** The toolkit's state folder (upstream logs, the running gateway's state): `state/` in the settings folder. */
export function stateDirectory(context: PathContext): string {
  const join = context.platform === 'win32' ? path.win32.join : path.posix.join;
  return join(settingsDirectory(context), 'state');
}

/** Where approved upstream tool definitions are kept (tool pinning): beside the settings, never a secret. */
export function toolPinsFilePath(context: PathContext): string {
  const join = context.platform === 'win32' ? path.win32.join : path.posix.join;
  return join(settingsDirectory(context), TOOL_PINS_FILE_NAME);
}

export const TOOL_PINS_FILE_NAME = 'tool-pins.json';

/** The index of named API keys (names and dates; the values stay in the OS keychain): beside the settings. */
export function namedKeysIndexFile(context: PathContext): string {
  const join = context.platform === 'win32' ? path.win32.join : path.posix.join;
  return join(settingsDirectory(context), NAMED_KEYS_FILE_NAME);
}

export const NAMED_KEYS_FILE_NAME = 'keys.json';

/** The index of remote servers' sign-ins (issuer, account, scopes, expiry, state; the tokens stay in the OS keychain): beside the settings. */
export function upstreamLoginsIndexFile(context: PathContext): string {
  const join = context.platform === 'win32' ? path.win32.join : path.posix.join;
  return join(settingsDirectory(context), UPSTREAM_LOGINS_FILE_NAME);
}

export const UPSTREAM_LOGINS_FILE_NAME = 'logins.json';

/** The gateway's files for one user: its state folder and the pins file. */
export function gatewayFilesFor(context: PathContext): { stateDir: string; pinsFile: string } {
  return { stateDir: stateDirectory(context), pinsFile: toolPinsFilePath(context) };
}

/** The context of the running process, for callers outside tests. */
export function processPathContext(): PathContext {
  return { platform: process.platform, env: process.env, homedir: homedir() };
}
