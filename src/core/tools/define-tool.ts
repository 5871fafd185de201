import type { z } from 'zod';
import type { ToolDefinition } from './types.js';

/**
 * Declares a tool with its arguments typed from its own schema, and returns it
 * as the plain {@link ToolDefinition} a provider lists. Only a typing aid.
 */
export function defineTool<Schema extends z.ZodObject>(definition: ToolDefinition<Schema>): ToolDefinition {
  return definition as unknown as ToolDefinition;
}
