import { parse, TomlError } from 'smol-toml';
import { tomlString } from '../../shared/agent-snippets.js';
import { isPlainObject } from '../../shared/plain-object.js';
import { ClientsError } from './clients-error.js';
import { ENTRY_NAME } from './entries.js';
import { sameJson } from './json-text.js';

/**
 * Edits our `[mcp_servers.mcp-toolkit]` table (and its subtables) in a TOML
 * file as text: only those lines are written, added at the end or removed with
 * the blank line that separated them, so every other table, key and comment
 * stays byte for byte. The file is parsed with `smol-toml` before, and the
 * result after: it must equal the old document with only our entry changed,
 * or nothing is written.
 */

const SERVERS_KEY = 'mcp_servers';

type Document = Record<string, unknown>;

/** Equal TOML values (dates compared by their text; `smol-toml` objects have their own prototype). */
function sameToml(a: unknown, b: unknown): boolean {
  const plain = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
  return sameJson(plain(a), plain(b));
}

/** The parsed document. Throws, naming file and line, when the text is not TOML. */
export function parseTomlConfig(text: string, file: string): Document {
  try {
    return parse(text) as Document;
  } catch (error) {
    const where = error instanceof TomlError ? `:${error.line}:${error.column}` : '';
    throw new ClientsError('CLIENT_CONFIG_INVALID', `${file}${where}: not valid TOML; the file was left untouched`, { cause: error });
  }
}

function servers(document: Document): Record<string, unknown> | undefined {
  const value = document[SERVERS_KEY];
  return isPlainObject(value) ? value : undefined;
}

/** Our entry in the file (its parsed value), or undefined. */
export function readTomlEntry(text: string, file: string): unknown {
  return servers(parseTomlConfig(text, file))?.[ENTRY_NAME];
}

/** The dotted key of a `[table]` or `[[array]]` header line, unquoted; undefined for other lines. */
function headerKey(line: string): string[] | undefined {
  const match = /^\s*\[\[?([^[\]]+)\]\]?\s*(#.*)?$/.exec(line.replace(/\r$/, ''));
  if (match === null) return undefined;
  return (match[1] as string).split('.').map((part) => part.trim().replace(/^"(.*)"$|^'(.*)'$/, '$1$2'));
}

const isOurs = (key: string[] | undefined): boolean => key !== undefined && key[0] === SERVERS_KEY && key[1] === ENTRY_NAME;
const isContent = (line: string): boolean => line.trim() !== '' && !line.trim().startsWith('#');

/** Lines `[start, end]` of our table and its subtables, or undefined; refuses a table split in parts. */
function ourLines(lines: readonly string[], file: string): { start: number; end: number } | undefined {
  const start = lines.findIndex((line) => isOurs(headerKey(line)));
  if (start < 0) return undefined;
  let next = start + 1;
  while (next < lines.length && (headerKey(lines[next] as string) === undefined || isOurs(headerKey(lines[next] as string)))) next += 1;
  if (lines.slice(next).some((line) => isOurs(headerKey(line)))) {
    throw new ClientsError('CLIENT_CONFIG_UNEDITABLE', `${file}: [${SERVERS_KEY}.${ENTRY_NAME}] is split in several places; edit it by hand`);
  }
  let end = next - 1;
  while (end > start && !isContent(lines[end] as string)) end -= 1;
  return { start, end };
}

function tomlValue(value: unknown): string {
  if (typeof value === 'string') return tomlString(value);
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `[${value.map(tomlValue).join(', ')}]`;
  if (isPlainObject(value)) return `{ ${Object.entries(value).map(([key, item]) => `${tomlString(key)} = ${tomlValue(item)}`).join(', ')} }`;
  throw new TypeError(`cannot write ${typeof value} as TOML`);
}

/** Our table as lines: `[mcp_servers.mcp-toolkit]` then one `key = value` per field. */
function tableLines(entry: Record<string, unknown>): string[] {
  return [`[${SERVERS_KEY}.${ENTRY_NAME}]`, ...Object.entries(entry).map(([key, value]) => `${key} = ${tomlValue(value)}`)];
}

/** The edited text, if parsing it gives the old document with our entry set to `entry` (or removed); else a refusal. */
function verified(before: string, after: string, file: string, entry: Record<string, unknown> | undefined): string {
  const expected = parseTomlConfig(before, file);
  const table = servers(expected) ?? {};
  if (entry === undefined) delete table[ENTRY_NAME];
  else table[ENTRY_NAME] = entry;
  expected[SERVERS_KEY] = table;
  let actual: Document;
  try {
    actual = parse(after) as Document;
  } catch {
    actual = {};
  }
  for (const document of [expected, actual]) {
    const found = servers(document);
    if (found !== undefined && Object.keys(found).length === 0) delete document[SERVERS_KEY];
  }
  if (!sameToml(actual, expected)) {
    throw new ClientsError('CLIENT_CONFIG_UNEDITABLE', `${file}: cannot change [${SERVERS_KEY}.${ENTRY_NAME}] without touching the rest of the file (is ${SERVERS_KEY} an inline table?); the file was left untouched`);
  }
  return after;
}

/** The text with our table set to `entry`; unchanged text when it already holds an equal entry. */
export function setTomlEntry(text: string, file: string, entry: Record<string, unknown>): string {
  const current = servers(parseTomlConfig(text, file))?.[ENTRY_NAME];
  if (sameToml(current, entry)) return text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const cr = eol === '\r\n' ? '\r' : '';
  const lines = text.split('\n');
  const range = ourLines(lines, file);
  const table = tableLines(entry).map((line) => line + cr);
  if (range !== undefined) {
    return verified(text, [...lines.slice(0, range.start), ...table, ...lines.slice(range.end + 1)].join('\n'), file, entry);
  }
  const separator = text === '' ? '' : (text.endsWith('\n') ? '' : eol) + eol;
  return verified(text, `${text}${separator}${table.join('\n')}${'\n'}`, file, entry);
}

/** The text without our table (and the blank line before it). */
export function removeTomlEntry(text: string, file: string): string {
  if (servers(parseTomlConfig(text, file))?.[ENTRY_NAME] === undefined) return text;
  const lines = text.split('\n');
  const range = ourLines(lines, file);
  if (range === undefined) {
    throw new ClientsError('CLIENT_CONFIG_UNEDITABLE', `${file}: the ${ENTRY_NAME} server is not written as a [${SERVERS_KEY}.${ENTRY_NAME}] table; remove it by hand`);
  }
  const start = range.start > 0 && (lines[range.start - 1] as string).trim() === '' ? range.start - 1 : range.start;
  return verified(text, [...lines.slice(0, start), ...lines.slice(range.end + 1)].join('\n'), file, undefined);
}
