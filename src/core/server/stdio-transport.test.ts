import { PassThrough, Writable } from 'node:stream';
import type { JSONRPCMessage } from '@modelcontextprotocol/server';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineTool } from '../tools/define-tool.js';
import { ToolRegistry } from '../tools/registry.js';
import { textResult } from '../tools/tool-result.js';
import { runStdioServer } from './stdio.js';
import { LineStdioTransport, StdioTransportError } from './stdio-transport.js';

const INITIALIZE = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'test', version: '1' } } };
const greet = defineTool({ name: 'greet', description: 'Says hello.', inputSchema: z.object({}), run: async () => textResult('hello') });
/** A tool that answers on a later turn of the event loop, so its reply is still pending when stdin ends. */
const later = defineTool({
  name: 'later',
  description: 'Answers after a timer.',
  inputSchema: z.object({}),
  run: () => new Promise((resolve) => setTimeout(() => resolve(textResult('done')), 20)),
});
const registry = new ToolRegistry([{ id: 'test', tools: () => [greet, later] }]);

type Reply = { id: unknown; result?: unknown; error?: { code: number; message: string } };

/** Collects what a stream receives, as parsed JSON lines. */
function replies(stream: PassThrough): Reply[] {
  const lines: Reply[] = [];
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    const parts = text.split('\n');
    text = parts.pop() ?? '';
    for (const part of parts) lines.push(JSON.parse(part) as Reply);
  });
  return lines;
}

const line = (message: object): string => `${JSON.stringify(message)}\n`;

/** A stdout whose writes complete only after `release()`: a client that does not read. */
function stalledStdout(highWaterMark = 1024): { stream: Writable; written: () => string[]; release: () => void } {
  const chunks: string[] = [];
  let flowing = false;
  let held: (() => void) | undefined;
  const stream = new Writable({
    highWaterMark,
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      if (flowing) callback();
      else held = () => callback();
    },
  });
  return {
    stream,
    written: () => chunks.join('').split('\n').filter(Boolean),
    release: () => {
      flowing = true;
      held?.();
    },
  };
}

