import { isLiteralSecretHeader, isSecretLikeEnvName, isSecretLikeValue } from '../config/secrets.js';
import { isPlainObject } from '../../shared/plain-object.js';
import { UPSTREAM_NAME } from '../../shared/gateway-types.js';
import type { NewUpstream } from './manage-servers.js';

/** One server of a client's config, as it would be imported. */
export interface ImportItem {
  /** Its name in the client's config. */
  readonly source: string;
  /** The server to add; absent when it is skipped. */
  readonly server?: NewUpstream;
  /** Values moved to the keychain, by KEY (never shown: the notes name the keys only). */
  readonly secrets: Readonly<Record<string, string>>;
  /** What changed on the way, in the user's words (renamed, moved to the keychain, dropped…). */
  readonly notes: readonly string[];
  /** Why it is not imported. */
  readonly skipped?: string;
}

/** `${input:token}`, `${env:HOME}`, `${workspaceFolder}`: filled in by the client, not by the toolkit. */
const PLACEHOLDER = /\$\{[^}]+\}/;
const AUTH_SCHEME_VALUE = /^(bearer|basic|token)\s+(\S.*)$/i;
const MAX_NAME = 32;

/** A name the toolkit accepts (`^[a-z0-9][a-z0-9-]{0,31}$`), as close to `name` as it can be. */
export function sanitiseServerName(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+/, '')
    .slice(0, MAX_NAME)
    .replace(/-+$/, '');
  return cleaned === '' ? 'server' : cleaned;
}

function unique(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, MAX_NAME - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** The secret name for a header (`X-Api-Key` → `X_API_KEY`). */
export function headerSecretKey(header: string): string {
  const key = header.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
  return /^[A-Z_]/.test(key) ? key : `H_${key}`;
}

function strings(value: unknown): Record<string, string> {
  if (!isPlainObject(value)) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => [k, String(v)]));
}

interface Mapped {
  server?: NewUpstream;
  skipped?: string;
}

function mapEnv(name: string, entry: Record<string, unknown>, secrets: Record<string, string>, notes: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(strings(entry.env))) {
    if (PLACEHOLDER.test(value)) {
      notes.push(`dropped env ${key}: its value \`${value}\` is filled in by the client, not the toolkit; set it with \`mcp-toolkit servers secret set ${name} ${key}\``);
    } else if (isSecretLikeEnvName(key) || isSecretLikeValue(value)) {
      if (value === '') notes.push(`dropped env ${key}: empty`);
      else {
        secrets[key] = value;
        notes.push(`moved env ${key} to the keychain`);
      }
    } else env[key] = value;
  }
  if (entry.envFile !== undefined) notes.push('envFile is not imported: add its variables with --env or `servers secret set`');
  return env;
}

function mapHeaders(entry: Record<string, unknown>, secrets: Record<string, string>, notes: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [header, value] of Object.entries(strings(entry.headers))) {
    if (PLACEHOLDER.test(value) && !/^\$\{secret:/.test(value)) {
      notes.push(`dropped header ${header}: its value \`${value}\` is filled in by the client, not the toolkit`);
    } else if (isLiteralSecretHeader(header, value)) {
      const key = headerSecretKey(header);
      const scheme = AUTH_SCHEME_VALUE.exec(value.trim());
      secrets[key] = scheme ? (scheme[2] as string) : value;
      headers[header] = scheme ? `${scheme[1]} \${secret:${key}}` : `\${secret:${key}}`;
      notes.push(`moved header ${header} to the keychain as ${key}`);
    } else headers[header] = value;
  }
  return headers;
}

function mapEntry(name: string, entry: Record<string, unknown>, secrets: Record<string, string>, notes: string[]): Mapped {
  const type = typeof entry.type === 'string' ? entry.type.toLowerCase() : undefined;
  const url = typeof entry.url === 'string' ? entry.url : typeof entry.serverUrl === 'string' ? entry.serverUrl : undefined;
  const enabled = entry.disabled !== true;
  if (!enabled) notes.push('disabled in the client: imported disabled');
  if (type === 'sse') return { skipped: 'uses the legacy SSE transport; the toolkit reaches remote servers over Streamable HTTP only' };
  if (typeof entry.command === 'string' && entry.command.trim() !== '') {
    const args = Array.isArray(entry.args) ? entry.args.map(String) : [];
    if (args.some((arg) => PLACEHOLDER.test(arg))) notes.push('some arguments hold `${…}` placeholders the client fills in; the toolkit passes them as written');
    const cwd = typeof entry.cwd === 'string' && entry.cwd !== '' ? entry.cwd : undefined;
    const absolute = cwd !== undefined && !PLACEHOLDER.test(cwd) && (cwd.startsWith('/') || /^[A-Za-z]:[\\/]/.test(cwd));
    if (cwd !== undefined && !absolute) notes.push(`dropped the working folder \`${cwd}\`: not an absolute folder`);
    const env = mapEnv(name, entry, secrets, notes);
    return { server: { kind: 'stdio', name, enabled, command: entry.command, args, env, ...(absolute ? { cwd } : {}) } };
  }
  if (url !== undefined) return { server: { kind: 'http', name, enabled, url, headers: mapHeaders(entry, secrets, notes) } };
  return { skipped: 'has neither a command nor a URL' };
}

/**
 * What importing a client's server entries would do, changing nothing:
 * each entry mapped to a stdio (command, args, env, cwd) or remote (URL,
 * headers) server; names made valid (and said so); literal values of
 * secret-looking env variables and headers set aside for the keychain (a
 * header then refers to its `${secret:KEY}`); names already in `existing`
 * skipped. Pure: the caller applies it (see `importServers`).
 */
export function planImport(entries: Readonly<Record<string, unknown>>, existing: readonly string[]): ImportItem[] {
  const taken = new Set(existing);
  const planned = new Set<string>();
  return Object.entries(entries).map(([source, entry]) => {
    const notes: string[] = [];
    const secrets: Record<string, string> = {};
    if (!isPlainObject(entry)) return { source, secrets, notes, skipped: 'is not an object' };
    const valid = UPSTREAM_NAME.test(source) ? source : sanitiseServerName(source);
    if (taken.has(valid)) return { source, secrets, notes, skipped: `a server named "${valid}" exists already` };
    const name = unique(valid, planned);
    if (name !== source) notes.push(`renamed to "${name}"`);
    const mapped = mapEntry(name, entry, secrets, notes);
    if (mapped.server === undefined) return { source, secrets: {}, notes, skipped: mapped.skipped ?? 'cannot be imported' };
    planned.add(name);
    const server = Object.keys(secrets).length > 0 ? { ...mapped.server, secrets: Object.keys(secrets) } : mapped.server;
    return { source, server, secrets, notes };
  });
}
