import { describe, expect, it } from 'vitest';
import { ClientsError } from './clients-error.js';
import { readJsonEntry, removeJsonEntry, setJsonEntry } from './json-edit.js';

const FILE = '/home/u/.cursor/mcp.json';
const ENTRY = { command: '/usr/bin/node', args: ['/opt/cli.js', 'bridge', '--client', 'cursor'] };
const INPUT = { type: 'promptString', id: 'mcp-toolkit-key', password: true };

function roundTrip(original: string, path: string[] = ['mcpServers']): string {
  const connected = setJsonEntry(original, FILE, path, ENTRY);
  expect(readJsonEntry(connected, FILE, path)).toEqual(ENTRY);
  expect(removeJsonEntry(connected, FILE, path)).toBe(original);
  return connected;
}

describe('setJsonEntry / removeJsonEntry', () => {
  it('adds after the last server, keeping comments, trailing comments and other keys, and removes back to the original', () => {
    const original = '{\n  // my servers\n  "mcpServers": {\n    "a": {"command": "y"} // keep\n  },\n  "z": [1,2]\n}\n';
    const connected = roundTrip(original);
    expect(connected).toContain('"a": {"command": "y"}, // keep\n    "mcp-toolkit": {\n      "command": "/usr/bin/node",');
  });

  it('follows tab indentation and CRLF line endings', () => {
    const original = '{\r\n\t"mcpServers": {\r\n\t\t"a": {}\r\n\t}\r\n}\r\n';
    const connected = roundTrip(original);
    expect(connected).toContain('\r\n\t\t"mcp-toolkit": {\r\n\t\t\t"command"');
    expect(connected).not.toMatch(/[^\r]\n/);
  });

  it('keeps a trailing-comma style (JSON with comments)', () => {
    roundTrip('{\n    "servers": {\n        "a": { "type": "stdio" },\n    },\n}\n', ['servers']);
  });

  it('creates the servers object when missing and removes it again', () => {
    const connected = roundTrip('{\n  "theme": "dark"\n}\n');
    expect(connected).toBe('{\n  "theme": "dark",\n  "mcpServers": {\n    "mcp-toolkit": {\n      "command": "/usr/bin/node",\n      "args": [\n        "/opt/cli.js",\n        "bridge",\n        "--client",\n        "cursor"\n      ]\n    }\n  }\n}\n');
  });

  it('writes nested paths (opencode mcp.servers) and an empty object', () => {
    roundTrip('{}', ['mcp']);
    roundTrip('{\n  "mcp": {\n    "other": {}\n  }\n}\n', ['mcp', 'servers']);
    // An enclosing object left empty goes with our entry, even one that was there (empty) before.
    expect(removeJsonEntry(setJsonEntry('{"mcpServers": {}}', FILE, ['mcpServers'], ENTRY), FILE, ['mcpServers'])).toBe('{}');
  });

  it('writes a whole file into an empty one', () => {
    expect(setJsonEntry('', FILE, ['mcpServers'], { a: 1 })).toBe('{\n  "mcpServers": {\n    "mcp-toolkit": {\n      "a": 1\n    }\n  }\n}\n');
  });

  it('returns the same text when the entry is already there (no reformatting)', () => {
    const text = '{"mcpServers": {"mcp-toolkit": {"command": "/usr/bin/node", "args": ["/opt/cli.js", "bridge", "--client", "cursor"]}}}';
    expect(setJsonEntry(text, FILE, ['mcpServers'], ENTRY)).toBe(text);
  });

  it('replaces a different entry of ours in place', () => {
    const text = '{\n  "mcpServers": {\n    "mcp-toolkit": { "url": "x" },\n    "b": {}\n  }\n}\n';
    const next = setJsonEntry(text, FILE, ['mcpServers'], { url: 'y' });
    expect(next).toBe('{\n  "mcpServers": {\n    "mcp-toolkit": {\n      "url": "y"\n    },\n    "b": {}\n  }\n}\n');
    expect(removeJsonEntry(next, FILE, ['mcpServers'])).toBe('{\n  "mcpServers": {\n    "b": {}\n  }\n}\n');
  });

  it('adds and removes only our VS Code input in the shared inputs array', () => {
    const original = '{\n  "inputs": [\n    { "type": "promptString", "id": "other", "password": true }\n  ],\n  "servers": {\n    // a comment\n    "x": { "url": "u" }\n  }\n}\n';
    const connected = setJsonEntry(original, FILE, ['servers'], ENTRY, INPUT);
    expect(connected).toContain('"id": "other"');
    expect(connected).toContain('"id": "mcp-toolkit-key"');
    expect(setJsonEntry(connected, FILE, ['servers'], ENTRY, INPUT)).toBe(connected);
    expect(removeJsonEntry(connected, FILE, ['servers'], INPUT.id)).toBe(original);
    const bare = '{\n  "servers": {}\n}\n';
    expect(removeJsonEntry(setJsonEntry(bare, FILE, ['servers'], ENTRY, INPUT), FILE, ['servers'], INPUT.id)).toBe('{}\n');
  });

  it('removes our input when the entry no longer needs it (null)', () => {
    const withInput = setJsonEntry('{}', FILE, ['servers'], { url: 'u' }, INPUT);
    const bridged = setJsonEntry(withInput, FILE, ['servers'], ENTRY, null, INPUT.id);
    expect(bridged).not.toContain('inputs');
  });

  it('refuses a file that does not parse, naming the file, line and column', () => {
    const broken = '{\n  "mcpServers": {\n    "a": {,\n  }\n}\n';
    expect(() => setJsonEntry(broken, FILE, ['mcpServers'], ENTRY)).toThrow(ClientsError);
    expect(() => setJsonEntry(broken, FILE, ['mcpServers'], ENTRY)).toThrow(`${FILE}:3:11: not valid JSON`);
    expect(() => removeJsonEntry('[1]', FILE, ['mcpServers'])).toThrow('top level is not a JSON object');
    expect(() => setJsonEntry('{"mcpServers": []}', FILE, ['mcpServers'], ENTRY)).toThrow('"mcpServers" is not a JSON object');
  });
});