describe('runStdioServer over the hardened line transport', () => {
  it('answers a too-large line with an error, logs one short line, and serves the next request', async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const got = replies(stdout);
    const log = vi.fn();
    const running = runStdioServer({ registry, stdin, stdout, log, limits: { maxLineBytes: 64 * 1024 } });

    stdin.write(line(INITIALIZE));
    stdin.write(`{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"greet","arguments":{"x":"${'s'.repeat(200 * 1024)}"}}}\n`);
    stdin.write(line({ jsonrpc: '2.0', id: 3, method: 'tools/list' }));
    await vi.waitFor(() => expect(got.map((r) => r.id)).toContain(3));

    expect(got.find((r) => r.id === 2)).toEqual({ jsonrpc: '2.0', id: 2, error: { code: -32600, message: 'Message too large: over 65536 bytes' } });
    expect(got.find((r) => r.id === 3)?.result).toMatchObject({ tools: [{ name: 'greet' }, { name: 'later' }] });
    const logged = log.mock.calls.map(([text]) => String(text));
    expect(logged).toEqual([expect.stringMatching(/^\[stdio\] line 2: \d+-byte line over the 65536-byte limit; answered id 2 with -32600$/)]);

    stdin.end();
    await expect(running).resolves.toBeUndefined();
  });

  it('answers an oversized line whose start shows no id with id null', async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const got = replies(stdout);
    const running = runStdioServer({ registry, stdin, stdout, limits: { maxLineBytes: 1024 } });
    stdin.write(`${'x'.repeat(5000)}\n`);
    stdin.end(line({ jsonrpc: '2.0', id: 'after', method: 'ping' }));
    await running;
    expect(got).toEqual([
      { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Message too large: over 1024 bytes' } },
      { jsonrpc: '2.0', id: 'after', result: {} },
    ]);
  });

  it('answers garbage that carries an id, only logs garbage without one, and keeps serving', async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const got = replies(stdout);
    const log = vi.fn();
    const running = runStdioServer({ registry, stdin, stdout, log });

    stdin.write(line(INITIALIZE));
    stdin.write('{"jsonrpc":"2.0","id":7,"method":"tools/list",, secret-token\n');
    stdin.write('{"id":8,"method":42}\n');
    stdin.write('complete garbage with a secret-token\n');
    stdin.write(line({ jsonrpc: '2.0', id: 9, method: 'tools/list' }));
    await vi.waitFor(() => expect(got.map((r) => r.id)).toContain(9));

    // Refusals go out at once; replies keep no order in JSON-RPC, so compare by id.
    expect(got.map((r) => [r.id, r.error?.code]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [1, undefined],
      [7, -32700],
      [8, -32600],
      [9, undefined],
    ]);
    const logged = log.mock.calls.map(([text]) => String(text));
    expect(logged).toEqual([
      '[stdio] line 2: 60-byte line is not JSON; answered id 7 with -32700',
      '[stdio] line 3: 20-byte line is not a JSON-RPC message; answered id 8 with -32600',
      '[stdio] line 4: 36-byte line is not JSON; no id, not answered',
    ]);
    expect(logged.join('\n')).not.toContain('secret-token');

    stdin.end();
    await running;
  });

  it('writes every reply to requests it has read before resolving at end of input', async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const got = replies(stdout);
    const running = runStdioServer({ registry, stdin, stdout });
    const calls = Array.from({ length: 5 }, (_, i) => ({ jsonrpc: '2.0', id: 100 + i, method: 'tools/call', params: { name: 'later', arguments: {} } }));
    stdin.end([INITIALIZE, ...calls].map(line).join(''));
    await running;
    expect(got.map((r) => r.id)).toEqual([1, 100, 101, 102, 103, 104]);
    expect(got.at(-1)?.result).toMatchObject({ content: [{ type: 'text', text: 'done' }] });
  });

  it('rejects when stdout fails, and resolves on the abort signal with stdin still open', async () => {
    const failing = new Writable({ write: (_chunk, _encoding, callback) => callback(Object.assign(new Error('broken pipe'), { code: 'EPIPE' })) });
    const stdinA = new PassThrough();
    const failed = runStdioServer({ registry, stdin: stdinA, stdout: failing });
    stdinA.write(line(INITIALIZE));
    await expect(failed).rejects.toMatchObject({ name: 'StdioTransportError', code: 'STDOUT_FAILED', message: 'stdout failed: EPIPE' });

    const controller = new AbortController();
    const running = runStdioServer({ registry, stdin: new PassThrough(), stdout: new PassThrough() }, controller.signal);
    controller.abort();
    await expect(running).resolves.toBeUndefined();
  });
});

