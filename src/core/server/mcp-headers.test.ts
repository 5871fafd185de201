import { describe, expect, it } from 'vitest';
import { normaliseMcpHeaders } from './mcp-headers.js';

describe('normaliseMcpHeaders', () => {
  it('turns curl defaults into what the Streamable HTTP transport requires', () => {
    const out = normaliseMcpHeaders(new Headers({ 'content-type': 'application/x-www-form-urlencoded', accept: '*/*', 'content-length': '44' }));
    expect(out.get('content-type')).toBe('application/json');
    expect(out.get('accept')).toBe('application/json, text/event-stream');
    expect(out.has('content-length')).toBe(false);
  });

  it('leaves a client that already says what it wants alone', () => {
    const headers = new Headers({ 'content-type': 'application/json; charset=utf-8', accept: 'application/json, text/event-stream', 'x-api-key': 'k' });
    const out = normaliseMcpHeaders(headers);
    expect(out.get('content-type')).toBe('application/json; charset=utf-8');
    expect(out.get('accept')).toBe('application/json, text/event-stream');
    expect(out.get('x-api-key')).toBe('k');
  });
});
