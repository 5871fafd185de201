import type { McpServer, Tool } from '@modelcontextprotocol/server';
import type { JsonSchemaObject } from './precompiled-schema.js';

/** One tool as `tools/list` gives it, and whether that is exactly what the SDK's own listing would give. */
export interface ListedTool {
  readonly tool: Tool;
  readonly exact: boolean;
}

interface ListedFields {
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly inputSchema: JsonSchemaObject;
  readonly outputSchema?: JsonSchemaObject;
  readonly annotations?: Tool['annotations'];
  readonly _meta?: Record<string, unknown>;
}

/**
 * The JSON text of each entry `listedTool` built, made with it: entries are
 * built once per catalogue version and never changed after, and most of a
 * long tool list's answer is their text (500 tools: ~200 KB to serialise on
 * every request otherwise).
 */
const LISTED_JSON = new WeakMap<object, string>();

/** The JSON text of an entry built by {@link listedTool}; undefined for any other value. */
export function listedToolJson(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null ? LISTED_JSON.get(value) : undefined;
}

/**
 * A tool's `tools/list` entry, built once per catalogue version. The fields
 * are the ones `McpServer`'s own `tools/list` handler writes, in its order;
 * that handler converts and scans every tool's schema again on every request
 * (a quarter of the CPU of a 500-tool list). Not exact, so left to the SDK,
 * when the SDK would change or warn about a schema: an input root that is not
 * `type: "object"`, an output root without `type`, an `x-mcp-header` declaration.
 */
export function listedTool(fields: ListedFields): ListedTool {
  const { name, title, description, inputSchema, outputSchema, annotations, _meta } = fields;
  const tool: Tool = {
    name,
    title,
    description,
    // Unfrozen copies: the schemas given are deep-frozen, and JSON.stringify of frozen objects is ~25 % slower (a session's tools/list serialises them each time).
    inputSchema: structuredClone(inputSchema) as Tool['inputSchema'],
    annotations,
    icons: undefined,
    execution: undefined,
    _meta,
    ...(outputSchema !== undefined ? { outputSchema: structuredClone(outputSchema) as Tool['outputSchema'] } : {}),
  };
  const exact =
    inputSchema.type === 'object' &&
    (outputSchema === undefined || outputSchema.type !== undefined) &&
    !JSON.stringify(inputSchema).includes('"x-mcp-header"');
  LISTED_JSON.set(tool, JSON.stringify(tool));
  return { tool, exact };
}

/** The JSON text of each `tools/list` result `serveToolList` answered, made once per list. */
const LIST_RESULT_JSON = new WeakMap<object, string>();

/** The JSON text of a result `serveToolList` answered with (entries all built by {@link listedTool}); undefined for any other value. */
export function listResultJson(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null ? LIST_RESULT_JSON.get(value) : undefined;
}

/** `{"tools":[…]}` joined from each entry's text, or undefined when an entry was not built by {@link listedTool}. */
export function listText(tools: readonly unknown[]): string | undefined {
  const parts: string[] = [];
  for (const tool of tools) {
    const text = listedToolJson(tool);
    if (text === undefined) return undefined;
    parts.push(text);
  }
  return `{"tools":[${parts.join(',')}]}`;
}

/** The text of each listing given to `serveToolList`, joined once for every server it is served on. */
const LISTING_TEXT = new WeakMap<readonly Tool[], string | undefined>();

/** {@link listText} of a listing, joined at its first use and kept as long as the listing lives. */
function listingText(tools: readonly Tool[]): string | undefined {
  if (!LISTING_TEXT.has(tools)) LISTING_TEXT.set(tools, listText(tools));
  return LISTING_TEXT.get(tools);
}

/**
 * Answers `tools/list` on `server` with `tools` (built once) instead of the SDK
 * converting every schema again; the answer's text is joined once per
 * listing, so every session and pooled server of one catalogue version
 * shares it (500 tools: ~200 KB, not ~200 KB per session).
 */
export function serveToolList(server: McpServer, tools: readonly Tool[]): void {
  const text = listingText(tools);
  server.server.setRequestHandler('tools/list', () => {
    const result = { tools: [...tools] };
    if (text !== undefined) LIST_RESULT_JSON.set(result, text);
    return result;
  });
}
