import { parseJSONRPCMessage, ProtocolErrorCode, type JSONRPCMessage, type RequestId } from '@modelcontextprotocol/server';

/** One stdio line read as JSON-RPC: a message for the server, or why it is refused (with the `id` to answer, when known). */
export type LineVerdict =
  | { readonly ok: true; readonly message: JSONRPCMessage }
  | {
      readonly ok: false;
      readonly code: ProtocolErrorCode.ParseError | ProtocolErrorCode.InvalidRequest;
      readonly reason: string;
      readonly id: RequestId | undefined;
    };

/** How much of a line's start is scanned for an `id` when the line is not JSON. */
export const ID_SCAN_CHARS = 1024;

/**
 * Reads one line as a JSON-RPC message with the SDK's own schema. A line that
 * is not JSON is a parse error (-32700); JSON that is not a JSON-RPC message
 * is an invalid request (-32600). The `id` to answer is the message's own, or
 * for unparseable text one recovered from the line's start; a (bad) response
 * carries none, since responses are never answered.
 */
export function readJsonRpcLine(text: string): LineVerdict {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, code: ProtocolErrorCode.ParseError, reason: 'not JSON', id: leadingRequestId(text) };
  }
  try {
    return { ok: true, message: parseJSONRPCMessage(value) };
  } catch {
    return { ok: false, code: ProtocolErrorCode.InvalidRequest, reason: 'not a JSON-RPC message', id: requestIdOf(value) };
  }
}

/** The `id` of a parsed value that looks like a request (an object without `result`/`error`), if it is a string or a finite number. */
export function requestIdOf(value: unknown): RequestId | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  if ('result' in value || 'error' in value) return undefined;
  return asRequestId((value as { id?: unknown }).id);
}

/**
 * Recovers the top-level `id` from the start of a JSON object that cannot be
 * parsed whole (cut off, too long, or broken further on): scans at most
 * `ID_SCAN_CHARS` characters, skipping strings and nested values, and returns
 * the `id` only when its value is complete (followed by `,` or `}`).
 */
export function leadingRequestId(text: string): RequestId | undefined {
  const head = text.slice(0, ID_SCAN_CHARS);
  let i = skipSpace(head, 0);
  if (head[i] !== '{') return undefined;
  let depth = 0;
  let expectKey = false;
  for (; i < head.length; i++) {
    const c = head[i];
    if (c === '"') {
      const close = stringEnd(head, i);
      if (close === -1) return undefined;
      if (depth === 1 && expectKey) {
        const colon = skipSpace(head, close + 1);
        if (head[colon] !== ':') return undefined;
        if (head.slice(i + 1, close) === 'id') return idValueAt(head, colon + 1);
        expectKey = false;
        i = colon;
      } else {
        i = close;
      }
    } else if (c === '{' || c === '[') {
      depth++;
      expectKey = depth === 1;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return undefined;
    } else if (c === ',' && depth === 1) {
      expectKey = true;
    }
  }
  return undefined;
}

const ID_VALUE = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|"(?:[^"\\]|\\.)*"/y;

function idValueAt(head: string, start: number): RequestId | undefined {
  ID_VALUE.lastIndex = skipSpace(head, start);
  const match = ID_VALUE.exec(head);
  if (match === null) return undefined;
  const after = head[skipSpace(head, ID_VALUE.lastIndex)];
  if (after !== ',' && after !== '}') return undefined;
  try {
    return asRequestId(JSON.parse(match[0]));
  } catch {
    return undefined;
  }
}

function asRequestId(value: unknown): RequestId | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return undefined;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  return i;
}

/** Index of the quote closing the string opened at `open`, or -1 when the text ends first. */
function stringEnd(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}
