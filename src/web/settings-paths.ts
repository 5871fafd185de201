/**
 * Field paths of settings objects (`port`, `oauth.issuer`, `rateLimit.rps`):
 * which fields a layer or a patch sets, and copying fields between settings.
 * Settings nest one level (`oauth`, `rateLimit`); lists are leaves.
 */
import type { Settings } from '../core/config/types.js';
import { isPlainObject } from '../shared/plain-object.js';

/** The leaf paths an object sets (keys whose value is `undefined` set nothing). */
export function leafPaths(value: unknown): string[] {
  if (!isPlainObject(value)) return [];
  return Object.entries(value).flatMap(([key, entry]) => {
    if (entry === undefined) return [];
    if (isPlainObject(entry)) return Object.keys(entry).filter((inner) => entry[inner] !== undefined).map((inner) => `${key}.${inner}`);
    return [key];
  });
}

/** True when two paths name the same field or one contains the other. */
export function pathsOverlap(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

/** `paths` minus every path that overlaps one of `removed`. */
export function withoutPaths(paths: readonly string[], removed: readonly string[]): string[] {
  return paths.filter((path) => !removed.some((other) => pathsOverlap(path, other)));
}

/**
 * `target` with the fields at `paths` taken from `source`; a field `source`
 * leaves unset is removed from the result (so an optional field can be cleared).
 */
export function copyPaths(target: Settings, source: Settings, paths: readonly string[]): Settings {
  const result = structuredClone(target) as unknown as Record<string, unknown>;
  const from = source as unknown as Record<string, unknown>;
  for (const path of paths) {
    const [key, inner] = path.split('.') as [string, string | undefined];
    if (inner === undefined) {
      setOrDelete(result, key, from[key]);
      continue;
    }
    const sourceGroup = isPlainObject(from[key]) ? from[key] : {};
    const targetGroup = isPlainObject(result[key]) ? result[key] : (result[key] = {});
    setOrDelete(targetGroup as Record<string, unknown>, inner, sourceGroup[inner]);
  }
  return result as unknown as Settings;
}

function setOrDelete(object: Record<string, unknown>, key: string, value: unknown): void {
  if (value === undefined) delete object[key];
  else object[key] = structuredClone(value);
}
