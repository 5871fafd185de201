import { applyEdits, findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Edit, type Node, type ParseError } from 'jsonc-parser';
import { ClientsError } from './clients-error.js';
import { ENTRY_NAME } from './entries.js';
import { commaAfter, detectLayout, formatValue, lineAndColumn, lineAt, lineEnd, sameJson, type JsonLayout } from './json-text.js';

/**
 * Edits one entry of a JSON (or JSON with comments) config file as text: the
 * change is a few inserted or removed characters around our entry, so every
 * other key, server, comment and blank line stays byte for byte, and removing
 * the entry gives back the file as it was before it was added. The tree comes
 * from `jsonc-parser`; the edits are computed here because its `modify`
 * reformats the neighbouring lines.
 */

type Path = readonly string[];

/** The parsed tree, or undefined for an empty file. Throws, naming file and line, when the text is not JSON. */
export function parseJsonConfig(text: string, file: string): Node | undefined {
  if (text.trim() === '') return undefined;
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  if (first !== undefined) {
    const { line, column } = lineAndColumn(text, first.offset);
    throw new ClientsError('CLIENT_CONFIG_INVALID', `${file}:${line}:${column}: not valid JSON (${printParseErrorCode(first.error)}); the file was left untouched`);
  }
  if (root?.type !== 'object') throw new ClientsError('CLIENT_CONFIG_INVALID', `${file}: the top level is not a JSON object; the file was left untouched`);
  return root;
}

/** The node at `path` when it is an object (or absent); refuses a path through something else. */
function objectAt(root: Node, path: Path, file: string, type: 'object' | 'array' = 'object'): Node | undefined {
  const node = findNodeAtLocation(root, [...path]);
  if (node !== undefined && node.type !== type) {
    throw new ClientsError('CLIENT_CONFIG_UNEDITABLE', `${file}: "${path.join('.')}" is not a JSON ${type}; the file was left untouched`);
  }
  return node;
}

/** Our entry in the file (its parsed value), or undefined. */
export function readJsonEntry(text: string, file: string, serversPath: Path): unknown {
  const root = parseJsonConfig(text, file);
  if (root === undefined) return undefined;
  const servers = objectAt(root, serversPath, file);
  const entry = servers && findNodeAtLocation(servers, [ENTRY_NAME]);
  return entry === undefined ? undefined : (getNodeValue(entry) as unknown);
}

function insertItem(text: string, container: Node, item: (indent: string) => string, layout: JsonLayout): Edit[] {
  const items = container.children ?? [];
  const outer = lineAt(text, container.offset).indent;
  const last = items.at(-1);
  if (last === undefined) {
    const from = container.offset + 1;
    const to = container.offset + container.length - 1;
    const inner = outer + layout.unit;
    const content = `${layout.eol}${inner}${item(inner)}${layout.eol}${outer}`;
    return text.slice(from, to).trim() === '' ? [{ offset: from, length: to - from, content }] : [{ offset: to, length: 0, content }];
  }
  const end = last.offset + last.length;
  const trailingComma = commaAfter(text, end);
  const anchor = trailingComma ?? end;
  const rest = text.slice(anchor, lineEnd(text, anchor));
  const at = /^\s*(\/\/.*|\/\*.*\*\/\s*)?$/.test(rest) ? anchor + rest.length : anchor;
  const lastLine = lineAt(text, last.offset);
  const indent = text.slice(lastLine.start, last.offset).trim() === '' ? lastLine.indent : outer + layout.unit;
  const content = `${layout.eol}${indent}${item(indent)}${trailingComma === undefined ? '' : ','}`;
  if (trailingComma !== undefined) return [{ offset: at, length: 0, content }];
  return at === end ? [{ offset: end, length: 0, content: `,${content}` }] : [{ offset: end, length: 0, content: ',' }, { offset: at, length: 0, content }];
}

function removeItem(text: string, container: Node, item: Node): Edit[] {
  const items = container.children ?? [];
  const index = items.indexOf(item);
  const line = lineAt(text, item.offset);
  const ownLine = line.start > 0 && text.slice(line.start, item.offset).trim() === '';
  const start = ownLine ? line.start - (text[line.start - 2] === '\r' ? 2 : 1) : item.offset;
  const end = item.offset + item.length;
  const comma = commaAfter(text, end);
  if (items.length === 1) {
    const from = container.offset + 1;
    const to = container.offset + container.length - 1;
    const others = text.slice(from, start) + text.slice(comma ?? end, to);
    return others.trim() === '' ? [{ offset: from, length: to - from, content: '' }] : [{ offset: start, length: (comma ?? end) - start, content: '' }];
  }
  if (index < items.length - 1 || comma !== undefined) return [{ offset: start, length: (comma ?? end) - start, content: '' }];
  const previous = items[index - 1] as Node;
  const previousComma = commaAfter(text, previous.offset + previous.length) as number;
  return [
    { offset: previousComma - 1, length: 1, content: '' },
    { offset: start, length: end - start, content: '' },
  ];
}

