/**
 * True for an object literal or a JSON object: not `null`, not an array, and
 * made by `{}`, `JSON.parse`, a structured clone or `Object.create(null)`.
 * Class instances (`Date`, `Map`, `URL`…) are not plain: code that walks or
 * merges settings and requests treats them as opaque values.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
