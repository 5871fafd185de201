import { runStdioServer } from '../../core/server/stdio.js';
import { createBuiltinProviders } from '../../core/tools/builtin/index.js';
import { ToolRegistry } from '../../core/tools/registry.js';
import type { Command } from '../command.js';
import { loadConfig } from '../load-config.js';

export const stdioCommand: Command = {
  name: 'stdio',
  summary: 'Serve the same tools over stdio (for agents that spawn a command)',
  help: `Usage: mcp-toolkit stdio

Serves the MCP tools over stdin/stdout until stdin closes. Nothing but MCP
messages is written to stdout; logs go to stderr. Auth does not apply: the
process boundary protects it. Shared folders come from the settings file or
MCP_SHARED_FOLDERS.`,
  options: {},
  async run(_args, io) {
    const config = await loadConfig(io);
    const log = (line: string): void => void io.stderr.write(`${line}\n`);
    const registry = new ToolRegistry(createBuiltinProviders({ sharedFolders: config.sharedFolders }), { log });
    await runStdioServer({ registry, log }, io.signal);
    return 0;
  },
};
