import type { JSONRPCResponse } from '@modelcontextprotocol/server';
import { listResultJson, listText } from '../tools/tool-listing.js';

function hasOnlyKeys(value: object, keys: readonly string[]): boolean {
  const own = Object.keys(value);
  return own.length === keys.length && own.every((key) => keys.includes(key));
}

/** The text of a `tools/list` result made only of the catalogue's entries, else undefined. */
function toolListText(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null || !hasOnlyKeys(result, ['tools'])) return undefined;
  const whole = listResultJson(result);
  if (whole !== undefined) return whole;
  const { tools } = result as { tools: unknown };
  return Array.isArray(tools) ? listText(tools) : undefined;
}

/**
 * The text of a JSON-RPC answer, exactly `JSON.stringify(answer)`, but a
 * `tools/list` result made of the catalogue's entries is joined from their
 * text made once (see `listedToolJson`) instead of serialised again.
 */
export function answerText(answer: JSONRPCResponse): string {
  const result = 'result' in answer ? toolListText(answer.result) : undefined;
  if (result === undefined || !hasOnlyKeys(answer, ['jsonrpc', 'id', 'result'])) return JSON.stringify(answer);
  const fields = Object.keys(answer).map((key) => (key === 'result' ? `"result":${result}` : `${JSON.stringify(key)}:${JSON.stringify(answer[key as 'jsonrpc' | 'id'])}`));
  return `{${fields.join(',')}}`;
}
