import path from 'node:path';
import type { PathContext } from '../config/paths.js';

/** Joins with the target platform's separator (the context's, not the host's: tests run every platform). */
export function joinFor(context: PathContext): (...parts: string[]) => string {
  return context.platform === 'win32' ? path.win32.join : path.posix.join;
}

function absoluteEnv(context: PathContext, name: string): string | undefined {
  const value = context.env[name];
  if (value === undefined || value === '') return undefined;
  return (context.platform === 'win32' ? path.win32 : path.posix).isAbsolute(value) ? value : undefined;
}

/** `$XDG_CONFIG_HOME` when absolute (XDG Base Directory spec), else `~/.config`, on every platform. */
export function xdgConfigHome(context: PathContext): string {
  return absoluteEnv(context, 'XDG_CONFIG_HOME') ?? joinFor(context)(context.homedir, '.config');
}

/**
 * The per-user application data folder: `%APPDATA%` on Windows,
 * `~/Library/Application Support` on macOS, the XDG config folder elsewhere.
 */
export function appDataHome(context: PathContext): string {
  const join = joinFor(context);
  if (context.platform === 'win32') return absoluteEnv(context, 'APPDATA') ?? join(context.homedir, 'AppData', 'Roaming');
  if (context.platform === 'darwin') return join(context.homedir, 'Library', 'Application Support');
  return xdgConfigHome(context);
}

/** VS Code's user folder (`…/Code/User`), which holds its `mcp.json` and extensions' `globalStorage`. */
export function vscodeUserFolder(context: PathContext): string {
  return joinFor(context)(appDataHome(context), 'Code', 'User');
}

/** Zed's config folder: `%APPDATA%\Zed` on Windows, the XDG `zed` folder elsewhere (macOS included). */
export function zedFolder(context: PathContext): string {
  const join = joinFor(context);
  if (context.platform === 'win32') return join(appDataHome(context), 'Zed');
  return join(xdgConfigHome(context), 'zed');
}

/** Codex CLI's home: `$CODEX_HOME` when set, else `~/.codex`. */
export function codexHome(context: PathContext): string {
  return absoluteEnv(context, 'CODEX_HOME') ?? joinFor(context)(context.homedir, '.codex');
}
