import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';
import type { CallToolResult, ServerContext } from '@modelcontextprotocol/server';
import type { ToolDefinition } from './types.js';
import { ToolFailure, toolError } from './tool-result.js';

type Logger = (line: string) => void;

const MAX_MESSAGE_CHARS = 500;

/**
 * Wraps a tool's `run` so that nothing it throws becomes a JSON-RPC error:
 * a {@link ToolFailure} becomes a tool error with its message, anything else
 * a tool error that names the tool and gives the error's first line (never a
 * stack trace). Unexpected failures are logged to stderr with a `[tools]` prefix.
 *
 * The one exception is the SDK's URL-elicitation signal, which MCP defines as
 * a protocol error (`-32042`, 2025-11-25 client/elicitation) and must travel as one.
 */
export function safeRun(
  tool: ToolDefinition,
  log: Logger = defaultLog,
): (args: Record<string, unknown>, ctx: ServerContext) => Promise<CallToolResult> {
  return async (args, ctx) => {
    try {
      return await tool.run(args, ctx);
    } catch (error) {
      if (error instanceof ProtocolError && error.code === ProtocolErrorCode.UrlElicitationRequired) throw error;
      if (error instanceof ToolFailure) return toolError(error.message);
      log(`[tools] ${tool.name} failed unexpectedly: ${describeError(error)}`);
      return toolError(`The tool "${tool.name}" failed unexpectedly: ${firstLine(error)}`);
    }
  };
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n', 1)[0]?.trim() || 'unknown error';
  return line.length > MAX_MESSAGE_CHARS ? `${line.slice(0, MAX_MESSAGE_CHARS)}…` : line;
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  return `${error.name}${code ? ` (${code})` : ''}: ${error.message}`;
}

function defaultLog(line: string): void {
  process.stderr.write(`${line}\n`);
}
