import { delimiter } from 'node:path';
import { AUTH_MODES } from './types.js';

/** Dotted path of one setting, as used in error records (`oauth.issuer`). */
export type SettingsFieldPath =
  | 'host'
  | 'port'
  | 'auth'
  | 'rateLimit.rps'
  | 'rateLimit.burst'
  | 'oauth.issuer'
  | 'oauth.audience'
  | 'oauth.jwksUri'
  | 'oauth.clientId'
  | 'oauth.redirectUri'
  | 'oauth.requiredScopes'
  | 'sharedFolders'
  | 'allowedHosts'
  | 'allowedOrigins'
  | 'publicBaseUrl';

/** How one setting is written in the environment and on the command line. */
export interface FieldSpec {
  readonly path: SettingsFieldPath;
  /** Environment variable; the names are a compatibility contract. */
  readonly env: string;
  /** Command-line flag without the leading dashes. */
  readonly flag: string;
  /** Completes the sentence "expected …" for a value that is not valid. */
  readonly expected: string;
  /** For lists: the separator between entries in one variable or flag. */
  readonly separator?: string;
  /** Turns the text of a variable or flag into the value the schema checks. */
  readonly fromText: (text: string) => unknown;
}

/** Text → integer, or NaN when the text is not plain decimal digits (so `8000.5` or `0x1F` fail). */
export function integerFromText(text: string): number {
  return /^\d+$/.test(text) ? Number(text) : Number.NaN;
}

/** Text → number, or NaN unless it is plain decimal notation (`2`, `0.5`). */
export function decimalFromText(text: string): number {
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
}

/** Splits a list written in one variable, dropping empty entries and surrounding spaces. */
export function listFromText(separator: string): (text: string) => string[] {
  return (text) =>
    text
      .split(separator)
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '');
}

const asIs = (text: string): string => text;
const SCOPE_SEPARATOR = ' ';
const COMMA = ',';

/**
 * Every setting that the environment or a flag can set, in the order errors
 * are reported. The API key is absent on purpose: it is a secret, read only
 * from `MCP_API_KEY` (see `env.ts`), never from a flag (flags show in `ps`).
 */
export const FIELD_SPECS: readonly FieldSpec[] = [
  { path: 'auth', env: 'MCP_AUTH', flag: 'auth', expected: `one of ${AUTH_MODES.join(', ')}`, fromText: asIs },
  { path: 'host', env: 'MCP_HOST', flag: 'host', expected: 'an IP address or host name, e.g. 127.0.0.1', fromText: asIs },
  { path: 'port', env: 'MCP_PORT', flag: 'port', expected: 'an integer from 0 to 65535', fromText: integerFromText },
  {
    path: 'rateLimit.rps',
    env: 'MCP_RATE_LIMIT_RPS',
    flag: 'rate-limit-rps',
    expected: 'a number from 0 to 1000000 (0 turns rate limiting off)',
    fromText: decimalFromText,
  },
  {
    path: 'rateLimit.burst',
    env: 'MCP_RATE_LIMIT_BURST',
    flag: 'rate-limit-burst',
    expected: 'an integer from 1 to 1000000',
    fromText: integerFromText,
  },
  {
    path: 'oauth.issuer',
    env: 'MCP_OAUTH_ISSUER',
    flag: 'oauth-issuer',
    expected: 'an http(s) URL, e.g. https://login.example.com',
    fromText: asIs,
  },
  {
    path: 'oauth.audience',
    env: 'MCP_OAUTH_AUDIENCE',
    flag: 'oauth-audience',
    expected: 'a non-empty value without spaces',
    fromText: asIs,
  },
  {
    path: 'oauth.jwksUri',
    env: 'MCP_OAUTH_JWKS_URI',
    flag: 'oauth-jwks-uri',
    expected: 'an https URL (http only on a loopback host: localhost, 127.x.x.x or [::1])',
    fromText: asIs,
  },
  {
    path: 'oauth.clientId',
    env: 'MCP_OAUTH_CLIENT_ID',
    flag: 'oauth-client-id',
    expected: 'a non-empty value without spaces',
    fromText: asIs,
  },
  {
    path: 'oauth.redirectUri',
    env: 'MCP_OAUTH_REDIRECT_URI',
    flag: 'oauth-redirect-uri',
    expected: 'an http URL on 127.0.0.1, localhost or [::1] without a query or fragment, e.g. http://127.0.0.1:33418/callback',
    fromText: asIs,
  },
  {
    path: 'oauth.requiredScopes',
    env: 'MCP_OAUTH_REQUIRED_SCOPES',
    flag: 'oauth-required-scopes',
    expected: 'scope names (RFC 6749 section 3.3)',
    separator: SCOPE_SEPARATOR,
    fromText: listFromText(SCOPE_SEPARATOR),
  },
  {
    path: 'sharedFolders',
    env: 'MCP_SHARED_FOLDERS',
    flag: 'shared-folders',
    expected: 'absolute folder paths',
    separator: delimiter,
    fromText: listFromText(delimiter),
  },
  {
    path: 'allowedHosts',
    env: 'MCP_ALLOWED_HOSTS',
    flag: 'allowed-hosts',
    expected: 'host names or IP addresses (each may end in :port)',
    separator: COMMA,
    fromText: listFromText(COMMA),
  },
  {
    path: 'allowedOrigins',
    env: 'MCP_ALLOWED_ORIGINS',
    flag: 'allowed-origins',
    expected: 'origins such as https://app.example.com',
    separator: COMMA,
    fromText: listFromText(COMMA),
  },
  {
    path: 'publicBaseUrl',
    env: 'MCP_PUBLIC_BASE_URL',
    flag: 'public-base-url',
    expected: 'an http(s) URL without query or fragment, e.g. https://mcp.example.com',
    fromText: asIs,
  },
];

const SPECS_BY_PATH = new Map(FIELD_SPECS.map((spec) => [spec.path as string, spec]));

/** The spec of a setting by its dotted path, if it is one. */
export function fieldSpec(path: string): FieldSpec | undefined {
  return SPECS_BY_PATH.get(path);
}

const SEPARATOR_NAMES: Record<string, string> = { ' ': 'spaces', ',': 'commas' };

/** "expected …" for one setting, naming the separator for lists written as text. */
export function expectedText(spec: FieldSpec, asText: boolean): string {
  if (asText && spec.separator !== undefined) {
    const separator = SEPARATOR_NAMES[spec.separator] ?? `"${spec.separator}"`;
    return `expected ${spec.expected} separated by ${separator}`;
  }
  return `expected ${spec.expected}`;
}
