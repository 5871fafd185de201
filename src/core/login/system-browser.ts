import { spawn } from 'node:child_process';

export interface BrowserCommand {
  readonly command: string;
  readonly args: readonly string[];
  /** Windows only: pass `args` to cmd.exe as written (the URL is already quoted). */
  readonly windowsVerbatimArguments?: boolean;
}

/**
 * The command that shows `url` in the user's browser:
 * - `BROWSER`, when set, is the program to run with the URL as its only
 *   argument (the whole value is the program path; no shell, no `%s`);
 * - otherwise the platform's opener: `open` (macOS), `cmd /c start "" "<url>"`
 *   (Windows; the quotes keep cmd.exe from splitting the URL at `&`),
 *   `xdg-open` (Linux and other Unix).
 */
export function browserCommandFor(
  url: string,
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform,
): BrowserCommand {
  const browser = env.BROWSER?.trim();
  if (browser) return { command: browser, args: [url] };
  if (platform === 'darwin') return { command: 'open', args: [url] };
  if (platform === 'win32') {
    return { command: 'cmd', args: ['/c', 'start', '""', `"${url}"`], windowsVerbatimArguments: true };
  }
  return { command: 'xdg-open', args: [url] };
}

/**
 * Opens `url` in the system browser without a shell: the command is spawned
 * detached with its output ignored, so it outlives neither our stdout nor our
 * exit code. Resolves once the process started; rejects when it could not
 * (e.g. `xdg-open` not installed). Only http(s) URLs are opened, so the
 * argument can never be read as an option.
 */
export function openInSystemBrowser(
  url: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  platform: NodeJS.Platform = process.platform,
): Promise<void> {
  if (!/^https?:\/\//i.test(url)) return Promise.reject(new Error(`Refusing to open a non-http(s) URL: ${url}`));
  const { command, args, windowsVerbatimArguments } = browserCommandFor(url, env, platform);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      detached: true,
      stdio: 'ignore',
      env: { ...env },
      windowsVerbatimArguments: windowsVerbatimArguments ?? false,
    });
    child.once('error', (error) => reject(new Error(`Could not start the browser (${command}): ${error.message}`, { cause: error })));
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
