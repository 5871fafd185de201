import { app } from 'electron';

/**
 * Runs a CLI command inside the app's own executable (`MCP Toolkit stdio`),
 * with no tray and no window, then exits with the command's exit code. The
 * CLI is loaded only here, so the tray app never pays for it.
 */
export async function runAsCli(args: readonly string[]): Promise<void> {
  app.dock?.hide();
  const [{ runCli }, { processIO }] = await Promise.all([import('../cli/run.js'), import('../cli/process-io.js')]);
  let code = 1;
  try {
    code = await runCli(args, processIO());
  } catch (error) {
    process.stderr.write(`mcp-toolkit: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  app.exit(code);
}
