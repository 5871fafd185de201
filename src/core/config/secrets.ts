/**
 * Guards that keep secrets out of the settings file. The API key and OAuth
 * tokens belong in the OS keychain; the settings file is plain JSON on disk.
 */

/** The message shown for a secret offered to the settings file. */
export const SECRET_REFUSED = 'looks like a secret; secrets are never saved in the settings file (they live in the OS keychain)';

const SECRET_KEY = /api[-_]?key|secret|token|passw(or)?d|credential|private[-_]?key|authorization|bearer|cookie/i;
const JWT = /^eyJ[\w-]+\.[\w-]+\.[\w-]*$/;
const BEARER = /^bearer\s+\S/i;

/** True for a property name such as `apiKey`, `api_key`, `accessToken`, `clientSecret`, `password`. */
export function isSecretLikeKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** True for a value shaped like a credential: a JWT or an `Authorization: Bearer …` value. */
export function isSecretLikeValue(value: unknown): boolean {
  return typeof value === 'string' && (JWT.test(value.trim()) || BEARER.test(value.trim()));
}

/**
 * Dotted paths (`apiKey`, `oauth.refreshToken`, `allowedHosts`: list entries
 * count for their list) of every secret-like key or value in a JSON-like tree.
 * Keys whose value is `undefined` count too: saving must not accept the shape of a secret.
 */
export function findSecrets(value: unknown, path: readonly string[] = []): string[] {
  if (isSecretLikeValue(value)) return [path.join('.')];
  if (Array.isArray(value)) return [...new Set(value.flatMap((entry) => findSecrets(entry, path)))];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    isSecretLikeKey(key) ? [[...path, key].join('.')] : findSecrets(child, [...path, key]),
  );
}
