/**
 * The environment an upstream's child process starts with: what any program
 * needs to run (search path, home, user, shell, terminal, locale, time zone,
 * temp folder; on Windows the few system variables a process needs), plus the
 * upstream's own variables and secrets. Nothing else of the toolkit's
 * environment reaches the child: it may hold `MCP_API_KEY`, tokens of the
 * toolkit's own sign-in or other servers' secrets.
 */

/** Passed through from the toolkit's environment, when set. */
const POSIX_PASSED = ['PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'TERM', 'LANG', 'LANGUAGE', 'TZ', 'TMPDIR', 'TEMP', 'TMP'];
/** Every `LC_*` locale variable is passed through too. */
const LOCALE_PREFIX = 'LC_';

/** Windows keeps variable names case-insensitively; these are compared upper-case. */
const WINDOWS_PASSED = [
  'PATH',
  'PATHEXT',
  'SYSTEMROOT',
  'SYSTEMDRIVE',
  'WINDIR',
  'COMSPEC',
  'TEMP',
  'TMP',
  'USERNAME',
  'USERPROFILE',
  'USERDOMAIN',
  'HOMEDRIVE',
  'HOMEPATH',
  'APPDATA',
  'LOCALAPPDATA',
  'PROGRAMDATA',
  'PROGRAMFILES',
  'PROGRAMFILES(X86)',
  'PROGRAMW6432',
  'COMMONPROGRAMFILES',
  'COMMONPROGRAMFILES(X86)',
  'PROCESSOR_ARCHITECTURE',
  'NUMBER_OF_PROCESSORS',
  'OS',
  'TZ',
  'LANG',
];

export interface MinimalEnvironmentOptions {
  /** Defaults to the running platform. */
  readonly platform?: NodeJS.Platform;
}

function passes(name: string, platform: NodeJS.Platform): boolean {
  if (platform === 'win32') return WINDOWS_PASSED.includes(name.toUpperCase());
  return POSIX_PASSED.includes(name) || name.startsWith(LOCALE_PREFIX);
}

/**
 * `own` (the upstream's configured variables and its secrets, already merged)
 * laid over the allowed part of `parent`. Values that look like exported
 * shell functions (`() {…`) are never passed, as the SDK's own default does.
 */
export function minimalEnvironment(
  parent: NodeJS.ProcessEnv,
  own: Readonly<Record<string, string>>,
  options: MinimalEnvironmentOptions = {},
): Record<string, string> {
  const platform = options.platform ?? process.platform;
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value === undefined || value.startsWith('()')) continue;
    if (passes(name, platform)) env[name] = value;
  }
  return { ...env, ...own };
}

/** The variable `name` of a child's environment; on Windows, where names ignore case, in any spelling (`Path`). */
export function envValue(env: Readonly<Record<string, string>>, name: string, platform: NodeJS.Platform): string | undefined {
  if (platform !== 'win32') return env[name];
  const key = Object.keys(env).find((candidate) => candidate.toUpperCase() === name);
  return key === undefined ? undefined : env[key];
}
