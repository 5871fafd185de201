import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budgetExhausted, createWalkBudget, walk } from './walk.js';

const FILES = 300;
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'mcp-walk-'));
  await Promise.all(Array.from({ length: FILES }, (_, i) => writeFile(path.join(folder, `file-${String(i).padStart(4, '0')}.txt`), '')));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Keeps the thread busy, as an expensive check of each entry would. */
function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('walk', () => {
  it('visits entries in name order within its budget', async () => {
    const names: string[] = [];
    const budget = createWalkBudget(10, 10_000);
    for await (const entry of walk(folder, false, budget)) names.push(entry.name);

    expect(names).toHaveLength(10);
    expect(names).toEqual([...names].sort());
    expect(budgetExhausted(budget)).toBe(true);
    expect(budget.stoppedBecause).toBe('visited the maximum of 10 entries');
  });

  it('gives the event loop turns while a slow consumer works through a large folder', async () => {
    let seen = 0;
    let seenWhenTimerRan: number | undefined;
    const timer = setTimeout(() => (seenWhenTimerRan = seen), 0);
    for await (const entry of walk(folder, false, createWalkBudget(FILES, 10_000))) {
      expect(entry.isDirectory).toBe(false);
      seen += 1;
      busyFor(1);
    }
    clearTimeout(timer);

    expect(seen).toBe(FILES);
    // Without turns the timer runs only after all 300 entries (300 ms of work); with them, after about 10 ms.
    expect(seenWhenTimerRan).toBeLessThan(FILES / 3);
  });
});
