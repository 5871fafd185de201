import { readdir } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import path from 'node:path';

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
 * `includeHidden`; {@link SKIPPED_DIRECTORIES} are never entered.
 */
export async function* walk(start: string, includeHidden: boolean, budget: WalkBudget): AsyncGenerator<WalkEntry> {
  const pending: { absolute: string; relative: string }[] = [{ absolute: start, relative: '' }];
  while (pending.length > 0 && !budgetExhausted(budget)) {
    const directory = pending.pop() as { absolute: string; relative: string };
    const entries = await readEntries(directory.absolute, budget);
    const subdirectories: { absolute: string; relative: string }[] = [];
    for (const entry of entries) {
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

async function readEntries(directory: string, budget: WalkBudget): Promise<Dirent[]> {
  try {
    return (await readdir(directory, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name, 'en'));
  } catch {
    budget.skipped.unreadableDirectories += 1;
    return [];
  }
}
