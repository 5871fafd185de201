import type { Client } from '@modelcontextprotocol/client';
import { McpServer, ResourceTemplate, type Prompt, type Resource, type ResourceTemplateType } from '@modelcontextprotocol/server';
import { passThroughSchema } from '../tools/precompiled-schema.js';
import { combinedToolName } from './tool-names.js';

/** An upstream's prompts, resources and resource templates, as last listed. */
export interface UpstreamExtras {
  readonly prompts: readonly Prompt[];
  readonly resources: readonly Resource[];
  readonly templates: readonly ResourceTemplateType[];
}

export const NO_EXTRAS: UpstreamExtras = { prompts: [], resources: [], templates: [] };

const MAX_ITEMS = 10_000;

async function allPages<T>(list: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string | undefined }>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await list(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined && items.length < MAX_ITEMS);
  return items;
}

const withCursor = (cursor: string | undefined) => (cursor !== undefined ? { cursor } : undefined);

/** Lists what the upstream says it has (its capabilities), every page. */
export async function listExtras(client: Client): Promise<UpstreamExtras> {
  const capabilities = client.getServerCapabilities() ?? {};
  const prompts = capabilities.prompts
    ? await allPages(async (cursor) => {
        const page = await client.listPrompts(withCursor(cursor));
        return { items: page.prompts, nextCursor: page.nextCursor };
      })
    : [];
  const resources = capabilities.resources
    ? await allPages(async (cursor) => {
        const page = await client.listResources(withCursor(cursor));
        return { items: page.resources, nextCursor: page.nextCursor };
      })
    : [];
  const templates = capabilities.resources
    ? await allPages(async (cursor) => {
        const page = await client.listResourceTemplates(withCursor(cursor));
        return { items: page.resourceTemplates, nextCursor: page.nextCursor };
      })
    : [];
  return { prompts, resources, templates };
}

/** One upstream's extras and how to reach it now. */
export interface ExtrasSource {
  readonly server: string;
  readonly extras: UpstreamExtras;
  /** The connected client, or throws an error naming the upstream. */
  readonly client: () => Client;
}

type Handle = { remove(): void };

/** Prompt arguments as the JSON Schema the SDK lists them from (`properties` + `required`). */
function argumentsSchema(prompt: Prompt): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const argument of prompt.arguments ?? []) {
    properties[argument.name] = { type: 'string', ...(argument.description !== undefined ? { description: argument.description } : {}) };
  }
  const required = (prompt.arguments ?? []).filter((argument) => argument.required === true).map((argument) => argument.name);
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
}

/**
 * The upstreams' prompts (served as `NAME__prompt`), resources and resource
 * templates (their URIs unchanged; when two upstreams offer the same URI the
 * first keeps it), registered on each MCP server instance and kept in step on
 * live ones: `sync(server)` removes what went away and adds what is new.
 */
export function createExtrasRegistrar(log: (line: string) => void) {
  const registered = new WeakMap<McpServer, Map<string, { source: UpstreamExtras; handle: Handle }>>();

  function wanted(sources: readonly ExtrasSource[]) {
    const items = new Map<string, { source: UpstreamExtras; register: (server: McpServer) => Handle }>();
    const uris = new Set<string>();
    for (const { server: upstream, extras, client } of sources) {
      for (const prompt of extras.prompts) {
        const name = combinedToolName(upstream, prompt.name);
        items.set(`prompt:${name}`, {
          source: extras,
          register: (server) =>
            server.registerPrompt(
              name,
              {
                ...(prompt.title !== undefined ? { title: prompt.title } : {}),
                ...(prompt.description !== undefined ? { description: prompt.description } : {}),
                argsSchema: passThroughSchema(argumentsSchema(prompt)),
              },
              async (args: Record<string, unknown>) => client().getPrompt({ name: prompt.name, arguments: args as Record<string, string> }),
            ),
        });
      }
      for (const resource of extras.resources) {
        if (uris.has(resource.uri)) {
          log(`[gateway] resource ${resource.uri} of \`${upstream}\` is also offered by another upstream; the first one serves it`);
          continue;
        }
        uris.add(resource.uri);
        const { uri, name, ...metadata } = resource;
        items.set(`resource:${uri}`, {
          source: extras,
          register: (server) => server.registerResource(combinedToolName(upstream, name), uri, metadata, async (url) => client().readResource({ uri: url.href })),
        });
      }
      for (const template of extras.templates) {
        const name = combinedToolName(upstream, template.name);
        const { uriTemplate, name: _name, ...metadata } = template;
        items.set(`template:${name}`, {
          source: extras,
          register: (server) =>
            server.registerResource(name, new ResourceTemplate(uriTemplate, { list: undefined }), metadata, async (url) => client().readResource({ uri: url.href })),
        });
      }
    }
    return items;
  }

  return {
    /** Brings `server` in step with the extras of `sources` (first call: registers them all). */
    sync(server: McpServer, sources: readonly ExtrasSource[]): void {
      const have = registered.get(server) ?? new Map<string, { source: UpstreamExtras; handle: Handle }>();
      registered.set(server, have);
      const want = wanted(sources);
      for (const [key, item] of have) {
        if (want.get(key)?.source === item.source) continue;
        item.handle.remove();
        have.delete(key);
      }
      for (const [key, item] of want) {
        if (have.has(key)) continue;
        try {
          have.set(key, { source: item.source, handle: item.register(server) });
        } catch (error) {
          log(`[gateway] cannot serve ${key}: ${(error as Error).message}`);
        }
      }
    },
  };
}