function nested(path: Path, value: unknown): unknown {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
}

/** Sets `path` (objects created as needed) to `value` with one small edit; unchanged text when it already holds an equal value. */
function setValue(text: string, file: string, path: Path, value: unknown): string {
  const layout = detectLayout(text);
  const root = parseJsonConfig(text, file);
  if (root === undefined) return `${formatValue(nested(path, value), layout, '')}${layout.eol}`;
  const existing = findNodeAtLocation(root, [...path]);
  if (existing !== undefined) {
    if (sameJson(getNodeValue(existing), value)) return text;
    const indent = lineAt(text, (existing.parent ?? existing).offset).indent;
    return applyEdits(text, [{ offset: existing.offset, length: existing.length, content: formatValue(value, layout, indent) }]);
  }
  let depth = path.length - 1;
  while (depth > 0 && findNodeAtLocation(root, [...path.slice(0, depth)]) === undefined) depth -= 1;
  const parent = depth === 0 ? root : (objectAt(root, path.slice(0, depth), file) as Node);
  const key = path[depth] as string;
  const item = (indent: string) => `${JSON.stringify(key)}: ${formatValue(nested(path.slice(depth + 1), value), layout, indent)}`;
  return applyEdits(text, insertItem(text, parent, item, layout));
}

/** Removes the property at `path`, then each enclosing object of `path` left empty (down to `keep` levels). */
function removeValue(text: string, file: string, path: Path, keep: number): string {
  let current = text;
  for (let depth = path.length; depth > keep; depth -= 1) {
    const root = parseJsonConfig(current, file);
    const node = root && findNodeAtLocation(root, [...path.slice(0, depth)]);
    const property = node?.parent;
    if (node === undefined || property?.parent === undefined) return current;
    const empty = (node.children ?? []).length === 0 && current.slice(node.offset + 1, node.offset + node.length - 1).trim() === '';
    if (depth < path.length && !empty) return current;
    current = applyEdits(current, removeItem(current, property.parent, property));
  }
  return current;
}

/** VS Code's password prompts: the file-wide `inputs` array, of which only the element with our id is ours. */
function ourInput(root: Node | undefined, file: string, id: string): { list?: Node; element?: Node } {
  const list = root && objectAt(root, ['inputs'], file, 'array');
  const element = list?.children?.find((child) => (getNodeValue(child) as { id?: unknown } | null)?.id === id);
  return { list, element };
}

function setInput(text: string, file: string, input: Record<string, unknown>): string {
  const root = parseJsonConfig(text, file);
  const { list, element } = ourInput(root, file, String(input.id));
  if (list === undefined) return setValue(text, file, ['inputs'], [input]);
  const layout = detectLayout(text);
  if (element !== undefined) {
    if (sameJson(getNodeValue(element), input)) return text;
    return applyEdits(text, [{ offset: element.offset, length: element.length, content: formatValue(input, layout, lineAt(text, element.offset).indent) }]);
  }
  return applyEdits(text, insertItem(text, list, (indent) => formatValue(input, layout, indent), layout));
}

function removeInput(text: string, file: string, id: string): string {
  const { list, element } = ourInput(parseJsonConfig(text, file), file, id);
  if (list === undefined || element === undefined) return text;
  const after = applyEdits(text, removeItem(text, list, element));
  const left = objectAt(parseJsonConfig(after, file) as Node, ['inputs'], file, 'array') as Node;
  const empty = (left.children ?? []).length === 0 && after.slice(left.offset + 1, left.offset + left.length - 1).trim() === '';
  return empty ? removeValue(after, file, ['inputs'], 0) : after;
}

/**
 * The text with our entry set to `entry` under `serversPath`. `input`:
 * our VS Code prompt to set, `null` to remove it, undefined to leave `inputs` alone.
 */
export function setJsonEntry(text: string, file: string, serversPath: Path, entry: unknown, input?: Record<string, unknown> | null, inputId?: string): string {
  const root = parseJsonConfig(text, file);
  if (root !== undefined) objectAt(root, serversPath, file);
  let next = setValue(text, file, [...serversPath, ENTRY_NAME], entry);
  if (input === null && inputId !== undefined) next = removeInput(next, file, inputId);
  else if (input) next = setInput(next, file, input);
  return next;
}

/** The text without our entry (nor its now empty enclosing objects), and without our VS Code prompt when `inputId` is given. */
export function removeJsonEntry(text: string, file: string, serversPath: Path, inputId?: string): string {
  if (parseJsonConfig(text, file) === undefined) return text;
  const next = removeValue(text, file, [...serversPath, ENTRY_NAME], 0);
  return inputId === undefined ? next : removeInput(next, file, inputId);
}
