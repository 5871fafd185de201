import { createHash } from 'node:crypto';

/**
 * Tool names every agent client accepts: the MCP spec allows
 * `[A-Za-z0-9_.-]{1,128}`, but several clients refuse dots and names over 64
 * characters.
 */
export const PORTABLE_TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** Between the server's name and its tool's: `github__create_issue`. */
export const NAME_SEPARATOR = '__';

const MAX_LENGTH = 64;
const HASH_LENGTH = 8;

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, HASH_LENGTH);
}

/**
 * The name an upstream's tool (or prompt) is served under: `SERVER__tool` when
 * that is portable; otherwise the tool part is escaped (every other character
 * becomes `_`) and cut so the whole fits 64 characters, followed by `_` and a
 * short hash of the original tool name, so two tools never share a name and the
 * same tool always gets the same one.
 */
export function combinedToolName(server: string, tool: string): string {
  const plain = `${server}${NAME_SEPARATOR}${tool}`;
  if (PORTABLE_TOOL_NAME.test(plain)) return plain;
  const suffix = `_${shortHash(tool)}`;
  const room = MAX_LENGTH - server.length - NAME_SEPARATOR.length - suffix.length;
  const escaped = tool.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, Math.max(room, 0));
  return `${server}${NAME_SEPARATOR}${escaped}${suffix}`;
}

/** Where a served name leads: which upstream and which of its tools. */
export interface NameTarget {
  readonly server: string;
  readonly tool: string;
}

/**
 * The served names of a set of upstream tools, both ways. A name that only
 * escaping produced (`a.b` → `a_b_…`) can never equal a plain one, since a
 * plain name has no hash suffix unless the tool itself was named so; should two
 * tools still meet, the later one gets the hashed form.
 */
export class ToolNameTable {
  private readonly byServed = new Map<string, NameTarget>();

  add(server: string, tool: string): string {
    let served = combinedToolName(server, tool);
    if (this.byServed.has(served)) served = `${served.slice(0, MAX_LENGTH - HASH_LENGTH - 1)}_${shortHash(`${server}\u0000${tool}`)}`;
    this.byServed.set(served, { server, tool });
    return served;
  }

  target(served: string): NameTarget | undefined {
    return this.byServed.get(served);
  }

  /** Served names that differ from `SERVER__tool` (shown by `servers tools`). */
  renamed(): { served: string; server: string; tool: string }[] {
    return [...this.byServed].filter(([served, t]) => served !== `${t.server}${NAME_SEPARATOR}${t.tool}`).map(([served, t]) => ({ served, ...t }));
  }
}
