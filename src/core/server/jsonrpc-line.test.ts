import { describe, expect, it } from 'vitest';
import { ID_SCAN_CHARS, leadingRequestId, readJsonRpcLine, requestIdOf } from './jsonrpc-line.js';

describe('readJsonRpcLine', () => {
  it('passes JSON-RPC requests, notifications and responses through the SDK schema', () => {
    expect(readJsonRpcLine('{"jsonrpc":"2.0","id":1,"method":"tools/list"}')).toEqual({
      ok: true,
      message: { jsonrpc: '2.0', id: 1, method: 'tools/list' },
    });
    expect(readJsonRpcLine('{"jsonrpc":"2.0","method":"notifications/initialized"}').ok).toBe(true);
    expect(readJsonRpcLine('{"jsonrpc":"2.0","id":"a","result":{}}').ok).toBe(true);
  });

  it('calls text that is not JSON a parse error, with the id from its start when there is one', () => {
    expect(readJsonRpcLine('{"jsonrpc":"2.0","id":4,"method":"x", oops')).toEqual({ ok: false, code: -32700, reason: 'not JSON', id: 4 });
    expect(readJsonRpcLine('garbage')).toEqual({ ok: false, code: -32700, reason: 'not JSON', id: undefined });
  });

  it('calls JSON that is not a JSON-RPC message an invalid request, answering requests only', () => {
    expect(readJsonRpcLine('{"id":3,"method":5}')).toEqual({ ok: false, code: -32600, reason: 'not a JSON-RPC message', id: 3 });
    expect(readJsonRpcLine('{"jsonrpc":"1.0","id":"q","method":"ping"}')).toMatchObject({ ok: false, code: -32600, id: 'q' });
    expect(readJsonRpcLine('[1,2]')).toMatchObject({ ok: false, code: -32600, id: undefined });
    expect(readJsonRpcLine('42')).toMatchObject({ ok: false, code: -32600, id: undefined });
    // A broken response is never answered.
    expect(readJsonRpcLine('{"jsonrpc":"2.0","id":9,"result":1,"error":2}')).toMatchObject({ ok: false, id: undefined });
  });
});

describe('requestIdOf', () => {
  it('takes string and finite-number ids only', () => {
    expect(requestIdOf({ id: 'x' })).toBe('x');
    expect(requestIdOf({ id: 0 })).toBe(0);
    for (const value of [{ id: null }, { id: {} }, { id: true }, { method: 'x' }, null, 'id', []]) expect(requestIdOf(value)).toBeUndefined();
  });
});

describe('leadingRequestId', () => {
  it('finds the top-level id wherever it sits among the first members', () => {
    expect(leadingRequestId('{"id":12,"method":"tools/call","params":{"x":"aaaa')).toBe(12);
    expect(leadingRequestId(' { "jsonrpc" : "2.0" , "method":"m", "id" : "req-1" , "params":{')).toBe('req-1');
    expect(leadingRequestId('{"jsonrpc":"2.0","id":"a\\"b","params":')).toBe('a"b');
    expect(leadingRequestId('{"id":-1.5e3}')).toBe(-1500);
  });

  it('ignores ids nested in other values and keys named id inside strings', () => {
    expect(leadingRequestId('{"params":{"id":1},"x":"\\"id\\":2","id":3,')).toBe(3);
    expect(leadingRequestId('{"params":{"id":1,"arguments":"aaaa')).toBeUndefined();
    expect(leadingRequestId('{"note":"id","x":["id",{"id":5}],')).toBeUndefined();
  });

  it('gives up on values that may be cut off, ids that are not ids, and non-objects', () => {
    expect(leadingRequestId('{"id":123')).toBeUndefined();
    expect(leadingRequestId('{"id":"abc')).toBeUndefined();
    expect(leadingRequestId('{"id":null,')).toBeUndefined();
    expect(leadingRequestId('{"id":{"a":1},')).toBeUndefined();
    expect(leadingRequestId('[{"id":1}]')).toBeUndefined();
    expect(leadingRequestId('garbage "id":1,')).toBeUndefined();
  });

  it('scans only the start of the text', () => {
    const padding = `"pad":"${'x'.repeat(ID_SCAN_CHARS)}",`;
    expect(leadingRequestId(`{${padding}"id":1,`)).toBeUndefined();
    expect(leadingRequestId(`{"id":1,${padding}`)).toBe(1);
  });
});
