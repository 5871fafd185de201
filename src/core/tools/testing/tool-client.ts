import type { CallToolResult } from '@modelcontextprotocol/server';
import { ToolRegistry } from '../registry.js';
import type { ToolProvider } from '../types.js';
import { connectInMemory } from './connect-in-memory.js';
import type { InMemoryConnection } from './connect-in-memory.js';

/** What a test usually wants from a `tools/call` result. */
export interface ToolOutcome {
  readonly isError: boolean;
  /** All text blocks joined by a newline. */
  readonly text: string;
  /** The first text block parsed as JSON, or undefined when it is not JSON. */
  readonly json: unknown;
  readonly result: CallToolResult;
}

export interface ToolClient {
  readonly connection: InMemoryConnection;
  call(name: string, args?: Record<string, unknown>): Promise<ToolOutcome>;
  close(): Promise<void>;
}

/** Serves `providers` through a real {@link ToolRegistry} and SDK server, and calls them with a real SDK client. For tests only. */
export async function connectProviders(...providers: ToolProvider[]): Promise<ToolClient> {
  const registry = new ToolRegistry(providers, { log: () => {} });
  const connection = await connectInMemory((server) => registry.registerOn(server));
  return {
    connection,
    close: () => connection.close(),
    call: async (name, args = {}) => {
      const result = (await connection.client.callTool({ name, arguments: args })) as CallToolResult;
      const texts = result.content.flatMap((block) => (block.type === 'text' ? [block.text] : []));
      return { isError: result.isError === true, text: texts.join('\n'), json: parseJson(texts[0]), result };
    },
  };
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
