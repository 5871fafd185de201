import { processIO } from './process-io.js';
import { runCli } from './run.js';

/** `mcp-toolkit` entry point under plain Node. */
runCli(process.argv.slice(2), processIO()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`mcp-toolkit: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
