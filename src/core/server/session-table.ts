import type { McpServer, WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/server';

/** One 2025-11-25 Streamable HTTP session and who opened it. */
export interface Session {
  readonly id: string;
  readonly owner: string;
  readonly server: McpServer;
  readonly transport: WebStandardStreamableHTTPServerTransport;
  lastSeen: number;
}

export interface SessionTableOptions {
  /** Most sessions kept at once; the least recently used one is closed to make room. */
  readonly maxSessions: number;
  /** Sessions unused for this long are closed by `sweep()`. */
  readonly idleMs: number;
  readonly now?: () => number;
}

/**
 * The live sessions, bounded in number and idle time so memory stays bounded
 * however many clients connect. A closed session's id answers 404, after which
 * spec-following clients start a new one.
 */
export class SessionTable {
  private readonly sessions = new Map<string, Session>();
  private readonly now: () => number;

  constructor(private readonly options: SessionTableOptions) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.sessions.size;
  }

  /** The session with this id, if it is live and belongs to `owner`; marks it used. */
  find(id: string, owner: string): Session | undefined {
    const session = this.sessions.get(id);
    if (session === undefined || session.owner !== owner) return undefined;
    session.lastSeen = this.now();
    // Re-insert so Map order stays least-recently-used first.
    this.sessions.delete(id);
    this.sessions.set(id, session);
    return session;
  }

  add(session: Omit<Session, 'lastSeen'>): void {
    while (this.sessions.size >= this.options.maxSessions) {
      const oldest = this.sessions.values().next().value;
      if (oldest === undefined) break;
      this.close(oldest.id);
    }
    this.sessions.set(session.id, { ...session, lastSeen: this.now() });
  }

  /** Forgets a session (its transport already closed). */
  remove(id: string): void {
    this.sessions.delete(id);
  }

  /** Closes and forgets a session. */
  close(id: string): void {
    const session = this.sessions.get(id);
    if (session === undefined) return;
    this.sessions.delete(id);
    void session.server.close().catch(() => undefined);
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
    await Promise.allSettled(all.map((s) => s.server.close()));
  }
}
