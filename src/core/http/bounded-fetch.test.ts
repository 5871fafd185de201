import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startHostileHttpServer,
  stallAfterHeaders,
  streamHugeBody,
  type HostileHttpServer,
  type StreamOutcome,
} from './testing/hostile-http-server.js';
import { BoundedFetchError, boundedFetch, formatBytes, RESPONSE_TIMEOUT, RESPONSE_TOO_LARGE } from './bounded-fetch.js';

const KIB = 1024;
const MIB = 1024 * KIB;

describe('boundedFetch against a real server', () => {
  let server: HostileHttpServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  async function serve(respond: (res: ServerResponse) => void): Promise<string> {
    server = await startHostileHttpServer((_req, res) => respond(res));
    return `${server.origin}/doc`;
  }

  async function rejection(promise: Promise<unknown>): Promise<BoundedFetchError> {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(BoundedFetchError);
    return error as BoundedFetchError;
  }

  it('returns a body within the limits as a readable Response', async () => {
    const url = await serve((res) => res.writeHead(201, { 'x-kind': 'doc' }).end('{"ok":true}'));
    const response = await boundedFetch(url, {}, { maxBytes: KIB, timeoutMs: 2_000 });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-kind')).toBe('doc');
    expect(await response.json()).toEqual({ ok: true });
  });

  it('refuses a body whose Content-Length is over the limit, naming the URL and the limit', async () => {
    const url = await serve((res) => res.end('x'.repeat(MIB + 1)));
    const error = await rejection(boundedFetch(url, {}, { maxBytes: MIB, timeoutMs: 5_000 }));
    expect(error.code).toBe(RESPONSE_TOO_LARGE);
    expect(error.message).toBe(`response from ${url} is larger than the 1 MiB limit`);
  });

  it('stops reading a chunked body at the limit and closes the connection', async () => {
    let outcome: Promise<StreamOutcome> | undefined;
    const url = await serve((res) => {
      outcome = streamHugeBody(res, { limitBytes: 50 * MIB });
    });
    const error = await rejection(boundedFetch(url, {}, { maxBytes: MIB, timeoutMs: 10_000 }));
    expect(error.code).toBe(RESPONSE_TOO_LARGE);
    const streamed = await outcome!;
    expect(streamed.clientDisconnected).toBe(true);
    expect(streamed.bytesSent).toBeLessThan(8 * MIB); // the cap plus socket buffers, not 50 MiB
  });

  it('times out a body that starts and never finishes', async () => {
    const url = await serve((res) => stallAfterHeaders(res));
    const started = Date.now();
    const error = await rejection(boundedFetch(url, {}, { maxBytes: MIB, timeoutMs: 300 }));
    expect(error.code).toBe(RESPONSE_TIMEOUT);
    expect(error.message).toBe(`${url} did not answer in full within 300 ms`);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('times out a server that never sends headers', async () => {
    const url = await serve(() => undefined);
    const error = await rejection(boundedFetch(url, {}, { maxBytes: MIB, timeoutMs: 300 }));
    expect(error.code).toBe(RESPONSE_TIMEOUT);
  });

  it("lets the caller's own signal abort with the caller's reason", async () => {
    const url = await serve((res) => stallAfterHeaders(res));
    const controller = new AbortController();
    const pending = boundedFetch(url, { signal: controller.signal }, { maxBytes: MIB, timeoutMs: 10_000 });
    controller.abort(new Error('user cancelled'));
    await expect(pending).rejects.toThrow('user cancelled');
  });
});

describe('formatBytes', () => {
  it('names whole MiB and KiB, else bytes', () => {
    expect([formatBytes(MIB), formatBytes(512 * KIB), formatBytes(1000)]).toEqual(['1 MiB', '512 KiB', '1000 bytes']);
  });
});
