import { SdkErrorCode, SdkHttpError } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { classifyUpstreamError, ConnectTimeoutError, isLostSessionStream } from './upstream-failure.js';

const http = (status: number, text?: string, code = SdkErrorCode.ClientHttpNotImplemented) => new SdkHttpError(code, 'Error POSTing to endpoint', { status, statusText: 'Status', text });

describe('classifyUpstreamError', () => {
  it('tells a refused connection, a forgotten session and a refusal apart', () => {
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    expect(classifyUpstreamError(refused)).toEqual({ kind: 'unreachable', detail: 'ECONNREFUSED' });
    expect(classifyUpstreamError(new ConnectTimeoutError('no answer'))).toEqual({ kind: 'unreachable', detail: 'no answer' });
    expect(classifyUpstreamError(http(404))).toEqual({ kind: 'session-lost' });
    expect(classifyUpstreamError(http(429, '{"error":{"code":"RATE_LIMITED","message":"Too many requests."}}'))).toEqual({
      kind: 'refused',
      status: 429,
      detail: 'RATE_LIMITED: Too many requests.',
    });
    expect(classifyUpstreamError(http(500, 'not json'))).toEqual({ kind: 'refused', status: 500, detail: 'Status' });
    expect(classifyUpstreamError(new Error('SSE stream disconnected'))).toEqual({ kind: 'other', detail: 'SSE stream disconnected' });
  });

  it('recognises the event stream of a forgotten session', () => {
    expect(isLostSessionStream(http(404, undefined, SdkErrorCode.ClientHttpFailedToOpenStream))).toBe(true);
    expect(isLostSessionStream(http(404))).toBe(false);
    expect(isLostSessionStream(http(500, undefined, SdkErrorCode.ClientHttpFailedToOpenStream))).toBe(false);
  });
});
