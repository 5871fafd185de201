import type { UpstreamSignInView } from '../../shared/gateway-types.js';
import { writeFileAtomic } from '../config/atomic-write.js';
import { readRegularFile } from '../config/read-regular-file.js';
import { moveAside } from '../config/settings-file.js';
import { upstreamNameProblem } from '../gateway/upstream-spec.js';
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

export type LoginIndexParse = { readonly ok: true; readonly index: LoginIndex } | { readonly ok: false; readonly problem: string };

/**
 * Parses `logins.json`. Not JSON, or no `servers` object: the file is not an
 * index (`problem` completes "<file> …"). An entry with a bad name or field
 * is skipped alone; the others are kept.
 */
export function parseLoginIndex(text: string): LoginIndexParse {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    // The parser's message may quote the file; it is left out on purpose.
    return { ok: false, problem: 'is not valid JSON' };
  }
  if (!isRecord(parsed) || !isRecord(parsed.servers)) return { ok: false, problem: 'has no "servers" object' };
  const index: LoginIndex = new Map();
  for (const [name, value] of Object.entries(parsed.servers)) {
    const entry = upstreamNameProblem(name) === undefined ? entryOf(value) : undefined;
    if (entry) index.set(name, entry);
  }
  return { ok: true, index };
}

type LoadedIndex =
  | { readonly kind: 'index'; readonly index: LoginIndex }
  /** Not an index (or not a regular file, or too large): moved aside. */
  | { readonly kind: 'corrupt'; readonly problem: string }
  /** The file system refused the read (`EACCES`, `EISDIR`…): left alone. */
  | { readonly kind: 'unreadable'; readonly problem: string };

async function loadIndex(file: string): Promise<LoadedIndex> {
  let read;
  try {
    read = await readRegularFile(file, MAX_INDEX_BYTES);
  } catch (error) {
    return { kind: 'unreadable', problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  if (read.kind === 'missing') return { kind: 'index', index: new Map() };
  if (read.kind === 'refused') return { kind: 'corrupt', problem: read.problem };
  const parsed = parseLoginIndex(read.text);
  return parsed.ok ? { kind: 'index', index: parsed.index } : { kind: 'corrupt', problem: parsed.problem };
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

export interface LoginIndexFileOptions {
  readonly file: string;
  readonly log: (line: string) => void;
  /** Clock for the name of a moved-aside file. */
  readonly now?: () => Date;
}

/** `change` answers the server's new entry from its current one (`undefined`: no entry). */
export type LoginIndexChange = (current: LoginIndexEntry | undefined) => LoginIndexEntry | undefined | Promise<LoginIndexEntry | undefined>;

export interface LoginIndexFile {
  /** The index; empty when the file is absent, corrupt (then moved aside) or unreadable. */
  read(): Promise<LoginIndex>;
  /**
   * Changes one server's entry under the index lock (processes changing it at
   * the same moment never lose each other's change). Returns the whole index
   * as written and whether the entry changed (nothing is written if not).
   */
  update(name: string, change: LoginIndexChange): Promise<{ readonly index: LoginIndex; readonly changed: boolean }>;
}

/**
 * `logins.json` for one process. A corrupt file (not JSON, no `servers`
 * object, too large, a FIFO or device) is never overwritten: under the lock
 * it is moved to `logins.json.corrupt-<timestamp>` (the settings file's
 * helper), one line is logged, and the index starts empty. Nothing is lost:
 * the sign-ins are in the keychain, and a server's entry comes back at its
 * next sign-in, refresh or use (see the login book). An unreadable file is
 * left in place and reported once; changing the index then fails.
 */
export function openLoginIndex({ file, log, now = () => new Date() }: LoginIndexFileOptions): LoginIndexFile {
  /** Problems already logged by this process (an unreadable file would otherwise be reported at every read). */
  const reported = new Set<string>();
  const reportOnce = (line: string): void => {
    if (reported.has(line)) return;
    reported.add(line);
    log(line);
  };

  async function setAside(problem: string): Promise<void> {
    let movedTo: string;
    try {
      movedTo = await moveAside(file, now());
    } catch (error) {
      throw new Error(`${file} ${problem} and could not be moved aside (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
    }
    log(`[upstream-login] ${file} ${problem}; it was moved to ${movedTo} and the index of sign-ins starts empty (the sign-ins themselves are in the keychain)`);
  }

  /** The index under the lock: a corrupt file is moved aside first. */
  async function loadLocked(): Promise<LoginIndex> {
    const loaded = await loadIndex(file);
    if (loaded.kind === 'index') return loaded.index;
    if (loaded.kind === 'unreadable') throw new Error(`${file} ${loaded.problem}`);
    await setAside(loaded.problem);
    return new Map();
  }

  return {
    async read() {
      const loaded = await loadIndex(file);
      if (loaded.kind === 'index') return loaded.index;
      if (loaded.kind === 'corrupt') {
        // Checked again under the lock: another process may have replaced or moved it meanwhile.
        return withKeyIndexLock(file, loadLocked).catch((error: unknown) => {
          reportOnce(`[upstream-login] ${(error as Error).message}`);
          return new Map();
        });
      }
      reportOnce(`[upstream-login] ${file} ${loaded.problem}; the index of sign-ins reads as empty`);
      return new Map();
    },
    update(name, change) {
      return withKeyIndexLock(file, async () => {
        const index = await loadLocked();
        const before = index.get(name);
        const after = await change(before);
        if (sameEntry(before, after)) return { index, changed: false };
        if (after === undefined) index.delete(name);
        else index.set(name, after);
        await writeFileAtomic(file, serialize(index));
        return { index, changed: true };
      });
    },
  };

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
