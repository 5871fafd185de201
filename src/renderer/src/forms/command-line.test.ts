import { describe, expect, it } from 'vitest';
import { splitCommandLine } from './command-line.js';

const words = (line: string) => {
  const split = splitCommandLine(line);
  return split.ok ? [split.command, ...split.args] : split.error;
};

describe('splitCommandLine', () => {
  it('splits on spaces and tabs, ignoring runs of them', () => {
    expect(words('npx -y  @modelcontextprotocol/server-filesystem\t/tmp ')).toEqual(['npx', '-y', '@modelcontextprotocol/server-filesystem', '/tmp']);
  });

  it('keeps quoted spaces, and joins quoted and plain parts into one word', () => {
    expect(words(`node "/Users/me/My Servers/index.js" --root='/a b'`)).toEqual(['node', '/Users/me/My Servers/index.js', '--root=/a b']);
    expect(words(`echo '' ""`)).toEqual(['echo', '', '']);
  });

  it('keeps everything inside single quotes literally', () => {
    expect(words(`sh -c 'echo "hi" \\n'`)).toEqual(['sh', '-c', 'echo "hi" \\n']);
  });

  it('reads \\" and \\\\ inside double quotes', () => {
    expect(words(`x "say \\"hi\\" \\\\ \\n"`)).toEqual(['x', 'say "hi" \\ \\n']);
  });

  it('escapes a space or quote outside quotes, and keeps Windows paths as typed', () => {
    expect(words('node My\\ Server.js \\"x\\"')).toEqual(['node', 'My Server.js', '"x"']);
    expect(words('C:\\tools\\server.exe --dir C:\\data')).toEqual(['C:\\tools\\server.exe', '--dir', 'C:\\data']);
  });

  it('refuses an unclosed quote and an empty line', () => {
    expect(words('node "index.js')).toBe('a double quote is not closed');
    expect(words("node 'index.js")).toBe('a single quote is not closed');
    expect(words('   ')).toBe('type the command that starts the server');
    expect(words('"" x')).toBe('type the command that starts the server');
  });
});
