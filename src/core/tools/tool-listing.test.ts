import { fromJsonSchema } from '@modelcontextprotocol/server';
import type { CallToolResult, JsonSchemaType } from '@modelcontextprotocol/server';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool } from './define-tool.js';
import { ToolRegistry } from './registry.js';
import { connectInMemory } from './testing/connect-in-memory.js';
import type { InMemoryConnection } from './testing/connect-in-memory.js';
import { textResult } from './tool-result.js';
import type { AnyToolDefinition, RawToolDefinition } from './types.js';

const greet = defineTool({
  name: 'greet',
  title: 'Greet someone',
  description: 'Says hello.',
  inputSchema: z.object({ name: z.string().min(1).describe('Who to greet') }),
  annotations: { readOnlyHint: true },
  run: async ({ name }) => textResult(`Hello, ${name}!`),
});

function raw(name: string, extra: Partial<RawToolDefinition> = {}): RawToolDefinition {
  return {
    raw: true,
    name,
    description: `Upstream tool ${name}`,
    inputSchema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
    run: async (): Promise<CallToolResult> => textResult('ok'),
    ...extra,
  };
}

const connections: InMemoryConnection[] = [];
afterEach(async () => {
  for (const connection of connections.splice(0)) await connection.close();
});

/** `tools/list` as the registry answers it, and as the SDK itself lists the same registered tools. */
async function bothListings(tools: AnyToolDefinition[]) {
  const registry = new ToolRegistry([{ id: 'p', tools: () => tools }]);
  const ours = await connectInMemory((server) => registry.registerOn(server));
  // The SDK's own listing: the same tools registered on a plain server, zod schemas and JSON Schemas as the SDK takes them.
  const sdk = await connectInMemory((server) => {
    for (const tool of tools) {
      const { name, title, description, annotations } = tool;
      const common = { ...(title !== undefined ? { title } : {}), ...(description !== undefined ? { description } : {}), ...(annotations !== undefined ? { annotations } : {}) };
      if ('raw' in tool) {
        const { inputSchema, outputSchema, _meta } = tool;
        server.registerTool(name, {
          ...common,
          inputSchema: fromJsonSchema(inputSchema as JsonSchemaType),
          ...(outputSchema !== undefined ? { outputSchema: fromJsonSchema(outputSchema as JsonSchemaType) } : {}),
          ...(_meta !== undefined ? { _meta: { ..._meta } } : {}),
        }, async () => textResult(''));
      } else {
        server.registerTool(name, { ...common, inputSchema: tool.inputSchema }, async () => textResult(''));
      }
    }
  });
  connections.push(ours, sdk);
  return { ours: (await ours.client.listTools()).tools, sdk: (await sdk.client.listTools()).tools };
}

describe('tools/list from the prepared catalogue', () => {
  it('lists built-in and upstream tools exactly as the SDK does', async () => {
    const { ours, sdk } = await bothListings([
      greet,
      raw('plain'),
      raw('full', {
        title: 'Full',
        annotations: { readOnlyHint: true },
        outputSchema: { type: 'object', properties: { n: { type: 'number' } } },
        _meta: { 'example.com/x': 1 },
      }),
    ]);
    expect(ours).toEqual(sdk);
    expect(ours.map((tool) => tool.name)).toEqual(['greet', 'plain', 'full']);
  });

  it('leaves the listing to the SDK when it would change a schema (an output root without type)', async () => {
    const { ours, sdk } = await bothListings([raw('untyped', { outputSchema: { properties: { n: { type: 'number' } } } })]);
    expect(ours).toEqual(sdk);
    expect(ours[0]?.outputSchema).toMatchObject({ type: 'object' });
  });
});

describe('listed entries', () => {
  it('hold unfrozen copies of frozen schemas (JSON.stringify of frozen objects is slower), equal in content', async () => {
    const { listedTool } = await import('./tool-listing.js');
    const inputSchema = Object.freeze({ type: 'object', properties: Object.freeze({ text: Object.freeze({ type: 'string' }) }) }) as never;
    const outputSchema = Object.freeze({ type: 'object' }) as never;
    const { tool } = listedTool({ name: 'echo', inputSchema, outputSchema });
    expect(tool.inputSchema).toEqual(inputSchema);
    expect(Object.isFrozen(tool.inputSchema)).toBe(false);
    expect(Object.isFrozen((tool.inputSchema.properties as Record<string, object>).text)).toBe(false);
    expect(Object.isFrozen(tool.outputSchema)).toBe(false);
  });
});
