import type { CallToolResult, McpServer, ServerContext, ToolAnnotations } from '@modelcontextprotocol/server';
import type { z } from 'zod';

/** One MCP tool: its public description and the function that runs it. */
export interface ToolDefinition<Schema extends z.ZodObject = z.ZodObject> {
  readonly name: string;
  readonly title?: string;
  readonly description: string;
  readonly inputSchema: Schema;
  readonly annotations?: ToolAnnotations;
  /**
   * Runs the tool. Failures the caller can act on are returned as
   * `{ isError: true, content: [...] }` (an MCP tool error), never thrown.
   */
  run(args: z.infer<Schema>, ctx: ServerContext): Promise<CallToolResult>;
}

/**
 * A tool whose schemas are plain JSON Schema from elsewhere (an upstream MCP
 * server behind the gateway): listed exactly as given, arguments passed on
 * unchecked (the upstream validates them), the result returned unchanged.
 */
export interface RawToolDefinition {
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly inputSchema: Readonly<Record<string, unknown>>;
  readonly outputSchema?: Readonly<Record<string, unknown>>;
  readonly annotations?: ToolAnnotations;
  readonly _meta?: Readonly<Record<string, unknown>>;
  readonly raw: true;
  run(args: Record<string, unknown>, ctx: ServerContext): Promise<CallToolResult>;
}

export type AnyToolDefinition = ToolDefinition | RawToolDefinition;

/** A source of tools. `/tools`, `/mcp` and stdio all serve the same providers. */
export interface ToolProvider {
  readonly id: string;
  tools(): readonly AnyToolDefinition[];
  /**
   * Optional extra MCP surface (resources, prompts) registered on each server
   * instance. Called again on live servers (sessions, stdio) when the provider
   * is replaced, so it must bring `server` up to date rather than add twice.
   */
  extend?(server: McpServer): void;
}
