import type { UpstreamSignInView } from '../../shared/gateway-types.js';
import { writeFileAtomic } from '../config/atomic-write.js';
import { readRegularFile } from '../config/read-regular-file.js';
import { withKeyIndexLock } from '../keys/key-index.js';

/**
 * `logins.json`: what the toolkit holds of each remote server's sign-in, by
 * server name — facts about the tokens (issuer, account, scopes, expiry,
 * state), never a token or a client secret. The tokens are in the keychain;
 * this file lets every process answer "who is signed in where" without
 * touching the keychain, and lets a process see another's sign-in (the file
 * is watched).
 */
export interface LoginIndexEntry extends UpstreamSignInView {
  /** When the entry last changed (ms since the epoch). */
  readonly updatedAt: number;
}

export type LoginIndex = Map<string, LoginIndexEntry>;

const INDEX_VERSION = 1;
const MAX_INDEX_BYTES = 1024 * 1024;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function timeOf(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  return Number.isFinite(time) ? time : undefined;
}

function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function entryOf(value: unknown): LoginIndexEntry | undefined {
  if (!isRecord(value) || (value.state !== 'signed-in' && value.state !== 'needs-sign-in')) return undefined;
  const updatedAt = timeOf(value.updatedAt);
  if (updatedAt === undefined) return undefined;
  const scopes = Array.isArray(value.scopes) ? value.scopes.filter((scope): scope is string => typeof scope === 'string') : [];
  const fields = {
    reason: optionalText(value.reason),
    issuer: optionalText(value.issuer),
    subject: optionalText(value.subject),
    expiresAt: timeOf(value.expiresAt),
  };
  const present = Object.fromEntries(Object.entries(fields).filter(([, field]) => field !== undefined));
  return { state: value.state, scopes, updatedAt, ...present };
}

/**
 * Reads the index: a missing, oversized or malformed file reads as empty (it
 * only mirrors the keychain, and the next sign-in rewrites it); malformed
 * entries are skipped.
 */
export async function readLoginIndex(file: string): Promise<LoginIndex> {
  const read = await readRegularFile(file, MAX_INDEX_BYTES).catch(() => ({ kind: 'missing' }) as const);
  if (read.kind !== 'text') return new Map();
  let parsed: unknown;
  try {
    parsed = JSON.parse(read.text);
  } catch {
    return new Map();
  }
  const servers = isRecord(parsed) && isRecord(parsed.servers) ? parsed.servers : {};
  const index: LoginIndex = new Map();
  for (const [name, value] of Object.entries(servers)) {
    const entry = entryOf(value);
    if (entry) index.set(name, entry);
  }
  return index;
}

function serialize(index: LoginIndex): string {
  const servers: Record<string, unknown> = {};
  for (const name of [...index.keys()].sort()) {
    const { expiresAt, updatedAt, ...rest } = index.get(name)!;
    servers[name] = {
      ...rest,
      ...(expiresAt !== undefined ? { expiresAt: new Date(expiresAt).toISOString() } : {}),
      updatedAt: new Date(updatedAt).toISOString(),
    };
  }
  return `${JSON.stringify({ version: INDEX_VERSION, servers }, null, 2)}\n`;
}

/**
 * Changes one server's entry under the index lock (processes changing it at
 * the same moment never lose each other's change): `entry` replaces it,
 * `undefined` removes it. Returns the whole index as written.
 */
export function updateLoginIndex(file: string, name: string, entry: LoginIndexEntry | undefined): Promise<LoginIndex> {
  return withKeyIndexLock(file, async () => {
    const index = await readLoginIndex(file);
    if (entry === undefined) {
      if (!index.delete(name)) return index;
    } else index.set(name, entry);
    await writeFileAtomic(file, serialize(index));
    return index;
  });
}

/** The view of an entry (the contract's `UpstreamSignInView`, without `updatedAt`). */
export function viewOf(entry: LoginIndexEntry): UpstreamSignInView {
  const { updatedAt: _updatedAt, ...view } = entry;
  return view;
}

/** True when two entries say the same (used to tell another process's change from ours). */
export function sameEntry(a: LoginIndexEntry | undefined, b: LoginIndexEntry | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (
    a.state === b.state &&
    a.reason === b.reason &&
    a.issuer === b.issuer &&
    a.subject === b.subject &&
    a.expiresAt === b.expiresAt &&
    a.updatedAt === b.updatedAt &&
    a.scopes.join(' ') === b.scopes.join(' ')
  );
}
