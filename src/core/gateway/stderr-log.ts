import { chmodSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { appendFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/**
 * One upstream's error output, kept bounded for `servers logs NAME` and the
 * UI: the last lines in memory, and a file of at most 1 MiB plus one `.1`
 * rotation under `<state>/logs/`. Writing never throws: when the disk is full
 * or the folder is not writable, the log says so once and keeps memory only.
 */
export interface StderrLogOptions {
  readonly name: string;
  /** The toolkit's state folder; no file is written when absent. */
  readonly stateDir?: string;
  readonly maxLines?: number;
  /** Longer lines are cut to this many characters. */
  readonly maxLineChars?: number;
  readonly maxFileBytes?: number;
  /** Where the log reports its own trouble (e.g. a full disk), once. */
  readonly report?: (line: string) => void;
  readonly now?: () => number;
}

export interface StderrLine {
  /** Position since the log was created: the caller can ask for the lines of one run. */
  readonly seq: number;
  readonly at: number;
  readonly text: string;
}

export interface StderrLog {
  /** Reads `stream` line by line into the log until it ends. */
  attach(stream: Readable): void;
  /** Adds one line (the toolkit's own notes: "started", "exited with code 1"). */
  append(text: string): void;
  /** The last `count` lines (all kept ones when absent), oldest first. */
  tail(count?: number): StderrLine[];
  /** Lines whose `seq` is at least `seq`. */
  since(seq: number): StderrLine[];
  /** The `seq` the next line will get. */
  readonly nextSeq: number;
  /** The file the log writes, or undefined when it keeps memory only. */
  readonly file: string | undefined;
  /** Resolves once every line appended so far is written (or given up on). */
  flush(): Promise<void>;
}

export const STDERR_LOG_LIMITS = { maxLines: 1_000, maxLineChars: 4_096, maxFileBytes: 1024 * 1024 } as const;

const CUT_MARK = ' … (cut)';

/** `<state>/logs/<name>.log`. */
export function stderrLogFile(stateDir: string, name: string): string {
  return join(stateDir, 'logs', `${name}.log`);
}

/**
 * A line as kept: terminal escape sequences removed (colours, cursor moves),
 * other control characters shown as `\uXXXX`, so a line printed by
 * `servers logs` can neither forge lines nor move the terminal.
 */
export function cleanLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  const noEscapes = text.replace(/\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]/g, '');
  // eslint-disable-next-line no-control-regex
  return noEscapes.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function cut(text: string, maxChars: number): string {
  return text.length > maxChars ? `${text.slice(0, maxChars)}${CUT_MARK}` : text;
}

function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}

function existingSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

export function createStderrLog(options: StderrLogOptions): StderrLog {
  const maxLines = options.maxLines ?? STDERR_LOG_LIMITS.maxLines;
  const maxLineChars = options.maxLineChars ?? STDERR_LOG_LIMITS.maxLineChars;
  const maxFileBytes = options.maxFileBytes ?? STDERR_LOG_LIMITS.maxFileBytes;
  const now = options.now ?? Date.now;
  const report = options.report ?? ((line: string) => console.error(line));

  const lines: StderrLine[] = [];
  let nextSeq = 0;
  let file: string | undefined;
  let fileBytes = 0;
  let pending: string[] = [];
  let writing: Promise<void> = Promise.resolve();

  function giveUpFile(error: unknown): void {
    if (file === undefined) return;
    report(`[gateway] cannot write the log of upstream \`${options.name}\` (${errorCode(error)}); keeping its last ${maxLines} lines in memory only`);
    file = undefined;
    pending = [];
  }

  if (options.stateDir !== undefined) {
    const target = stderrLogFile(options.stateDir, options.name);
    try {
      mkdirSync(join(options.stateDir, 'logs'), { recursive: true, mode: 0o700 });
      fileBytes = existingSize(target);
      if (fileBytes > 0) chmodSync(target, 0o600);
      file = target;
    } catch (error) {
      file = target;
      giveUpFile(error);
    }
  }

  async function writeBatch(): Promise<void> {
    const target = file;
    if (target === undefined || pending.length === 0) return;
    const batchLines = pending;
    pending = [];
    // A burst larger than the whole file keeps only its newest lines.
    let bytes = batchLines.reduce((sum, line) => sum + Buffer.byteLength(line), 0);
    let first = 0;
    while (bytes > maxFileBytes && first < batchLines.length - 1) {
      bytes -= Buffer.byteLength(batchLines[first] as string);
      first += 1;
    }
    const batch = batchLines.slice(first).join('');
    try {
      if (fileBytes > 0 && fileBytes + bytes > maxFileBytes) {
        await rename(target, `${target}.1`);
        fileBytes = 0;
      }
      await appendFile(target, batch, { mode: 0o600 });
      fileBytes += bytes;
    } catch (error) {
      giveUpFile(error);
    }
  }

  function keep(text: string): void {
    const line: StderrLine = { seq: nextSeq, at: now(), text: cut(cleanLine(text), maxLineChars) };
    nextSeq += 1;
    lines.push(line);
    if (lines.length > maxLines) lines.splice(0, lines.length - maxLines);
    if (file === undefined) return;
    pending.push(`${new Date(line.at).toISOString()} ${line.text}\n`);
    if (pending.length === 1) writing = writing.then(writeBatch);
  }

  return {
    attach(stream) {
      const decoder = new StringDecoder('utf8');
      let partial = '';
      let skipping = false;
      const take = (chunk: string) => {
        const parts = (partial + chunk).split('\n');
        partial = parts.pop() ?? '';
        for (const part of parts) {
          if (!skipping) keep(part.endsWith('\r') ? part.slice(0, -1) : part);
          skipping = false;
        }
        if (partial.length > maxLineChars) {
          if (!skipping) keep(partial);
          skipping = true;
          partial = '';
        }
      };
      stream.on('data', (chunk: Buffer | string) => take(typeof chunk === 'string' ? chunk : decoder.write(chunk)));
      stream.on('end', () => {
        const rest = partial + decoder.end();
        if (rest !== '' && !skipping) keep(rest);
        partial = '';
      });
      stream.on('error', () => undefined);
    },
    append: keep,
    tail(count) {
      return count === undefined ? [...lines] : lines.slice(Math.max(0, lines.length - count));
    },
    since(seq) {
      return lines.filter((line) => line.seq >= seq);
    },
    get nextSeq() {
      return nextSeq;
    },
    get file() {
      return file;
    },
    flush() {
      return writing;
    },
  };
}

/**
 * The last `count` lines of an upstream's log file (and its rotation), for
 * `servers logs NAME` when the server is not running in this process.
 */
export function readStderrLogFile(stateDir: string, name: string, count: number): string[] {
  const current = stderrLogFile(stateDir, name);
  const read = (file: string) => {
    try {
      return readFileSync(file, 'utf8').split('\n').filter((line) => line !== '');
    } catch {
      return [];
    }
  };
  const newest = read(current);
  if (newest.length >= count) return newest.slice(newest.length - count);
  const older = read(`${current}.1`);
  return [...older, ...newest].slice(-count);
}
