import type { CallToolResult, McpServer, ServerContext, StandardSchemaWithJSON, ToolAnnotations } from '@modelcontextprotocol/server';
import { precompileSchema } from './precompiled-schema.js';
import type { JsonSchemaObject } from './precompiled-schema.js';
import { TOOL_REGISTRY_ERROR_CODES, ToolRegistryError } from './registry-error.js';
import { safeRun } from './safe-run.js';
import type { ToolDefinition, ToolProvider } from './types.js';

/** One tool as the REST `GET /tools` lists it: the same fields and input schema `tools/list` gives. */
export interface ToolDescription {
  readonly name: string;
  readonly title?: string;
  readonly description: string;
  readonly inputSchema: JsonSchemaObject;
  readonly annotations?: ToolAnnotations;
}

export interface ToolRegistryOptions {
  /** Where unexpected tool failures are logged (one line each). Defaults to stderr. */
  readonly log?: (line: string) => void;
}

/** Everything `registerTool` needs for one tool, built once when its provider is added. */
interface PreparedTool {
  readonly definition: ToolDefinition;
  readonly description: ToolDescription;
  readonly config: {
    title?: string;
    description: string;
    inputSchema: StandardSchemaWithJSON<Record<string, unknown>, Record<string, unknown>>;
    annotations?: ToolAnnotations;
  };
  readonly handler: (args: Record<string, unknown>, ctx: ServerContext) => Promise<CallToolResult>;
}

interface ProviderEntry {
  readonly provider: ToolProvider;
  readonly tools: readonly PreparedTool[];
}

/**
 * Tool names per MCP 2025-11-25 (server/tools, "Tool names"): 1–128 characters
 * from ASCII letters, digits, `_`, `-` and `.`. The spec says SHOULD; the
 * registry enforces it so every client can call every tool.
 */
const TOOL_NAME = /^[A-Za-z0-9_.-]{1,128}$/;

/**
 * The tools `/mcp`, stdio and `GET /tools` serve, grouped by provider.
 *
 * A provider's `tools()` is read once, when it is added: names are checked,
 * JSON Schemas converted and handlers wrapped then, so {@link registerOn},
 * which runs for every HTTP request when serving statelessly, only hands
 * prepared objects to the SDK. To change a provider's tools, remove it and
 * add it again.
 */
export class ToolRegistry {
  readonly #entries = new Map<string, ProviderEntry>();
  readonly #owners = new Map<string, string>();
  readonly #log: ((line: string) => void) | undefined;
  #prepared: readonly PreparedTool[] = [];
  #extenders: readonly ToolProvider[] = [];
  #descriptions: readonly ToolDescription[] = [];
  #definitions: readonly ToolDefinition[] = [];

  constructor(providers: Iterable<ToolProvider> = [], options: ToolRegistryOptions = {}) {
    this.#log = options.log;
    for (const provider of providers) this.add(provider);
  }

  /**
   * Adds a provider and its tools.
   * @throws ToolRegistryError when the provider id is taken, a tool name is
   *   invalid, or a tool name is already served by any provider. Nothing is added then.
   */
  add(provider: ToolProvider): this {
    if (this.#entries.has(provider.id)) {
      throw new ToolRegistryError(
        TOOL_REGISTRY_ERROR_CODES.duplicateProvider,
        `A tool provider with id "${provider.id}" is already registered.`,
      );
    }
    const definitions = provider.tools();
    this.#checkNames(provider.id, definitions);
    const tools = definitions.map((definition) => prepare(definition, this.#log));
    this.#entries.set(provider.id, { provider, tools });
    for (const tool of definitions) this.#owners.set(tool.name, provider.id);
    this.#rebuild();
    return this;
  }

  /** Removes a provider and its tools. Returns false when no provider has this id. */
  remove(id: string): boolean {
    const entry = this.#entries.get(id);
    if (!entry) return false;
    for (const tool of entry.tools) this.#owners.delete(tool.definition.name);
    this.#entries.delete(id);
    this.#rebuild();
    return true;
  }

  /** The registered providers, in the order they were added. */
  providers(): readonly ToolProvider[] {
    return [...this.#entries.values()].map((entry) => entry.provider);
  }

  /** Every tool of every provider, in the order they were added. */
  tools(): readonly ToolDefinition[] {
    return this.#definitions;
  }

  /** Plain JSON description of every tool, for the REST `GET /tools`. */
  describe(): readonly ToolDescription[] {
    return this.#descriptions;
  }

  /** Registers every tool on `server`, then lets each provider add its resources and prompts. */
  registerOn(server: McpServer): void {
    for (const tool of this.#prepared) server.registerTool(tool.definition.name, tool.config, tool.handler);
    for (const provider of this.#extenders) provider.extend?.(server);
  }

  #checkNames(providerId: string, definitions: readonly ToolDefinition[]): void {
    const seen = new Set<string>();
    for (const { name } of definitions) {
      if (!TOOL_NAME.test(name)) {
        throw new ToolRegistryError(
          TOOL_REGISTRY_ERROR_CODES.invalidName,
          `Tool name ${JSON.stringify(name)} from provider "${providerId}" is invalid: use 1–128 characters from A–Z, a–z, 0–9, "_", "-" and ".".`,
        );
      }
      const owner = seen.has(name) ? providerId : this.#owners.get(name);
      if (owner !== undefined) {
        throw new ToolRegistryError(
          TOOL_REGISTRY_ERROR_CODES.duplicateTool,
          `Tool "${name}" from provider "${providerId}" clashes with the tool of the same name from provider "${owner}".`,
        );
      }
      seen.add(name);
    }
  }

  #rebuild(): void {
    const entries = [...this.#entries.values()];
    this.#prepared = Object.freeze(entries.flatMap((entry) => entry.tools));
    this.#extenders = Object.freeze(entries.map((entry) => entry.provider).filter((provider) => provider.extend));
    this.#descriptions = Object.freeze(this.#prepared.map((tool) => tool.description));
    this.#definitions = Object.freeze(this.#prepared.map((tool) => tool.definition));
  }
}

function prepare(definition: ToolDefinition, log: ((line: string) => void) | undefined): PreparedTool {
  const schema = precompileSchema(definition.inputSchema);
  const title = definition.title !== undefined ? { title: definition.title } : {};
  const annotations = definition.annotations !== undefined ? { annotations: definition.annotations } : {};
  return {
    definition,
    description: Object.freeze({
      name: definition.name,
      ...title,
      description: definition.description,
      inputSchema: schema.json,
      ...annotations,
    }),
    config: { ...title, description: definition.description, inputSchema: schema.standard, ...annotations },
    handler: safeRun(definition, log),
  };
}
