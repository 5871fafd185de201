import { createHash } from 'node:crypto';

/**
 * The parts of a tool (or prompt) definition an agent acts on: a change in any
 * of them could turn a trusted tool into a poisoned one ("rug pull").
 */
export interface PinnedDefinition {
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly inputSchema?: unknown;
  readonly outputSchema?: unknown;
  readonly annotations?: unknown;
}

/** JSON with object keys sorted, so equal definitions always hash alike. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A stable fingerprint of what an agent sees of a tool. */
export function definitionHash(definition: PinnedDefinition): string {
  const { name, title, description, inputSchema, outputSchema, annotations } = definition;
  return createHash('sha256').update(canonical({ name, title, description, inputSchema, outputSchema, annotations })).digest('hex');
}

/** What was approved for one server: each tool's definition as last accepted. */
export type ServerPins = Readonly<Record<string, PinnedDefinition>>;

/** How a server's current tools compare with what was approved. */
export interface PinCheck {
  /** Tools served: unchanged since approval, or seen for the first time for this server. */
  readonly allowed: readonly string[];
  /** Tools withheld until the user approves: changed, or new since the first recording. */
  readonly changed: readonly { readonly name: string; readonly before?: PinnedDefinition; readonly after: PinnedDefinition }[];
  /** The pins to keep: the first recording of a server pins all its tools at once. */
  readonly pins: ServerPins;
}

/**
 * Tool pinning, against tool poisoning: the first time a server's tools are
 * seen they are all recorded; afterwards a tool whose definition differs from
 * the recorded one, or a tool that was not there, is withheld until approved
 * (`approve`). Tools that went away are simply not served.
 */
export function checkPins(recorded: ServerPins | undefined, current: readonly PinnedDefinition[]): PinCheck {
  if (recorded === undefined) {
    return { allowed: current.map((t) => t.name), changed: [], pins: Object.fromEntries(current.map((t) => [t.name, t])) };
  }
  const allowed: string[] = [];
  const changed: PinCheck['changed'][number][] = [];
  for (const tool of current) {
    const before = recorded[tool.name];
    if (before !== undefined && definitionHash(before) === definitionHash(tool)) allowed.push(tool.name);
    else changed.push({ name: tool.name, ...(before !== undefined ? { before } : {}), after: tool });
  }
  return { allowed, changed, pins: recorded };
}

/** The pins after the user accepted the current definitions. */
export function approve(current: readonly PinnedDefinition[]): ServerPins {
  return Object.fromEntries(current.map((t) => [t.name, t]));
}
