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

/** Upstream environment variable names that hold secrets (`GITHUB_TOKEN`, `API_KEY`, `DB_PASSWORD`…): they go in the keychain. */
const SECRET_ENV_NAME = /key|token|secret|password/i;
/** `${secret:KEY}`: a header value naming a keychain secret instead of holding it (see `gateway/secret-references.ts`). */
const SECRET_REFERENCE = /\$\{secret:[A-Za-z_][A-Za-z0-9_]*\}/g;
/** What may stand beside a reference in a secret header: the authentication scheme. */
const AUTH_SCHEME = /^(bearer|basic|token|digest)?$/i;

/** True when an upstream's environment variable name looks like it holds a secret (`*KEY*`, `*TOKEN*`, `*SECRET*`, `*PASSWORD*`). */
export function isSecretLikeEnvName(name: string): boolean {
  return SECRET_ENV_NAME.test(name);
}

/**
 * True when a header value holds a secret literally: an `Authorization: Bearer abc`,
 * a JWT, or any literal text under a secret-like header name (`X-API-Key: abc`).
 * `${secret:KEY}` references are what such a value should hold instead; the
 * scheme word beside one (`Bearer ${secret:TOKEN}`) is fine.
 */
export function isLiteralSecretHeader(name: string, value: string): boolean {
  const literal = value.replace(SECRET_REFERENCE, '').trim();
  if (literal === '') return false;
  if (isSecretLikeValue(literal)) return true;
  return isSecretLikeKey(name) && !AUTH_SCHEME.test(literal);
}

/** True for a message {@link settingsSecretProblems} gives: every secret refusal starts alike. */
export function isSecretRefusal(message: string): boolean {
  return message.startsWith('looks like a secret');
}

function envRefusal(server: string, key: string): string {
  return `looks like a secret; keep it in the OS keychain with \`mcp-toolkit servers secret set ${server} ${key}\` (the server gets it in its environment), never in the settings file`;
}

function headerRefusal(server: string, header: string): string {
  const key = header.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
  return `looks like a secret; keep it in the OS keychain with \`mcp-toolkit servers secret set ${server} ${key}\` and write the header as \`\${secret:${key}}\` (e.g. \`Bearer \${secret:${key}}\`), never in the settings file`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Secrets in one upstream's settings: header names are free but a value must
 * refer to a secret rather than hold it; environment names that look secret
 * are refused (values come from the keychain); `secrets` holds names only.
 * Any other field is judged like the rest of the settings.
 */
function serverSecretProblems(server: unknown, problems: Record<string, string>): void {
  if (!isRecord(server)) return;
  const name = typeof server.name === 'string' ? server.name : 'NAME';
  for (const [key, value] of Object.entries(server)) {
    if (key === 'secrets') continue;
    if (key === 'headers' && isRecord(value)) {
      for (const [header, text] of Object.entries(value)) {
        if (typeof text === 'string' && isLiteralSecretHeader(header, text)) problems[`servers.headers.${header}`] ??= headerRefusal(name, header);
      }
    } else if (key === 'env' && isRecord(value)) {
      for (const [variable, text] of Object.entries(value)) {
        if (isSecretLikeEnvName(variable) || isSecretLikeValue(text)) problems[`servers.env.${variable}`] ??= envRefusal(name, variable);
      }
    } else if (isSecretLikeKey(key)) {
      problems[`servers.${key}`] ??= SECRET_REFUSED;
    } else {
      for (const path of findSecrets(value, ['servers', key])) problems[path] ??= SECRET_REFUSED;
    }
  }
}

/**
 * Field path → why it is refused, for every secret offered to the settings
 * file: {@link findSecrets} over the settings, with the upstream servers judged
 * by their own rules (see `serverSecretProblems`). List indexes are dropped
 * from paths as in the other field errors (`servers.env.GITHUB_TOKEN`).
 */
export function settingsSecretProblems(settings: unknown): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!isRecord(settings)) {
    for (const path of findSecrets(settings)) problems[path] = SECRET_REFUSED;
    return problems;
  }
  const { servers, ...rest } = settings;
  for (const path of findSecrets(rest)) problems[path] = SECRET_REFUSED;
  if (Array.isArray(servers)) for (const server of servers) serverSecretProblems(server, problems);
  else if (servers !== undefined) for (const path of findSecrets(servers, ['servers'])) problems[path] ??= SECRET_REFUSED;
  return problems;
}
