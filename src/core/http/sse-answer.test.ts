import { createServer, get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendWebResponse } from './http-io.js';
import { createSseAnswer, sseMessageEvent } from './sse-answer.js';

let server: Server | undefined;
async function stopServer(): Promise<void> {
  const running = server;
  server = undefined;
  if (running === undefined) return;
  running.closeAllConnections();
  await new Promise((resolve) => running.close(resolve));
}
afterEach(stopServer);

/** What a client reads from a server whose every answer `answer` writes: status, headers, body, and the first chunk. */
async function fetched(answer: (res: import('node:http').ServerResponse) => void): Promise<{ res: IncomingMessage; body: string }> {
  server = createServer((_req, res) => answer(res));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const res = await new Promise<IncomingMessage>((resolve, reject) => get(`http://127.0.0.1:${(server!.address() as AddressInfo).port}/`, resolve).on('error', reject));
  let body = '';
  for await (const chunk of res) body += String(chunk);
  return { res, body };
}

/** The MCP SDK's SSE answer to a POST, as its web transport builds it (its headers, its framing). */
function sdkSseResponse(messages: readonly string[]): Response {
  const body = messages.map((json) => `event: message\ndata: ${json}\n\n`).join('');
  return new Response(body, {
    headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' },
  });
}

const PROGRESS = '{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":"t","progress":1}}';
const ANSWER = '{"result":{"content":[]},"jsonrpc":"2.0","id":1}';

describe('an SSE answer written as it goes', () => {
  it('frames a message as the SDK does, with its event id when it has one', () => {
    expect(sseMessageEvent('{}')).toBe('event: message\ndata: {}\n\n');
    expect(sseMessageEvent('{}', 's1_7')).toBe('event: message\nid: s1_7\ndata: {}\n\n');
  });

  it('sends what the SDK web answer sends, headers and bytes, for an answer alone and for one with a message before it', async () => {
    for (const messages of [[ANSWER], [PROGRESS, ANSWER]]) {
      const ours = await fetched((res) => {
        const answer = createSseAnswer(res);
        messages.slice(0, -1).forEach((json) => answer.event(json));
        answer.end(messages.at(-1)!);
      });
      await stopServer();
      const sdk = await fetched((res) => void sendWebResponse(res, sdkSseResponse(messages)));
      expect(ours.res.statusCode).toBe(200);
      expect(ours.body).toBe(sdk.body);
      for (const name of ['content-type', 'cache-control', 'x-accel-buffering']) expect(ours.res.headers[name]).toBe(sdk.res.headers[name]);
      await stopServer();
    }
  });

  it('sends an answer alone in one piece with its length, and a longer one as it goes', async () => {
    const alone = await fetched((res) => createSseAnswer(res).end(ANSWER));
    expect(alone.res.headers['content-length']).toBe(String(Buffer.byteLength(sseMessageEvent(ANSWER))));
    await stopServer();

    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    server = createServer((_req, res) => {
      const answer = createSseAnswer(res);
      answer.event(PROGRESS);
      void released.then(() => answer.end(ANSWER));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const res = await new Promise<IncomingMessage>((resolve, reject) => get(`http://127.0.0.1:${(server!.address() as AddressInfo).port}/`, resolve).on('error', reject));
    expect(res.headers['content-length']).toBeUndefined();
    const chunks = res[Symbol.asyncIterator]();
    // The progress event arrives while the answer is still held back.
    expect(String((await chunks.next()).value)).toBe(sseMessageEvent(PROGRESS));
    release();
    let rest = '';
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) rest += String(next.value);
    expect(rest).toBe(sseMessageEvent(ANSWER));
  });
});
