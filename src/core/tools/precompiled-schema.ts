import type { StandardSchemaWithJSON } from '@modelcontextprotocol/server';
import type { z } from 'zod';

/** JSON Schema dialect the SDK asks for when it lists tools (MCP 2025-11-25 defaults to 2020-12, SEP-1613). */
export const JSON_SCHEMA_TARGET = 'draft-2020-12';

export type JsonSchemaObject = Readonly<Record<string, unknown>>;

/** A zod input schema together with its JSON Schema, converted once. */
export interface PrecompiledSchema {
  /** Same JSON Schema `tools/list` returns for this tool. Deep-frozen. */
  readonly json: JsonSchemaObject;
  /** Standard Schema handed to `registerTool`: validates with zod, lists `json` without converting again. */
  readonly standard: StandardSchemaWithJSON<Record<string, unknown>, Record<string, unknown>>;
}

/**
 * Converts a tool's zod object schema to JSON Schema once, so that building an
 * `McpServer` per HTTP request (stateless serving) and every `tools/list` reuse
 * the result instead of converting again.
 *
 * The JSON is what the SDK itself would list: zod's own Standard JSON Schema
 * output for `draft-2020-12`, with `type: "object"` at the root (MCP requires an
 * object root for tool input schemas). Validation is delegated to zod unchanged.
 */
export function precompileSchema(schema: z.ZodObject): PrecompiledSchema {
  const zodStandard = schema['~standard'];
  const converted = zodStandard.jsonSchema.input({ target: JSON_SCHEMA_TARGET });
  const json = deepFreeze({ type: 'object', ...converted });
  const standard: PrecompiledSchema['standard'] = {
    '~standard': {
      version: 1,
      vendor: zodStandard.vendor,
      validate: (value) =>
        zodStandard.validate(value) as ReturnType<PrecompiledSchema['standard']['~standard']['validate']>,
      jsonSchema: {
        input: () => json as Record<string, unknown>,
        output: () => json as Record<string, unknown>,
      },
    },
  };
  return { json, standard };
}

/**
 * A JSON Schema from elsewhere (an upstream's tool) as the SDK needs it: listed
 * exactly as given, and every value accepted unchanged, since the upstream
 * that owns the schema validates its own arguments and results.
 */
export function passThroughSchema(json: JsonSchemaObject): PrecompiledSchema['standard'] {
  return {
    '~standard': {
      version: 1,
      vendor: 'mcp-toolkit-upstream',
      validate: (value) => ({ value: value as Record<string, unknown> }),
      jsonSchema: { input: () => json as Record<string, unknown>, output: () => json as Record<string, unknown> },
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
