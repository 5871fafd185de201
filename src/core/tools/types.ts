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

/** A source of tools. `/tools`, `/mcp` and stdio all serve the same providers. */
export interface ToolProvider {
  readonly id: string;
  tools(): readonly ToolDefinition[];
  /** Optional extra MCP surface (resources, prompts) registered on each server instance. */
  extend?(server: McpServer): void;
}
