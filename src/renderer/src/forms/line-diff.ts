/**
 * The approval diff: a tool's approved definition against its changed one,
 * each as pretty JSON, compared line by line (longest common subsequence).
 */

export type DiffLine = { readonly kind: 'same' | 'removed' | 'added'; readonly text: string };

/** Above this many line pairs the diff gives up on alignment: all old lines removed, all new added. */
export const MAX_DIFF_CELLS = 1_000_000;

/** A definition as the lines the diff compares: pretty JSON with keys in a stable order; nothing for `undefined` (a new tool). */
export function definitionLines(definition: unknown): string[] {
  if (definition === undefined) return [];
  return (JSON.stringify(sortKeys(definition), null, 2) ?? String(definition)).split('\n');
}

/** Lines of `before` and `after` in order, each marked same, removed (only before) or added (only after). */
export function diffLines(before: readonly string[], after: readonly string[]): DiffLine[] {
  if (before.length * after.length > MAX_DIFF_CELLS) {
    return [...before.map((text) => line('removed', text)), ...after.map((text) => line('added', text))];
  }
  // common[i][j]: length of the longest common subsequence of before[i..] and after[j..].
  const common = Array.from({ length: before.length + 1 }, () => new Uint32Array(after.length + 1));
  for (let i = before.length - 1; i >= 0; i--) {
    for (let j = after.length - 1; j >= 0; j--) {
      common[i]![j] = before[i] === after[j] ? common[i + 1]![j + 1]! + 1 : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
    }
  }
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length && j < after.length) {
    if (before[i] === after[j]) {
      lines.push(line('same', before[i++]!));
      j++;
    } else if (common[i + 1]![j]! >= common[i]![j + 1]!) {
      lines.push(line('removed', before[i++]!));
    } else {
      lines.push(line('added', after[j++]!));
    }
  }
  while (i < before.length) lines.push(line('removed', before[i++]!));
  while (j < after.length) lines.push(line('added', after[j++]!));
  return lines;
}

function line(kind: DiffLine['kind'], text: string): DiffLine {
  return { kind, text };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
