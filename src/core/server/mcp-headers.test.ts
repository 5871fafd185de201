import { describe, expect, it } from 'vitest';
import { normaliseMcpHeaders } from './mcp-headers.js';

describe('normaliseMcpHeaders', () => {
  it('turns curl defaults into what the Streamable HTTP transport requires', () => {
    const out = normaliseMcpHeaders({ 'content-type': 'application/x-www-form-urlencoded', accept: '*/*', 'content-length': '44' });
    expect(out['content-type']).toBe('application/json');
    expect(out.accept).toBe('application/json, text/event-stream');
    expect('content-length' in out).toBe(false);
  });

  it('fills in a missing content type and accept', () => {
    const out = normaliseMcpHeaders({ 'x-api-key': 'k' });
    expect(out).toEqual({ 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'x-api-key': 'k' });
  });

  it('leaves a client that already says what it wants alone', () => {
    const headers = { 'content-type': 'application/json; charset=utf-8', accept: 'application/json, text/event-stream', 'x-api-key': 'k' };
    const out = normaliseMcpHeaders(headers);
    expect(out['content-type']).toBe('application/json; charset=utf-8');
    expect(out.accept).toBe('application/json, text/event-stream');
    expect(out['x-api-key']).toBe('k');
  });
});
