import { createServer, get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendWebResponse } from './http-io.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

const MARKS = [Buffer.from('"isError":true'), Buffer.from('"error":{')];

/** Serves `make()` through `sendWebResponse`; `seen` gets what it returned. */
async function serving(make: () => Response, seen: number[] = []): Promise<string> {
  server = createServer((_req, res) => {
    void sendWebResponse(res, make(), MARKS).then((mark) => seen.push(mark));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

function sse(events: string[], { closeAfter = true } = {}): { stream: ReadableStream<Uint8Array>; push(text: string): void; end(): void } {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      for (const event of events) c.enqueue(new TextEncoder().encode(event));
      if (closeAfter) c.close();
    },
  });
  return { stream, push: (text) => controller.enqueue(new TextEncoder().encode(text)), end: () => controller.close() };
}

function open(url: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => get(url, resolve).on('error', reject));
}

function readAll(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (text += chunk));
    res.on('end', () => resolve(text));
    res.on('error', reject);
  });
}

describe('sendWebResponse', () => {
  it('sends a JSON answer whole, with its length, and finds the marks in it', async () => {
    const seen: number[] = [];
    const url = await serving(() => Response.json({ jsonrpc: '2.0', id: 1, result: { isError: true } }), seen);
    const res = await open(url);
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength('{"jsonrpc":"2.0","id":1,"result":{"isError":true}}')));
    expect(res.headers['transfer-encoding']).toBeUndefined();
    expect(JSON.parse(await readAll(res))).toEqual({ jsonrpc: '2.0', id: 1, result: { isError: true } });
    expect(seen).toEqual([0]);
  });

  it('sends an SSE answer that is already complete whole, with its length', async () => {
    const events = ['id: 1\ndata: \n\n', 'event: message\ndata: {"error":{"code":-1}}\n\n'];
    const seen: number[] = [];
    const url = await serving(() => new Response(sse(events).stream, { headers: { 'Content-Type': 'text/event-stream' } }), seen);
    const res = await open(url);
    expect(res.headers['content-type']).toBe('text/event-stream');
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(events.join(''))));
    expect(await readAll(res)).toBe(events.join(''));
    expect(seen).toEqual([1]);
  });

  it('sends an SSE answer that completes a moment after its priming event whole, with its length', async () => {
    const priming = 'id: 1\ndata: \n\n';
    const answer = 'event: message\ndata: {"result":{}}\n\n';
    const url = await serving(() => {
      // A tool waiting on I/O (an upstream's answer): the answer comes after the event loop turned.
      const stream = sse([priming], { closeAfter: false });
      setTimeout(() => {
        stream.push(answer);
        stream.end();
      }, 5);
      return new Response(stream.stream, { headers: { 'Content-Type': 'text/event-stream' } });
    });
    const res = await open(url);
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(priming + answer)));
    expect(res.headers['transfer-encoding']).toBeUndefined();
    expect(await readAll(res)).toBe(priming + answer);
  });

  it('sends the headers of an SSE stream that stays quiet, then each event as it comes', async () => {
    const stream = sse([], { closeAfter: false });
    const url = await serving(() => new Response(stream.stream, { headers: { 'Content-Type': 'text/event-stream', 'Mcp-Session-Id': 's1' } }));
    // The headers arrive while the stream has yielded nothing yet (after the short start hold).
    const res = await open(url);
    expect(res.headers['mcp-session-id']).toBe('s1');
    expect(res.headers['content-length']).toBeUndefined();
    const first = new Promise<string>((resolve) => res.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8'))));
    stream.push('event: message\ndata: {"n":1}\n\n');
    expect(await first).toBe('event: message\ndata: {"n":1}\n\n');
    const rest = readAll(res);
    stream.push('event: message\ndata: {"n":2}\n\n');
    stream.end();
    expect(await rest).toBe('event: message\ndata: {"n":2}\n\n');
  });

  it('answers a body-less response with its status alone', async () => {
    const url = await serving(() => new Response(null, { status: 202 }));
    const res = await open(url);
    expect(res.statusCode).toBe(202);
    expect(await readAll(res)).toBe('');
  });
});
