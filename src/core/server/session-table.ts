import type { McpServer, WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/server';

/** Sessions kept at once across all clients. */
export const DEFAULT_MAX_SESSIONS = 1_000;
/** Sessions one client (one `Principal.clientKey`) may keep at once. */
export const DEFAULT_MAX_SESSIONS_PER_OWNER = 100;

/** One 2025-11-25 Streamable HTTP session and who opened it. */
export interface Session {
  readonly id: string;
  readonly owner: string;
  readonly server: McpServer;
  readonly transport: WebStandardStreamableHTTPServerTransport;
  lastSeen: number;
}

export interface SessionTableOptions {
  /** Most sessions kept at once; when full, the busiest owner's least recently used one makes room. */
  readonly maxSessions: number;
  /** Most sessions one owner keeps at once; its own least recently used one makes room for its next. */
  readonly maxSessionsPerOwner?: number;
  /** Sessions unused for this long are closed by `sweep()`. */
  readonly idleMs: number;
  readonly now?: () => number;
}

/**
 * The live sessions, bounded in number and idle time so memory stays bounded
 * however many clients connect. Each owner has its own cap, and a full table
 * takes room from the owner holding the most sessions, so one client opening
 * sessions in a loop only ever evicts its own. A closed session's id answers
 * 404, after which spec-following clients start a new one.
 *
 * Every operation is O(1): Maps kept in least-recently-used order (globally
 * for the idle sweep, per owner for eviction) and owners grouped by count.
 */
export class SessionTable {
  /** All sessions, least recently used first. */
  private readonly sessions = new Map<string, Session>();
  /** Each owner's sessions, least recently used first. */
  private readonly byOwner = new Map<string, Map<string, Session>>();
  /** Owners by how many sessions they hold (only counts that are held by someone). */
  private readonly ownersByCount = new Map<number, Set<string>>();
  private largestCount = 0;
  private readonly maxSessions: number;
  private readonly maxPerOwner: number;
  private readonly now: () => number;

  constructor(private readonly options: SessionTableOptions) {
    this.maxSessions = positiveInteger('maxSessions', options.maxSessions);
    this.maxPerOwner = Math.min(
      this.maxSessions,
      positiveInteger('maxSessionsPerOwner', options.maxSessionsPerOwner ?? DEFAULT_MAX_SESSIONS_PER_OWNER),
    );
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.sessions.size;
  }

  /** How many sessions `owner` holds. */
  countOf(owner: string): number {
    return this.byOwner.get(owner)?.size ?? 0;
  }

  /** The session with this id, if it is live and belongs to `owner`; marks it used. */
  find(id: string, owner: string): Session | undefined {
    const session = this.sessions.get(id);
    if (session === undefined || session.owner !== owner) return undefined;
    session.lastSeen = this.now();
    // Re-insert so both Maps stay least-recently-used first.
    this.sessions.delete(id);
    this.sessions.set(id, session);
    const own = this.byOwner.get(owner);
    own?.delete(id);
    own?.set(id, session);
    return session;
  }

  add(session: Omit<Session, 'lastSeen'>): void {
    const replaced = this.forget(session.id);
    if (replaced !== undefined && replaced.server !== session.server) void replaced.server.close().catch(() => undefined);
    while (this.countOf(session.owner) >= this.maxPerOwner) {
      if (!this.closeLeastRecentOf(session.owner)) break;
    }
    while (this.sessions.size >= this.maxSessions) {
      const busiest = this.busiestOwner();
      if (busiest === undefined || !this.closeLeastRecentOf(busiest)) break;
    }
    const entry: Session = { ...session, lastSeen: this.now() };
    this.sessions.set(entry.id, entry);
    let own = this.byOwner.get(entry.owner);
    if (own === undefined) {
      own = new Map();
      this.byOwner.set(entry.owner, own);
    }
    this.moveOwner(entry.owner, own.size, own.size + 1);
    own.set(entry.id, entry);
  }

  /** Forgets a session (its transport already closed). */
  remove(id: string): void {
    this.forget(id);
  }

  /** Closes and forgets a session. */
  close(id: string): void {
    const session = this.forget(id);
    if (session !== undefined) void session.server.close().catch(() => undefined);
  }

  /** Closes sessions idle for longer than `idleMs`; returns how many. */
  sweep(): number {
    const cutoff = this.now() - this.options.idleMs;
    let closed = 0;
    for (const session of [...this.sessions.values()]) {
      if (session.lastSeen >= cutoff) break;
      this.close(session.id);
      closed += 1;
    }
    return closed;
  }

  async closeAll(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    this.byOwner.clear();
    this.ownersByCount.clear();
    this.largestCount = 0;
    await Promise.allSettled(all.map((s) => s.server.close()));
  }

  private forget(id: string): Session | undefined {
    const session = this.sessions.get(id);
    if (session === undefined) return undefined;
    this.sessions.delete(id);
    const own = this.byOwner.get(session.owner);
    if (own?.delete(id)) {
      this.moveOwner(session.owner, own.size + 1, own.size);
      if (own.size === 0) this.byOwner.delete(session.owner);
    }
    return session;
  }

  private closeLeastRecentOf(owner: string): boolean {
    const oldest = this.byOwner.get(owner)?.keys().next().value;
    if (oldest === undefined) return false;
    this.close(oldest);
    return true;
  }

  /** An owner holding the most sessions (the one that got there first on a tie). */
  private busiestOwner(): string | undefined {
    return this.ownersByCount.get(this.largestCount)?.values().next().value;
  }

  /** Moves `owner` from the group of owners holding `from` sessions to those holding `to` (a step of one). */
  private moveOwner(owner: string, from: number, to: number): void {
    const group = this.ownersByCount.get(from);
    group?.delete(owner);
    if (group?.size === 0) this.ownersByCount.delete(from);
    if (to > 0) {
      let next = this.ownersByCount.get(to);
      if (next === undefined) {
        next = new Set();
        this.ownersByCount.set(to, next);
      }
      next.add(owner);
    }
    if (to > this.largestCount) this.largestCount = to;
    else if (from === this.largestCount && !this.ownersByCount.has(from)) this.largestCount = to;
  }
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`SessionTable: ${name} must be a positive integer`);
  return value;
}
