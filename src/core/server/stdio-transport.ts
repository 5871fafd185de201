import type { Readable, Writable } from 'node:stream';
import { ProtocolErrorCode, STDIO_DEFAULT_MAX_BUFFER_SIZE, serializeMessage } from '@modelcontextprotocol/server';
import type { JSONRPCMessage, RequestId, Transport } from '@modelcontextprotocol/server';
import { leadingRequestId, readJsonRpcLine } from './jsonrpc-line.js';
import { LineSplitter, type SplitLine } from './line-splitter.js';

/** Limits of the stdio transport; the defaults are documented in the README. */
export interface StdioTransportOptions {
  /** A longer line is answered with -32600 and discarded (never buffered whole). Default: the SDK's 10 MiB. */
  readonly maxLineBytes?: number;
  /** Reading stops while this many reply bytes wait for stdout to drain. Default 1 MiB. */
  readonly maxQueuedBytes?: number;
  /**
   * Reading stops while this many requests are unanswered. Default 128. (A request that waits on
   * the client, such as sampling, would hold a slot; our tools send none.)
   */
  readonly maxInFlight?: number;
  /** After stdin ends, how long pending replies may take to be written before giving up. Default 15 s. */
  readonly endGraceMs?: number;
  readonly log?: (line: string) => void;
}

/** How the transport ended normally: stdin reached EOF and every reply was written, or `close()` was called. */
export type StdioEnd = 'eof' | 'closed';

export type StdioTransportErrorCode = 'STDIN_FAILED' | 'STDOUT_FAILED' | 'REPLIES_UNSENT' | 'SERVER_CLOSED';

/** The stdio connection failed: the process must not report success. */
export class StdioTransportError extends Error {
  override readonly name = 'StdioTransportError';

  constructor(
    readonly code: StdioTransportErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** After the first 100 refused lines, only every 1000th is logged. */
const LOGGED_PROBLEMS = 100;
const PROBLEM_LOG_EVERY = 1000;

/**
 * The MCP SDK `Transport` over newline-delimited JSON on stdin/stdout, hardened:
 * a line over `maxLineBytes` or one that is not a JSON-RPC message is answered
 * with a JSON-RPC error when it carries an `id` (an oversized line always is,
 * with `id: null` when its start shows none), logged in one short line, and
 * the next line is served. Reading pauses while replies pile up (stdout not
 * draining, or too many requests in flight) and resumes as they go out. At
 * EOF, pending lines and replies are finished first; `finished` then resolves
 * `'eof'`. A failing stream rejects `finished` with a `StdioTransportError`.
 */
export class LineStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  /** Settles once, when the transport stops (see the class comment). */
  readonly finished: Promise<StdioEnd>;

  private readonly splitter: LineSplitter;
  private readonly maxQueuedBytes: number;
  private readonly maxInFlight: number;
  private readonly endGraceMs: number;
  private readonly log: (line: string) => void;
  private readonly inFlight = new Set<RequestId>();
  private settle!: (outcome: StdioEnd | StdioTransportError) => void;
  private settled = false;
  private inputEnded = false;
  private pumping = false;
  private lineNumber = 0;
  private problems = 0;
  private endTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly stdin: Readable,
    private readonly stdout: Writable,
    options: StdioTransportOptions = {},
  ) {
    this.splitter = new LineSplitter(options.maxLineBytes ?? STDIO_DEFAULT_MAX_BUFFER_SIZE);
    this.maxQueuedBytes = options.maxQueuedBytes ?? 1024 * 1024;
    this.maxInFlight = options.maxInFlight ?? 128;
    this.endGraceMs = options.endGraceMs ?? 15_000;
    this.log = options.log ?? (() => {});
    this.finished = new Promise<StdioEnd>((resolve, reject) => {
      this.settle = (outcome) => (outcome instanceof StdioTransportError ? reject(outcome) : resolve(outcome));
    });
    this.finished.catch(() => {});
  }

  async start(): Promise<void> {
    this.stdin.on('data', this.onData);
    this.stdin.on('end', this.onEnd);
    this.stdin.on('close', this.onStdinClose);
    this.stdin.on('error', this.onStdinError);
    this.stdout.on('error', this.onStdoutError);
    this.stdout.on('drain', this.pump);
    if (this.stdin.readableEnded) setImmediate(this.onEnd);
  }

  send(message: JSONRPCMessage): Promise<void> {
    if (this.settled) return Promise.reject(new Error('stdio transport is closed'));
    if ('id' in message && !('method' in message) && message.id !== undefined) this.inFlight.delete(message.id);
    return this.write(serializeMessage(message));
  }

  async close(): Promise<void> {
    this.stop('closed');
  }

  private readonly onData = (chunk: Buffer | string): void => {
    this.splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    this.pump();
  };

