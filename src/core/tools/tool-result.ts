import type { CallToolResult } from '@modelcontextprotocol/server';

/**
 * Builders for `tools/call` results. A tool reports a failure the caller can
 * act on as a *tool error* (`isError: true`, MCP 2025-11-25 "Error Handling"
 * in server/tools), so the model sees the explanation, instead of a JSON-RPC
 * protocol error, which clients usually hide from the model.
 */

/** A successful result carrying one text block. */
export function textResult(text: string): CallToolResult {
  return { content: [{ type: 'text', text }] };
}

/** A successful result whose text is `value` as indented JSON, also given as `structuredContent`. */
export function jsonResult(value: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value, null, 2) }], structuredContent: value };
}

/** A tool error with one human-readable explanation. */
export function toolError(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

/**
 * A failure a tool raises on purpose; the registry turns it into
 * {@link toolError} with exactly this message. Use it deep inside helpers
 * where returning a result is awkward.
 */
export class ToolFailure extends Error {
  override readonly name = 'ToolFailure';

  constructor(
    /** Stable machine-readable code, e.g. `FILES_OUTSIDE_SHARED_FOLDER`. */
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
