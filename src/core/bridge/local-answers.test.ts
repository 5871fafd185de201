import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { answerWhileUnavailable, bridgeInitializeResult, unavailableText } from './local-answers.js';

describe('the answers of the bridge on its own', () => {
  it('accepts the client protocol version when supported, else offers the latest', () => {
    expect(bridgeInitializeResult('2025-06-18').protocolVersion).toBe('2025-06-18');
    expect(bridgeInitializeResult('1999-01-01').protocolVersion).toBe(LATEST_PROTOCOL_VERSION);
    expect(bridgeInitializeResult(undefined).serverInfo.name).toBe('MCP Toolkit (bridge)');
  });

  it('lists nothing, fails tool calls as tool errors and other requests as JSON-RPC errors', () => {
    const why = unavailableText('http://127.0.0.1:9/mcp', { kind: 'unreachable', detail: 'ECONNREFUSED' });
    expect(answerWhileUnavailable({ jsonrpc: '2.0', id: 1, method: 'resources/templates/list' }, why)).toEqual({ jsonrpc: '2.0', id: 1, result: { resourceTemplates: [] } });
    expect(answerWhileUnavailable({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'x' } }, why)).toEqual({
      jsonrpc: '2.0',
      id: 2,
      result: { content: [{ type: 'text', text: why }], isError: true },
    });
    expect(answerWhileUnavailable({ jsonrpc: '2.0', id: 3, method: 'completion/complete' }, why)).toMatchObject({ id: 3, error: { message: why } });
    expect(why).toBe(
      'MCP Toolkit is not running at http://127.0.0.1:9/mcp. Start it with `mcp-toolkit serve` or open the MCP Toolkit tray app. This connection resumes on its own once it is running.',
    );
  });
});