  private readonly onEnd = (): void => {
    if (this.inputEnded || this.settled) return;
    this.inputEnded = true;
    this.endTimer = setTimeout(() => {
      const unsent = `${this.inFlight.size} request(s) unanswered, ${this.stdout.writableLength} byte(s) unwritten`;
      this.stop(new StdioTransportError('REPLIES_UNSENT', `stdin ended but replies were still pending after ${this.endGraceMs} ms (${unsent})`));
    }, this.endGraceMs);
    this.pump();
  };

  private readonly onStdinClose = (): void => {
    if (!this.inputEnded) this.stop(new StdioTransportError('STDIN_FAILED', 'stdin closed before its end was read'));
  };

  private readonly onStdinError = (error: Error): void => {
    this.stop(new StdioTransportError('STDIN_FAILED', `stdin failed: ${describeError(error)}`, { cause: error }));
  };

  private readonly onStdoutError = (error: Error): void => {
    this.stop(new StdioTransportError('STDOUT_FAILED', `stdout failed: ${describeError(error)}`, { cause: error }));
  };

  /** Hands out lines while replies are not piling up; pauses stdin when they are; ends after EOF once all is written. */
  private readonly pump = (): void => {
    if (this.settled || this.pumping) return;
    this.pumping = true;
    try {
      while (!this.settled && !this.backedUp()) {
        const unit = this.splitter.next() ?? (this.inputEnded ? this.splitter.end() : undefined);
        if (unit === undefined) break;
        this.handle(unit);
      }
    } finally {
      this.pumping = false;
    }
    if (this.settled) return;
    if (this.backedUp()) this.stdin.pause();
    else if (!this.inputEnded) this.stdin.resume();
    if (this.inputEnded && this.splitter.isEmpty && this.inFlight.size === 0 && this.stdout.writableLength === 0) this.stop('eof');
  };

  private backedUp(): boolean {
    return this.stdout.writableLength >= this.maxQueuedBytes || this.inFlight.size >= this.maxInFlight;
  }

  private handle(unit: SplitLine): void {
    this.lineNumber++;
    if (unit.kind === 'oversized') {
      const id = leadingRequestId(unit.head) ?? null;
      this.refuse(id, ProtocolErrorCode.InvalidRequest, `Message too large: over ${this.splitter.maxLineBytes} bytes`, `${unit.bytes}-byte line over the ${this.splitter.maxLineBytes}-byte limit`);
      return;
    }
    if (unit.text.trim() === '') return;
    const verdict = readJsonRpcLine(unit.text);
    if (verdict.ok) {
      const { message } = verdict;
      if ('method' in message && 'id' in message) this.inFlight.add(message.id);
      if ('method' in message && message.method === 'notifications/cancelled') this.inFlight.delete(message.params?.requestId as RequestId);
      this.onmessage?.(message);
      return;
    }
    const what = `${Buffer.byteLength(unit.text)}-byte line is ${verdict.reason}`;
    const message = verdict.code === ProtocolErrorCode.ParseError ? 'Parse error' : 'Invalid Request';
    this.refuse(verdict.id, verdict.code, message, what);
  }

  /** Answers a refused line when there is an id to answer, and logs one bounded line without its content. */
  private refuse(id: RequestId | null | undefined, code: ProtocolErrorCode, message: string, what: string): void {
    if (id !== undefined) void this.write(serializeMessage({ jsonrpc: '2.0', id, error: { code, message } } as JSONRPCMessage)).catch(() => {});
    this.problems++;
    if (this.problems > LOGGED_PROBLEMS && this.problems % PROBLEM_LOG_EVERY !== 0) return;
    const answer = id === undefined ? 'no id, not answered' : `answered id ${describeId(id)} with ${code}`;
    const tally = this.problems > LOGGED_PROBLEMS ? ` (${this.problems} refused lines so far; logging every ${PROBLEM_LOG_EVERY}th)` : '';
    this.log(`[stdio] line ${this.lineNumber}: ${what}; ${answer}${tally}`);
  }

  private write(line: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.stdout.write(line, (error) => {
        if (error) {
          this.onStdoutError(error);
          reject(error);
          return;
        }
        resolve();
        this.pump();
      });
    });
  }

  private stop(outcome: StdioEnd | StdioTransportError): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.endTimer);
    this.stdin.off('data', this.onData);
    this.stdin.off('end', this.onEnd);
    this.stdin.off('close', this.onStdinClose);
    this.stdin.pause();
    this.stdout.off('drain', this.pump);
    // The 'error' listeners stay (they do nothing once stopped): a late EPIPE must not crash the process.
    this.settle(outcome);
    this.onclose?.();
  }
}

function describeId(id: RequestId | null): string {
  const text = JSON.stringify(id);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function describeError(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  const text = code ?? error.message;
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}
