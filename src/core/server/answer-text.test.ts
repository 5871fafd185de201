import type { JSONRPCResponse } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { listedTool } from '../tools/tool-listing.js';
import { answerText } from './answer-text.js';

const tools = [
  listedTool({ name: 'echo', description: 'Says it back: "quoted", \u2028 and </script>', inputSchema: { type: 'object', properties: { text: { type: 'string' } } } }).tool,
  listedTool({ name: 'time', title: 'Time', inputSchema: { type: 'object' }, outputSchema: { type: 'object' }, annotations: { readOnlyHint: true } }).tool,
];

function answer(result: unknown, id: string | number = 7): JSONRPCResponse {
  return { jsonrpc: '2.0', id, result } as JSONRPCResponse;
}

describe('answerText', () => {
  it('writes a tools/list answer of catalogue entries exactly as JSON.stringify does', () => {
    for (const id of [7, 'a "quoted" \\ id \u0000', 0]) {
      const list = answer({ tools: [...tools] }, id);
      expect(answerText(list)).toBe(JSON.stringify(list));
    }
    const reordered = { id: 3, result: { tools: [...tools] }, jsonrpc: '2.0' } as JSONRPCResponse;
    expect(answerText(reordered)).toBe(JSON.stringify(reordered));
  });

  it('serialises anything else as it is: other tools, other result fields, other answers', () => {
    const copies = answer({ tools: tools.map((tool) => ({ ...tool, description: 'changed' })) });
    const paged = answer({ tools: [...tools], nextCursor: 'next' });
    const other = answer({ content: [{ type: 'text', text: 'hi' }] });
    const empty = answer({ tools: [] });
    for (const value of [copies, paged, other, empty]) expect(answerText(value)).toBe(JSON.stringify(value));
    expect(answerText(copies)).toContain('"changed"');
  });
});
