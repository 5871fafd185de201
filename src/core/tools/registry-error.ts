/** Stable codes of {@link ToolRegistryError}. */
export const TOOL_REGISTRY_ERROR_CODES = {
  /** Two providers (or one provider twice) offer a tool with the same name. */
  duplicateTool: 'TOOLS_DUPLICATE_NAME',
  /** A provider with this id is already registered. */
  duplicateProvider: 'TOOLS_DUPLICATE_PROVIDER',
  /** A tool name breaks the MCP naming rules. */
  invalidName: 'TOOLS_INVALID_NAME',
} as const;

export type ToolRegistryErrorCode = (typeof TOOL_REGISTRY_ERROR_CODES)[keyof typeof TOOL_REGISTRY_ERROR_CODES];

/** A provider could not be added to the registry. A programming or configuration error, raised when the registry is built. */
export class ToolRegistryError extends Error {
  override readonly name = 'ToolRegistryError';

  constructor(
    readonly code: ToolRegistryErrorCode,
    message: string,
  ) {
    super(message);
  }
}
