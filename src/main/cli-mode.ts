/**
 * Decides whether a launch of the app's own executable is a CLI invocation
 * (`MCP Toolkit stdio`, `… serve --port 9000`, `… --help`) rather than the
 * tray app. Pure: reads only its arguments.
 */

/** The user's arguments: the packaged app gets `[exe, ...args]`, a dev run (`electron .`) gets `[electron, appPath, ...args]`. */
export function userArgs(argv: readonly string[], isDevRun: boolean): string[] {
  return argv.slice(isDevRun ? 2 : 1);
}

const CLI_FLAGS = new Set(['--help', '-h', '--version', '-v', 'help']);

/**
 * The CLI arguments when the launch asks for a command, else `null`. A first
 * argument that is not an option (`stdio`, `serve`, `login`…, unknown names
 * included so the CLI can say they are unknown) or a help/version flag means
 * a command; Chromium switches (`--no-sandbox`, `--enable-logging`) and the
 * macOS process serial number (`-psn_…`) do not.
 */
export function cliArgs(args: readonly string[]): string[] | null {
  const [first] = args;
  if (first === undefined) return null;
  if (CLI_FLAGS.has(first)) return [...args];
  if (first.startsWith('-')) return null;
  return [...args];
}
