/**
 * A remote server on plain http (not this computer) that asks for a sign-in
 * (401) ends crashed, not retried, with the reason in the user's words; it
 * is never sent a token. The server runs on 127.0.0.1; the transport's fetch
 * carries requests for `mcp.example.invalid` there, so nothing leaves the
 * machine while the toolkit sees a remote plain-http URL.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createUpstreamConnection } from '../../src/core/gateway/upstream-connection.js';
import { usesSignIn, type HttpUpstream } from '../../src/core/gateway/upstream-spec.js';
import { waitForState } from './support.js';

const REMOTE = 'http://mcp.example.invalid/mcp';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
  vi.unstubAllGlobals();
});

/** An MCP server that wants a sign-in: every request gets a 401 naming its metadata. */
async function startWantsSignIn(): Promise<{ origin: string; seen: IncomingHttpHeaders[] }> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    seen.push(request.headers);
    request.resume();
    response.writeHead(401, { 'www-authenticate': `Bearer resource_metadata="${REMOTE.replace('/mcp', '/.well-known/oauth-protected-resource')}"` });
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe('a plain-http remote server that wants a sign-in', () => {
  it('stays crashed with the reason, and no token is sent', async () => {
    const server = await startWantsSignIn();
    const realFetch = globalThis.fetch;
    const toLoopback = vi.fn((input: string | URL | Request, init?: RequestInit) => realFetch(String(input instanceof Request ? input.url : input).replace('http://mcp.example.invalid', server.origin), init));
    vi.stubGlobal('fetch', toLoopback);
    const spec: HttpUpstream = { kind: 'http', name: 'wiki', url: REMOTE, headers: {} };
    expect(usesSignIn(spec)).toBe(false); // so the gateway gives it no sign-in (no provider, no token)
    const connection = createUpstreamConnection({ spec, report: () => undefined });
    closers.push(() => connection.stop());
    connection.start();
    await waitForState(connection, 'crashed');

    const status = connection.status();
    expect(status.lastError).toBe('wants a sign-in, but its URL is plain http (http://mcp.example.invalid/mcp): a sign-in would send your tokens unencrypted; use its https URL');
    expect(status.retryAt).toBeUndefined();
    expect(server.seen).toHaveLength(1);
    expect(server.seen[0]?.authorization).toBeUndefined();
    expect(toLoopback.mock.calls.map(([input]) => String(input))).toEqual([REMOTE]);
  });
});
