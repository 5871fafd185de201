import { McpServer } from '@modelcontextprotocol/server';
import type { CallToolResult } from '@modelcontextprotocol/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineTool } from './define-tool.js';
import { ToolRegistry } from './registry.js';
import { ToolRegistryError } from './registry-error.js';
import { connectInMemory } from './testing/connect-in-memory.js';
import type { InMemoryConnection } from './testing/connect-in-memory.js';
import { ToolFailure, textResult } from './tool-result.js';
import type { ToolProvider } from './types.js';

const greet = defineTool({
  name: 'greet',
  title: 'Greet someone',
  description: 'Says hello.',
  inputSchema: z.object({ name: z.string().min(1).describe('Who to greet') }),
  annotations: { readOnlyHint: true },
  run: async ({ name }) => textResult(`Hello, ${name}!`),
});

const explode = defineTool({
  name: 'explode',
  description: 'Throws an unexpected error.',
  inputSchema: z.object({}),
  run: async () => {
    throw new Error('disk on fire\n    at secret (/home/someone/internal.ts:1:1)');
  },
});

const refuse = defineTool({
  name: 'refuse',
  description: 'Fails on purpose.',
  inputSchema: z.object({}),
  run: async () => {
    throw new ToolFailure('TEST_REFUSED', 'Refused: nothing to do here.');
  },
});

function provider(id: string, ...tools: ReturnType<typeof defineTool>[]): ToolProvider {
  return { id, tools: () => tools };
}

function firstText(result: unknown): string {
  const content = (result as CallToolResult).content[0];
  return content?.type === 'text' ? content.text : '';
}

let connection: InMemoryConnection | undefined;
afterEach(async () => {
  await connection?.close();
  connection = undefined;
});

describe('ToolRegistry', () => {
  it('describes its tools exactly as tools/list lists them', async () => {
    const registry = new ToolRegistry([provider('a', greet), provider('b', explode)]);
    connection = await connectInMemory((server) => registry.registerOn(server));

    const { tools } = await connection.client.listTools();

    expect(registry.describe().map((tool) => tool.name)).toEqual(['greet', 'explode']);
    expect(JSON.parse(JSON.stringify(registry.describe()))).toEqual(
      tools.map(({ name, title, description, inputSchema, annotations }) =>
        JSON.parse(JSON.stringify({ name, title, description, inputSchema, annotations })),
      ),
    );
    expect(registry.describe()[0]?.inputSchema).toMatchObject({
      type: 'object',
      properties: { name: { type: 'string', minLength: 1, description: 'Who to greet' } },
      required: ['name'],
    });
  });

  it('runs a tool with validated arguments', async () => {
    const registry = new ToolRegistry([provider('a', greet)]);
    connection = await connectInMemory((server) => registry.registerOn(server));

    const ok = await connection.client.callTool({ name: 'greet', arguments: { name: 'Ada' } });
    const invalid = await connection.client.callTool({ name: 'greet', arguments: { name: '' } });

    expect(firstText(ok)).toBe('Hello, Ada!');
    expect(invalid.isError).toBe(true);
    expect(firstText(invalid)).toContain('greet');
  });

  it('turns an unexpected throw into a tool error without a stack trace, and logs it', async () => {
    const log = vi.fn<(line: string) => void>();
    const registry = new ToolRegistry([provider('a', explode, refuse)], { log });
    connection = await connectInMemory((server) => registry.registerOn(server));

    const crashed = await connection.client.callTool({ name: 'explode', arguments: {} });
    const refused = await connection.client.callTool({ name: 'refuse', arguments: {} });

    expect(crashed.isError).toBe(true);
    expect(firstText(crashed)).toBe('The tool "explode" failed unexpectedly: disk on fire');
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]?.[0]).toMatch(/^\[tools\] explode failed unexpectedly: Error: disk on fire/);
    expect(refused).toEqual({ content: [{ type: 'text', text: 'Refused: nothing to do here.' }], isError: true });
  });

  it('refuses a tool name already served by another provider, and stays unchanged', () => {
    const registry = new ToolRegistry([provider('first', greet)]);

    const clash = () => registry.add(provider('second', refuse, greet));

    expect(clash).toThrow(ToolRegistryError);
    expect(clash).toThrow('Tool "greet" from provider "second" clashes with the tool of the same name from provider "first".');
    expect(registry.tools().map((tool) => tool.name)).toEqual(['greet']);
    expect(registry.providers().map((p) => p.id)).toEqual(['first']);
  });

  it('refuses duplicate names inside one provider, duplicate provider ids and invalid names', () => {
    const registry = new ToolRegistry();

    expect(() => registry.add(provider('twice', greet, greet))).toThrow(
      expect.objectContaining({ code: 'TOOLS_DUPLICATE_NAME' }),
    );
    registry.add(provider('one', greet));
    expect(() => registry.add(provider('one', refuse))).toThrow(expect.objectContaining({ code: 'TOOLS_DUPLICATE_PROVIDER' }));
    expect(() => registry.add(provider('bad', { ...refuse, name: 'has space' }))).toThrow(
      expect.objectContaining({ code: 'TOOLS_INVALID_NAME' }),
    );
  });

  it('removes a provider with its tools, freeing their names', async () => {
    const registry = new ToolRegistry([provider('a', greet), provider('b', refuse)]);

    expect(registry.remove('a')).toBe(true);
    expect(registry.remove('a')).toBe(false);
    registry.add(provider('c', greet));
    connection = await connectInMemory((server) => registry.registerOn(server));

    const { tools } = await connection.client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(['refuse', 'greet']);
  });

  it('reads tools once and calls every provider extension on each server it registers on', () => {
    const tools = vi.fn(() => [greet]);
    const extend = vi.fn();
    const registry = new ToolRegistry([{ id: 'a', tools, extend }]);

    for (let i = 0; i < 50; i += 1) {
      registry.registerOn(new McpServer({ name: 'per-request', version: '0' }));
    }

    expect(tools).toHaveBeenCalledTimes(1);
    expect(extend).toHaveBeenCalledTimes(50);
  });
});
