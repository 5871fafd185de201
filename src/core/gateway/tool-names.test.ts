import { describe, expect, it } from 'vitest';
import { combinedToolName, PORTABLE_TOOL_NAME, ToolNameTable } from './tool-names.js';

describe('combinedToolName', () => {
  it('joins server and tool with a double underscore when that is portable', () => {
    expect(combinedToolName('github', 'create_issue')).toBe('github__create_issue');
    expect(combinedToolName('fs', 'read-file')).toBe('fs__read-file');
  });

  it.each([
    ['a dotted name', 'files.read'],
    ['a slash and spaces', 'read / write file'],
    ['a name over 64 characters', 'x'.repeat(80)],
    ['a non-ASCII name', 'résumé'],
  ])('escapes %s into a portable, stable, distinct name', (_case, tool) => {
    const served = combinedToolName('srv', tool);
    expect(served).toMatch(PORTABLE_TOOL_NAME);
    expect(served.startsWith('srv__')).toBe(true);
    expect(combinedToolName('srv', tool)).toBe(served);
  });

  it('keeps two tools apart even when they escape alike', () => {
    expect(combinedToolName('s', 'a.b')).not.toBe(combinedToolName('s', 'a/b'));
    expect(combinedToolName('s', 'a.b')).not.toBe('s__a_b');
  });

  it('fits a 32-character server name with a long tool name into 64 characters', () => {
    const served = combinedToolName('a'.repeat(32), 'b'.repeat(64));
    expect(served.length).toBe(64);
    expect(served).toMatch(PORTABLE_TOOL_NAME);
  });
});

describe('ToolNameTable', () => {
  it('maps served names back to server and tool, and lists the renamed ones', () => {
    const table = new ToolNameTable();
    const plain = table.add('gh', 'list_issues');
    const dotted = table.add('gh', 'repo.get');
    expect(table.target(plain)).toEqual({ server: 'gh', tool: 'list_issues' });
    expect(table.target(dotted)).toEqual({ server: 'gh', tool: 'repo.get' });
    expect(table.target('gh__nope')).toBeUndefined();
    expect(table.renamed()).toEqual([{ served: dotted, server: 'gh', tool: 'repo.get' }]);
  });

  it('gives a colliding name a distinct hashed form', () => {
    const table = new ToolNameTable();
    const escaped = combinedToolName('s', 'a.b');
    const first = table.add('s', escaped.slice('s__'.length));
    const second = table.add('s', 'a.b');
    expect(first).toBe(escaped);
    expect(second).not.toBe(first);
    expect(second).toMatch(PORTABLE_TOOL_NAME);
    expect(table.target(second)).toEqual({ server: 's', tool: 'a.b' });
  });
});
