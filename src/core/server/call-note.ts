import type { CallEntry } from '../metrics/index.js';

/** Where a served tool name leads (the gateway's `SERVER__tool` names); undefined for built-in tools. */
export type ToolTargetLookup = (servedName: string) => { readonly server: string } | undefined;

/** Longest method or tool name kept (JSON-RPC names are short; a longer one is cut). */
const MAX_NAME_CHARS = 128;
/** In a `tools/call` answer: a tool error, or a JSON-RPC error (keys as `JSON.stringify` writes them; inside a string they are escaped). */
export const TOOL_ANSWER_MARKS: readonly Buffer[] = [Buffer.from('"isError":true'), Buffer.from('"error":{')];
const OUTCOME_BY_MARK = ['tool_error', 'rpc_error'] as const;

function bounded(name: string): string {
  return name.length > MAX_NAME_CHARS ? name.slice(0, MAX_NAME_CHARS) : name;
}

/**
 * Notes the JSON-RPC method of an already parsed `/mcp` body on its call
 * (`batch` for an array), and for `tools/call` the tool and, for a gateway
 * tool, its upstream server. Reads fields only: nothing is copied or parsed.
 */
export function noteRpcCall(call: CallEntry, body: unknown, toolTarget: ToolTargetLookup | undefined): void {
  if (Array.isArray(body)) {
    call.method = 'batch';
    return;
  }
  if (typeof body !== 'object' || body === null) return;
  const { method, params } = body as { method?: unknown; params?: unknown };
  if (typeof method !== 'string') return;
  call.method = bounded(method);
  if (method !== 'tools/call' || typeof params !== 'object' || params === null) return;
  const name = (params as { name?: unknown }).name;
  if (typeof name !== 'string') return;
  call.tool = bounded(name);
  call.server = toolTarget?.(name)?.server ?? null;
}

/** The outcome of a `tools/call` from the answer's status and which mark `sendWebResponse` saw (-1: none). */
export function noteToolOutcome(call: CallEntry, status: number, mark: number): void {
  if (call.method !== 'tools/call' || status !== 200) return;
  call.outcome = mark === -1 ? 'ok' : OUTCOME_BY_MARK[mark]!;
}

/** The outcome of a `tools/call` answered with `answer` (a JSON-RPC response object): `noteToolOutcome` without the byte search. */
export function noteToolAnswer(call: CallEntry, answer: object): void {
  if (call.method !== 'tools/call') return;
  if ('error' in answer) call.outcome = 'rpc_error';
  else call.outcome = (answer as { result?: { isError?: unknown } }).result?.isError === true ? 'tool_error' : 'ok';
}
