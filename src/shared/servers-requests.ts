/**
 * Runtime checks of the `servers.*` call requests (see `contract-requests.ts`).
 * They check shape and bounds and drop unknown properties; what a valid
 * upstream is (a command on PATH, an http(s) URL, unique names) is the
 * gateway's to say, field by field.
 */
import type { CallName, CallRequest } from './contract.js';
import { UPSTREAM_NAME } from './gateway-types.js';
import { isPlainObject } from './plain-object.js';
import { fail, ok, type Result } from './result.js';
import {
  IMPORT_SOURCES,
  MAX_LOG_LINES,
  MAX_SECRET_VALUE,
  SECRET_NAME,
  type ImportSource,
  type SecretEntry,
  type ServerAddRequest,
} from './servers-types.js';

type ServersCallName = Exclude<Extract<CallName, `servers.${string}`>, 'servers.list'>;
type Parser<K extends CallName> = (value: unknown) => Result<CallRequest<K>>;

/** Bounds on what one add request may carry (far above any real server). */
const MAX_TEXT = 8 * 1024;
const MAX_ENTRIES = 256;

const NAME_RULE = 'a server name (lower-case letters, digits and "-", at most 32)';

export const SERVERS_PARSERS: { [K in ServersCallName]: Parser<K> } = {
  'servers.add': parseAddRequest,
  'servers.remove': (value) =>
    named(value, (body, name) =>
      body.confirm === true ? ok({ name, confirm: true }) : badRequest('removing a server needs { name, confirm: true }'),
    ),
  'servers.setEnabled': (value) =>
    named(value, (body, name) =>
      typeof body.enabled === 'boolean' ? ok({ name, enabled: body.enabled }) : badRequest('expected { name, enabled: boolean }'),
    ),
  'servers.setToolEnabled': (value) =>
    named(value, (body, name) =>
      isText(body.tool) && body.tool !== '' && typeof body.enabled === 'boolean'
        ? ok({ name, tool: body.tool, enabled: body.enabled })
        : badRequest('expected { name, tool, enabled: boolean }'),
    ),
  'servers.restart': (value) => named(value, (_body, name) => ok({ name })),
  'servers.approve': (value) => named(value, (_body, name) => ok({ name })),
  'servers.setSecret': (value) =>
    named(value, (body, name) => {
      const entry = secretEntry(body);
      return entry ? ok({ name, ...entry }) : badRequest(`expected { name, key, value } with a value of at most ${MAX_SECRET_VALUE} characters`);
    }),
  'servers.removeSecret': (value) =>
    named(value, (body, name) =>
      typeof body.key === 'string' && SECRET_NAME.test(body.key) ? ok({ name, key: body.key }) : badRequest('expected { name, key }'),
    ),
  'servers.logs': (value) =>
    named(value, (body, name) => {
      if (body.lines === undefined) return ok({ name });
      return Number.isInteger(body.lines) && (body.lines as number) >= 1 && (body.lines as number) <= MAX_LOG_LINES
        ? ok({ name, lines: body.lines as number })
        : badRequest(`lines is a whole number from 1 to ${MAX_LOG_LINES}`);
    }),
  'servers.importPreview': parseImportRequest,
  'servers.import': parseImportRequest,
};

function named<T>(value: unknown, then: (body: Record<string, unknown>, name: string) => Result<T>): Result<T> {
  if (!isPlainObject(value) || typeof value.name !== 'string' || !UPSTREAM_NAME.test(value.name)) {
    return badRequest(`expected { name } with ${NAME_RULE}`);
  }
  return then(value, value.name);
}

function parseImportRequest(value: unknown): Result<{ from: ImportSource }> {
  return isPlainObject(value) && IMPORT_SOURCES.includes(value.from as ImportSource)
    ? ok({ from: value.from as ImportSource })
    : badRequest(`expected { from } with one of ${IMPORT_SOURCES.join(', ')}`);
}

function parseAddRequest(value: unknown): Result<ServerAddRequest> {
  if (!isPlainObject(value) || !isText(value.name)) return badRequest('expected a server with a name');
  const { name, enabled = true, disabledTools = [], callTimeoutMs, secrets = [] } = value;
  if (typeof enabled !== 'boolean') return badRequest('enabled is true or false');
  if (!isTextList(disabledTools)) return badRequest('disabledTools is a list of tool names');
  if (callTimeoutMs !== undefined && !Number.isInteger(callTimeoutMs)) return badRequest('callTimeoutMs is a whole number');
  const entries = Array.isArray(secrets) && secrets.length <= MAX_ENTRIES ? secrets.map(secretEntry) : [undefined];
  if (entries.includes(undefined)) {
    return badRequest(`secrets is a list of { key, value }, values of at most ${MAX_SECRET_VALUE} characters`);
  }
  const common = {
    name,
    enabled,
    disabledTools,
    secrets: entries as SecretEntry[],
    ...(callTimeoutMs !== undefined && { callTimeoutMs: callTimeoutMs as number }),
  };
  if (value.kind === 'stdio') {
    const { command, args = [], env = {}, cwd } = value;
    if (!isText(command) || !isTextList(args) || !isTextRecord(env) || (cwd !== undefined && !isText(cwd))) {
      return badRequest('a stdio server has { command, args: string[], env: { NAME: value }, cwd? }');
    }
    return ok({ ...common, kind: 'stdio', command, args, env, ...(cwd !== undefined && { cwd }) });
  }
  if (value.kind === 'http') {
    const { url, headers = {} } = value;
    if (!isText(url) || !isTextRecord(headers)) return badRequest('a remote server has { url, headers: { Name: value } }');
    return ok({ ...common, kind: 'http', url, headers });
  }
  return badRequest('kind is "stdio" or "http"');
}

function secretEntry(value: unknown): SecretEntry | undefined {
  if (!isPlainObject(value)) return undefined;
  const { key, value: secret } = value;
  return typeof key === 'string' && SECRET_NAME.test(key) && typeof secret === 'string' && secret.length <= MAX_SECRET_VALUE
    ? { key, value: secret }
    : undefined;
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TEXT;
}

function isTextList(value: unknown): value is string[] {
  return Array.isArray(value) && value.length <= MAX_ENTRIES && value.every(isText);
}

function isTextRecord(value: unknown): value is Record<string, string> {
  if (!isPlainObject(value)) return false;
  const entries = Object.entries(value);
  return entries.length <= MAX_ENTRIES && entries.every(([key, text]) => key.length <= MAX_TEXT && isText(text));
}

function badRequest<T>(message: string): Result<T> {
  return fail('BAD_REQUEST', message);
}
