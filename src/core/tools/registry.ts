import type { CallToolResult, McpServer, RegisteredTool, ServerContext, StandardSchemaWithJSON, Tool, ToolAnnotations } from '@modelcontextprotocol/server';
import { passThroughSchema, precompileSchema } from './precompiled-schema.js';
import type { JsonSchemaObject } from './precompiled-schema.js';
import { TOOL_REGISTRY_ERROR_CODES, ToolRegistryError } from './registry-error.js';
import { safeRun } from './safe-run.js';
import { listedTool, serveToolList, type ListedTool } from './tool-listing.js';
import type { AnyToolDefinition, RawToolDefinition, ToolProvider } from './types.js';

/** One tool as the REST `GET /tools` lists it: the same fields and input schema `tools/list` gives. */
export interface ToolDescription {
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly inputSchema: JsonSchemaObject;
  readonly annotations?: ToolAnnotations;
}

export interface ToolRegistryOptions {
  /** Where unexpected tool failures are logged (one line each). Defaults to stderr. */
  readonly log?: (line: string) => void;
}

/** Everything `registerTool` needs for one tool, built once when its provider is added. */
interface PreparedTool {
  readonly definition: AnyToolDefinition;
  readonly description: ToolDescription;
  readonly config: {
    title?: string;
    description?: string;
    inputSchema: StandardSchemaWithJSON<Record<string, unknown>, Record<string, unknown>>;
    outputSchema?: StandardSchemaWithJSON<Record<string, unknown>, Record<string, unknown>>;
    annotations?: ToolAnnotations;
    _meta?: Record<string, unknown>;
  };
  readonly handler: (args: Record<string, unknown>, ctx: ServerContext) => Promise<CallToolResult>;
  /** Its `tools/list` entry. */
  readonly listed: ListedTool;
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
  #definitions: readonly AnyToolDefinition[] = [];
  /** The `tools/list` entries of the catalogue; undefined when the SDK must list it (see {@link listedTool}). */
  #listing: readonly Tool[] | undefined = [];
  /** Servers whose `tools/list` this registry answers. */
  readonly #listedOn = new WeakSet<McpServer>();
  /** Tools registered on each live server (sessions, stdio), so a change can be applied to it. */
  readonly #registered = new WeakMap<McpServer, Map<string, { tool: PreparedTool; handle: RegisteredTool }>>();
  readonly #listeners = new Set<() => void>();

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

  /**
   * Reads a provider's tools again (the gateway's catalogue changed), keeping
   * its place; listeners hear of it, and live servers brought up to date with
   * {@link syncOn} send their clients `notifications/tools/list_changed`.
   * @throws ToolRegistryError as {@link add} does; the old tools stay then.
   */
  replace(provider: ToolProvider): this {
    const old = this.#entries.get(provider.id);
    if (old === undefined) return this.add(provider);
    for (const tool of old.tools) this.#owners.delete(tool.definition.name);
    try {
      const definitions = provider.tools();
      this.#checkNames(provider.id, definitions);
      this.#entries.set(provider.id, { provider, tools: definitions.map((definition) => prepare(definition, this.#log)) });
    } finally {
      for (const tool of this.#entries.get(provider.id)!.tools) this.#owners.set(tool.definition.name, provider.id);
    }
    this.#rebuild();
    return this;
  }

  /** Called after every change of the catalogue (add, remove, replace). */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The registered providers, in the order they were added. */
  providers(): readonly ToolProvider[] {
    return [...this.#entries.values()].map((entry) => entry.provider);
  }

  /** Every tool of every provider, in the order they were added. */
  tools(): readonly AnyToolDefinition[] {
    return this.#definitions;
  }

  /** Plain JSON description of every tool, for the REST `GET /tools`. */
  describe(): readonly ToolDescription[] {
    return this.#descriptions;
  }

  /** Registers every tool on `server`, then lets each provider add its resources and prompts. */
  registerOn(server: McpServer): void {
    for (const tool of this.#prepared) server.registerTool(tool.definition.name, tool.config, tool.handler);
    this.#serveList(server);
    for (const provider of this.#extenders) provider.extend?.(server);
  }

  /**
   * Like {@link registerOn}, for a server that lives on (a session, stdio):
   * remembers what it registered, so {@link syncOn} can later apply a change.
   */
  attach(server: McpServer): void {
    const registered = new Map<string, { tool: PreparedTool; handle: RegisteredTool }>();
    for (const tool of this.#prepared) registered.set(tool.definition.name, { tool, handle: server.registerTool(tool.definition.name, tool.config, tool.handler) });
    this.#registered.set(server, registered);
    this.#serveList(server);
    for (const provider of this.#extenders) provider.extend?.(server);
  }

  /** Brings a server given to {@link attach} up to date: tools gone are removed, new or changed ones registered. */
  syncOn(server: McpServer): void {
    const registered = this.#registered.get(server);
    if (registered === undefined) return;
    const wanted = new Map(this.#prepared.map((tool) => [tool.definition.name, tool]));
    for (const [name, entry] of registered) {
      if (wanted.get(name) === entry.tool) continue;
      entry.handle.remove();
      registered.delete(name);
    }
    for (const [name, tool] of wanted) {
      if (!registered.has(name)) registered.set(name, { tool, handle: server.registerTool(name, tool.config, tool.handler) });
    }
    this.#serveList(server);
    for (const provider of this.#extenders) provider.extend?.(server);
  }

  /**
   * Answers `tools/list` on `server` from the prepared entries (the SDK's
   * handler, set up with the first tool, converts every schema per request).
   * A server already answered from them stays so even when the SDK would
   * have listed the new catalogue itself (its handler cannot be put back).
   */
  #serveList(server: McpServer): void {
    if (this.#prepared.length === 0) return;
    if (this.#listing === undefined && !this.#listedOn.has(server)) return;
    serveToolList(server, this.#listing ?? this.#prepared.map((tool) => tool.listed.tool));
    this.#listedOn.add(server);
  }

  #checkNames(providerId: string, definitions: readonly AnyToolDefinition[]): void {
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
    this.#listing = this.#prepared.every((tool) => tool.listed.exact) ? Object.freeze(this.#prepared.map((tool) => tool.listed.tool)) : undefined;
    for (const listener of this.#listeners) listener();
  }
}

function prepare(definition: AnyToolDefinition, log: ((line: string) => void) | undefined): PreparedTool {
  if ('raw' in definition) return prepareRaw(definition);
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
    listed: listedTool({ name: definition.name, ...title, description: definition.description, inputSchema: schema.json, ...annotations }),
  };
}

/** An upstream's tool: its JSON Schemas listed as given, its handler already answers with tool errors. */
function prepareRaw(definition: RawToolDefinition): PreparedTool {
  const { name, title, description, inputSchema, outputSchema, annotations, _meta } = definition;
  const optional = {
    ...(title !== undefined ? { title } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(annotations !== undefined ? { annotations } : {}),
  };
  const config: PreparedTool['config'] = {
    ...optional,
    inputSchema: passThroughSchema(inputSchema),
    ...(outputSchema !== undefined ? { outputSchema: passThroughSchema(outputSchema) } : {}),
    ...(_meta !== undefined ? { _meta: { ..._meta } } : {}),
  };
  return {
    definition,
    description: Object.freeze({ name, ...optional, inputSchema }),
    config,
    handler: (args, ctx) => definition.run(args, ctx),
    listed: listedTool({ name, ...optional, inputSchema, ...(outputSchema !== undefined ? { outputSchema } : {}), ...(config._meta !== undefined ? { _meta: config._meta } : {}) }),
  };
}
