import { describe, expect, it } from 'vitest';
import { readTomlEntry, removeTomlEntry, setTomlEntry } from './toml-edit.js';

const FILE = '/home/u/.codex/config.toml';
const ENTRY = { command: '/usr/bin/node', args: ['/opt/cli.js', 'bridge', '--client', 'codex'] };
const OTHERS = `# Codex settings
model = "o4-mini"  # inline comment

[mcp_servers.docs]
command = "npx"
args = ["-y", "docs-server"]

[mcp_servers.docs.env]
TOKEN_VAR = "X"

[profiles.fast]
model = "o3"
`;

describe('setTomlEntry / removeTomlEntry', () => {
  it('appends our table after the others and removes it back to the original, byte for byte', () => {
    const connected = setTomlEntry(OTHERS, FILE, ENTRY);
    expect(connected.startsWith(OTHERS)).toBe(true);
    expect(connected.slice(OTHERS.length)).toBe('\n[mcp_servers.mcp-toolkit]\ncommand = "/usr/bin/node"\nargs = ["/opt/cli.js", "bridge", "--client", "codex"]\n');
    expect(readTomlEntry(connected, FILE)).toEqual(ENTRY);
    expect(removeTomlEntry(connected, FILE)).toBe(OTHERS);
  });

  it('writes into an empty file, and a file without a final newline or with CRLF', () => {
    expect(removeTomlEntry(setTomlEntry('', FILE, ENTRY), FILE)).toBe('');
    const crlf = 'a = 1\r\n[x]\r\nb = 2\r\n';
    const connected = setTomlEntry(crlf, FILE, ENTRY);
    expect(connected).not.toMatch(/[^\r]\n/);
    expect(removeTomlEntry(connected, FILE)).toBe(crlf);
    expect(readTomlEntry(setTomlEntry('a = 1', FILE, ENTRY), FILE)).toEqual(ENTRY);
  });

  it('is a no-op when the entry is already there, and replaces our table and subtables in place otherwise', () => {
    const connected = setTomlEntry(OTHERS, FILE, ENTRY);
    expect(setTomlEntry(connected, FILE, ENTRY)).toBe(connected);
    const placed = `[mcp_servers.mcp-toolkit]\nurl = "http://x"\n\n[mcp_servers.mcp-toolkit.env_http_headers]\nA = "B"\n\n# about docs\n[mcp_servers.docs]\ncommand = "d"\n`;
    const replaced = setTomlEntry(placed, FILE, { url: 'http://y', http_headers: { 'X-API-Key': 'k' } });
    expect(replaced).toBe(`[mcp_servers.mcp-toolkit]\nurl = "http://y"\nhttp_headers = { "X-API-Key" = "k" }\n\n# about docs\n[mcp_servers.docs]\ncommand = "d"\n`);
    expect(removeTomlEntry(replaced, FILE)).toBe('\n# about docs\n[mcp_servers.docs]\ncommand = "d"\n');
  });

  it('refuses a file that does not parse, naming the file and line', () => {
    expect(() => setTomlEntry('a = 1\n[x\n', FILE, ENTRY)).toThrow(`${FILE}:2:`);
    expect(() => removeTomlEntry('a = \n', FILE)).toThrow('not valid TOML');
  });

  it('refuses forms it cannot edit without touching the rest (inline tables, dotted keys)', () => {
    expect(() => setTomlEntry('mcp_servers = { docs = { command = "d" } }\n', FILE, ENTRY)).toThrow(/inline table/);
    expect(() => removeTomlEntry('[mcp_servers]\nmcp-toolkit.command = "x"\n', FILE)).toThrow(/by hand/);
  });
});
