/**
 * Field paths of settings objects and patches (`port`, `oauth.issuer`,
 * `rateLimit.rps`). Settings nest one level (`oauth`, `rateLimit`); lists are leaves.
 */
import { isPlainObject } from '../../shared/plain-object.js';

/** The leaf paths an object sets (keys whose value is `undefined` set nothing). */
export function leafPaths(value: unknown): string[] {
  if (!isPlainObject(value)) return [];
  return Object.entries(value).flatMap(([key, entry]) => {
    if (entry === undefined) return [];
    if (isPlainObject(entry)) return Object.keys(entry).filter((inner) => entry[inner] !== undefined).map((inner) => `${key}.${inner}`);
    return [key];
  });
}

/** The value at a leaf path, or undefined. */
export function valueAt(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (isPlainObject(node) ? node[key] : undefined), value);
}

/** A copy of `patch` without the leaves at `paths` (a group left empty is dropped). */
export function withoutLeaves(patch: Record<string, unknown>, paths: readonly string[]): Record<string, unknown> {
  const result = structuredClone(patch);
  for (const path of paths) {
    const [key, inner] = path.split('.') as [string, string | undefined];
    const group = result[key];
    if (inner === undefined) {
      delete result[key];
    } else if (isPlainObject(group)) {
      delete group[inner];
      if (Object.keys(group).length === 0) delete result[key];
    }
  }
  return result;
}