describe('LineStdioTransport logging', () => {
  it('logs bounded lines, and only every 1000th refusal after the first 100', async () => {
    const stdin = new PassThrough();
    const log = vi.fn();
    const transport = new LineStdioTransport(stdin, new PassThrough(), { log });
    await transport.start();
    stdin.write(`{"id":"${'i'.repeat(10_000)}","method":7}\n`);
    stdin.end('nonsense\n'.repeat(1199));
    await expect(transport.finished).resolves.toBe('eof');

    const logged = log.mock.calls.map(([text]) => String(text));
    expect(logged).toHaveLength(101);
    expect(logged[0]).toMatch(/^\[stdio\] line 1: 10020-byte line is not a JSON-RPC message; answered id "i{39}… with -32600$/);
    expect(logged[100]).toBe('[stdio] line 1000: 8-byte line is not JSON; no id, not answered (1000 refused lines so far; logging every 1000th)');
    for (const text of logged) expect(text.length).toBeLessThan(200);
  });
});

describe('LineStdioTransport back-pressure', () => {
  /** A transport whose "server" answers every request at once with an empty result. */
  async function echoing(stdin: PassThrough, stdout: Writable, limits: ConstructorParameters<typeof LineStdioTransport>[2]) {
    const transport = new LineStdioTransport(stdin, stdout, limits);
    const seen: JSONRPCMessage[] = [];
    transport.onmessage = (message) => {
      seen.push(message);
      if ('id' in message && 'method' in message) void transport.send({ jsonrpc: '2.0', id: message.id, result: {} });
    };
    await transport.start();
    return { transport, seen };
  }

  it('stops reading stdin while stdout does not drain, and finishes everything once it does', async () => {
    const stdin = new PassThrough();
    const stdout = stalledStdout();
    const { transport, seen } = await echoing(stdin, stdout.stream, { maxQueuedBytes: 4096 });
    const total = 5000;
    stdin.end(Array.from({ length: total }, (_, i) => line({ jsonrpc: '2.0', id: i, method: 'ping' })).join(''));

    await vi.waitFor(() => expect(stdin.isPaused()).toBe(true));
    // Reading stopped at the bound: about 4 KiB of ~40-byte replies, not the 5,000 requests.
    expect(seen.length).toBeLessThan(200);
    expect(stdout.stream.writableLength).toBeLessThan(4096 + 100);

    stdout.release();
    await expect(transport.finished).resolves.toBe('eof');
    expect(seen).toHaveLength(total);
    expect(stdout.written()).toHaveLength(total);
  });

  it('stops reading while too many requests are unanswered, and reads on as they are answered or cancelled', async () => {
    const stdin = new PassThrough();
    const transport = new LineStdioTransport(stdin, new PassThrough(), { maxInFlight: 3 });
    const seen: JSONRPCMessage[] = [];
    transport.onmessage = (message) => void seen.push(message);
    await transport.start();
    stdin.write(Array.from({ length: 10 }, (_, i) => line({ jsonrpc: '2.0', id: i, method: 'ping' })).join(''));

    await vi.waitFor(() => expect(seen).toHaveLength(3));
    expect(stdin.isPaused()).toBe(true);
    await transport.send({ jsonrpc: '2.0', id: 0, result: {} });
    await vi.waitFor(() => expect(seen).toHaveLength(4));
    await transport.send({ jsonrpc: '2.0', id: 2, result: {} });
    await vi.waitFor(() => expect(seen).toHaveLength(5));
    expect(stdin.isPaused()).toBe(true);
    await transport.close();
    await expect(transport.finished).resolves.toBe('closed');
  });

  it('frees the slot of a cancelled request', async () => {
    const stdin = new PassThrough();
    const transport = new LineStdioTransport(stdin, new PassThrough(), { maxInFlight: 2 });
    const seen: JSONRPCMessage[] = [];
    transport.onmessage = (message) => void seen.push(message);
    await transport.start();
    const ping = (id: number): string => line({ jsonrpc: '2.0', id, method: 'ping' });
    stdin.write([ping(0), ping(1), line({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 0 } }), ping(2), ping(3)].join(''));

    // 0 and 1 fill both slots, so the cancellation behind them waits; once 1 is answered, it frees 0's slot too.
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    await transport.send({ jsonrpc: '2.0', id: 1, result: {} });
    await vi.waitFor(() => expect(seen.map((m) => ('id' in m ? m.id : 'cancel'))).toEqual([0, 1, 'cancel', 2, 3]));
    await transport.close();
    await expect(transport.finished).resolves.toBe('closed');
  });

  it('gives up with an error when replies cannot be written after stdin ended', async () => {
    const stdin = new PassThrough();
    const stdout = stalledStdout();
    const { transport } = await echoing(stdin, stdout.stream, { endGraceMs: 50 });
    stdin.end(line({ jsonrpc: '2.0', id: 1, method: 'ping' }));
    const error = await transport.finished.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(StdioTransportError);
    expect(error).toMatchObject({ code: 'REPLIES_UNSENT' });
  });
});
