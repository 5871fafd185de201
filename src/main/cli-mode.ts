/**
 * Decides whether a launch of the app's own executable is a CLI invocation
 * (`MCP Toolkit stdio`, `… serve --port 9000`, `… --help`) rather than the
 * tray app. Pure: reads only its arguments.
 */

/**
 * The user's arguments: the packaged app gets `[exe, ...args]`; a dev run
 * (`electron [switches] . args`) gets the app path after any Chromium/Node
 * switches (`--inspect=0`, `--remote-debugging-port=0` from test drivers).
 */
export function userArgs(argv: readonly string[], isDevRun: boolean): string[] {
  if (!isDevRun) return argv.slice(1);
  const appPathIndex = argv.findIndex((arg, index) => index > 0 && !arg.startsWith('-'));
  return appPathIndex === -1 ? [] : argv.slice(appPathIndex + 1);
}

const CLI_FLAGS = new Set(['--help', '-h', '--version', '-v', 'help']);

/**
 * The CLI arguments when the launch asks for a command, else `null`. A first
 * argument that is not an option (`stdio`, `serve`, `login`…, unknown names
 * included so the CLI can say they are unknown) or a help/version flag means
 * a command; Chromium switches before it (`--no-sandbox`, `--enable-logging`)
 * are dropped, and switches alone (or the macOS `-psn_…`) start the tray app.
 */
export function cliArgs(args: readonly string[]): string[] | null {
  const start = args.findIndex((arg) => CLI_FLAGS.has(arg) || !arg.startsWith('-'));
  return start === -1 ? null : args.slice(start);
}
