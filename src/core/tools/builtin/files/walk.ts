import { opendir } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import path from 'node:path';
import { eventLoopTurns } from './event-loop-turns.js';

/** Directories a walk never descends into below its start (search inside them by starting there). */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['node_modules', '.git']);

/** One file or directory met by {@link walk}. */
export interface WalkEntry {
  readonly absolute: string;
  /** Relative to the walk's start, with `/` separators. */
  readonly relative: string;
  readonly name: string;
  readonly isDirectory: boolean;
}

/** Shared, mutable bounds of one search; the first bound hit is kept in `stoppedBecause`. */
export interface WalkBudget {
  visited: number;
  readonly maxVisited: number;
  /** `Date.now()` value after which the walk stops. */
  readonly deadline: number;
  readonly signal?: AbortSignal;
  stoppedBecause?: string;
  /** Symbolic links met and not followed, directories that could not be read. */
  readonly skipped: { symlinks: number; unreadableDirectories: number };
}

export function createWalkBudget(maxVisited: number, timeMs: number, signal?: AbortSignal): WalkBudget {
  return { visited: 0, maxVisited, deadline: Date.now() + timeMs, signal, skipped: { symlinks: 0, unreadableDirectories: 0 } };
}

/** Whether a bound is reached; records why the first time. */
export function budgetExhausted(budget: WalkBudget): boolean {
  if (budget.stoppedBecause) return true;
  if (budget.signal?.aborted) budget.stoppedBecause = 'the request was cancelled';
  else if (budget.visited >= budget.maxVisited) budget.stoppedBecause = `visited the maximum of ${budget.maxVisited} entries`;
  else if (Date.now() > budget.deadline) budget.stoppedBecause = 'reached the time limit';
  return budget.stoppedBecause !== undefined;
}

/**
 * Depth-first walk below `start` (not included), entries in name order.
 * Symbolic links are counted and skipped, never followed, so the walk cannot
 * leave the folder it started in. Hidden entries (`.name`) are skipped unless
 * `includeHidden`; {@link SKIPPED_DIRECTORIES} are never entered. The event
 * loop gets a turn every few milliseconds, counting the time the consumer
 * spends on each entry, so other requests are answered during a long walk.
 */
export async function* walk(start: string, includeHidden: boolean, budget: WalkBudget): AsyncGenerator<WalkEntry> {
  const turn = eventLoopTurns();
  const pending: { absolute: string; relative: string }[] = [{ absolute: start, relative: '' }];
  while (pending.length > 0 && !budgetExhausted(budget)) {
    const directory = pending.pop() as { absolute: string; relative: string };
    const entries = await readEntries(directory.absolute, budget);
    const subdirectories: { absolute: string; relative: string }[] = [];
    for (const entry of entries) {
      await turn();
      if (budgetExhausted(budget)) return;
      budget.visited += 1;
      if (!includeHidden && entry.name.startsWith('.')) continue;
      if (entry.isSymbolicLink()) {
        budget.skipped.symlinks += 1;
        continue;
      }
      if (!entry.isDirectory() && !entry.isFile()) continue;
      const absolute = path.join(directory.absolute, entry.name);
      const relative = directory.relative ? `${directory.relative}/${entry.name}` : entry.name;
      yield { absolute, relative, name: entry.name, isDirectory: entry.isDirectory() };
      if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name)) subdirectories.push({ absolute, relative });
    }
    pending.push(...subdirectories.reverse());
  }
}

/** A directory with up to this many entries is always read whole, so its entries are visited in name order. */
export const ENTRIES_ALWAYS_READ = 10_000;

/**
 * The entries of `directory` in name order. A directory larger than both
 * {@link ENTRIES_ALWAYS_READ} and what the budget still has room to visit is
 * read only that far (the walk then stops at its bound and says so): a folder
 * of a million entries is neither held in memory nor sorted in one go, which
 * would stall the event loop.
 */
async function readEntries(directory: string, budget: WalkBudget): Promise<Dirent[]> {
  const wanted = Math.max(ENTRIES_ALWAYS_READ, budget.maxVisited - budget.visited);
  const entries: Dirent[] = [];
  try {
    for await (const entry of await opendir(directory, { bufferSize: 256 })) {
      entries.push(entry);
      if (entries.length >= wanted || budgetExhausted(budget)) break;
    }
  } catch {
    budget.skipped.unreadableDirectories += 1;
    return [];
  }
  return entries.sort((a, b) => a.name.localeCompare(b.name, 'en'));
}
