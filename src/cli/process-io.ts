import type { CliIO } from './command.js';

/** The real process as a `CliIO`: its signal aborts on the first SIGINT or SIGTERM. */
export function processIO(): CliIO {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: controller.signal };
}
