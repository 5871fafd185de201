/**
 * TEST ONLY: a remote MCP server that requires a bearer token, on 127.0.0.1:
 * `node:http` in front of a stateless v1 SDK server with an `echo` and an
 * `admin` tool. It records the credentials of every request it receives, and
 * answers as an OAuth protected resource does: 401 with `resource_metadata`
 * without a usable token, 403 `insufficient_scope` when the token lacks the
 * `admin` scope for the `admin` tool.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

export interface ReceivedRequest {
  readonly path: string;
  readonly authorization?: string;
  readonly apiKey?: string;
  /** The JSON-RPC method, when the body was one request. */
  readonly method?: string;
}

/** What the upstream makes of a bearer token: its scopes, or undefined when it does not accept it. */
export type TokenCheck = (token: string) => readonly string[] | undefined;

export interface ProtectedUpstream {
  readonly url: string;
  readonly received: ReceivedRequest[];
  /** What the upstream accepts; replace it to revoke a token. */
  accept: TokenCheck;
  close(): Promise<void>;
}

export const ADMIN_SCOPE = 'admin:write';

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function methodOf(body: string): { method?: string; tool?: string } {
  try {
    const message = JSON.parse(body) as { method?: string; params?: { name?: string } };
    return { ...(message.method !== undefined ? { method: message.method } : {}), ...(message.params?.name !== undefined ? { tool: message.params.name } : {}) };
  } catch {
    return {};
  }
}

export async function startProtectedUpstream(accept: TokenCheck): Promise<ProtectedUpstream> {
  const received: ReceivedRequest[] = [];
  const state = { accept };
  let url = '';
  const server = createServer((request, response) => {
    void (async () => {
      const body = request.method === 'POST' ? await readBody(request) : '';
      const { method, tool } = methodOf(body);
      const authorization = request.headers.authorization;
      const apiKey = request.headers['x-api-key'];
      received.push({ path: request.url ?? '', ...(authorization !== undefined ? { authorization } : {}), ...(typeof apiKey === 'string' ? { apiKey } : {}), ...(method !== undefined ? { method } : {}) });
      const metadata = `${new URL(url).origin}/.well-known/oauth-protected-resource/mcp`;
      if (request.url?.startsWith('/.well-known/')) {
        response.writeHead(404).end();
        return;
      }
      const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
      const scopes = token === undefined ? undefined : state.accept(token);
      if (scopes === undefined) {
        const invalid = token !== undefined ? ', error="invalid_token"' : '';
        response.writeHead(401, { 'WWW-Authenticate': `Bearer resource_metadata="${metadata}"${invalid}` }).end();
        return;
      }
      if (method === 'tools/call' && tool === 'admin' && !scopes.includes(ADMIN_SCOPE)) {
        response.writeHead(403, { 'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${ADMIN_SCOPE}", resource_metadata="${metadata}"` }).end();
        return;
      }
      const mcp = new McpServer({ name: 'protected-fixture', version: '1.0.0' });
      mcp.registerTool('echo', { inputSchema: { text: z.string() } }, async ({ text }) => ({ content: [{ type: 'text', text }] }));
      mcp.registerTool('admin', { inputSchema: {} }, async () => ({ content: [{ type: 'text', text: 'admin done' }] }));
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      response.on('close', () => void transport.close());
      await mcp.connect(transport);
      await transport.handleRequest(request, response, body === '' ? undefined : JSON.parse(body));
    })().catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
  return {
    url,
    received,
    get accept() {
      return state.accept;
    },
    set accept(check: TokenCheck) {
      state.accept = check;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
