import { resolve } from 'node:path';
import type { StdioCommand } from '../shared/view-types.js';

export interface ProcessFacts {
  readonly execPath: string;
  readonly argv: readonly string[];
  readonly versions: Readonly<Record<string, string | undefined>>;
  /** Set by Electron when it runs an app folder (development) rather than a packaged app. */
  readonly defaultApp?: boolean;
}

/**
 * How an agent runs this same program as a stdio MCP server (the Claude
 * Desktop snippet): `node /path/bin/mcp-toolkit.js stdio` under Node, the app's
 * own executable with `stdio` when packaged with Electron.
 */
export function stdioCommandOf(proc: ProcessFacts = process): StdioCommand {
  if (proc.versions.electron !== undefined && proc.defaultApp !== true) return { command: proc.execPath, args: ['stdio'] };
  const script = proc.argv[1];
  return script ? { command: proc.execPath, args: [resolve(script), 'stdio'] } : { command: 'mcp-toolkit', args: ['stdio'] };
}
