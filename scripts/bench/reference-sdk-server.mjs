#!/usr/bin/env node
// The reference of `npm run bench`: what a TypeScript user writes with the v1 SDK instead of
// running this toolkit. `McpServer` + `StreamableHTTPServerTransport` on plain `node:http`,
// three small tools, no auth. Listens on 127.0.0.1, port 0, and prints `listening on URL`.
//
//   (default)     stateful: `initialize` opens a session (one transport + server per session,
//                 `sessionIdGenerator: randomUUID`); later requests find it by `Mcp-Session-Id`.
//   --stateless   the SDK's stateless example: a new server + transport per request (SSE answers).
//   --json        with --stateless: `enableJsonResponse: true` (JSON answers).
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { hostname, platform, release } from 'node:os';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

const flags = new Set(process.argv.slice(2));
const STATELESS = flags.has('--stateless');
const JSON_ANSWERS = flags.has('--json');

const READ_ONLY = { readOnlyHint: true, openWorldHint: false };
const zone = z.string().min(1).max(64).describe('IANA time zone name, e.g. "Europe/Paris" or "UTC"');
const json = (value) => ({ content: [{ type: 'text', text: JSON.stringify(value, null, 2) }], structuredContent: value });

function timeIn(timezone, date) {
  const datetime = new Intl.DateTimeFormat('sv-SE', { timeZone: timezone, dateStyle: 'short', timeStyle: 'medium' }).format(date);
  return { timezone, datetime, utc: date.toISOString() };
}

/** One server with the three tools, as the SDK's examples build it. */
function buildServer() {
  const server = new McpServer({ name: 'reference-sdk-server', version: '1.0.0' });
  server.registerTool(
    'get_current_time',
    { title: 'Current time', description: 'Returns the current date and time in a time zone (default UTC).', inputSchema: { timezone: zone.optional() }, annotations: READ_ONLY },
    async ({ timezone }) => json(timeIn(timezone ?? 'UTC', new Date())),
  );
  server.registerTool(
    'convert_time',
    {
      title: 'Convert time between zones',
      description: 'Shows an ISO instant in another time zone.',
      inputSchema: { time: z.string().min(4).max(32).describe('An ISO 8601 instant'), target_timezone: zone },
      annotations: READ_ONLY,
    },
    async ({ time, target_timezone }) => json(timeIn(target_timezone, new Date(time))),
  );
  server.registerTool(
    'get_system_info',
    { title: 'System information', description: 'Returns the host name, platform and OS release.', annotations: READ_ONLY },
    async () => json({ hostname: hostname(), platform: platform(), release: release() }),
  );
  return server;
}

function readJson(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      try {
        resolve(chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined);
      } catch (error) {
        reject(error);
      }
    });
    req.on('error', reject);
  });
}

function sendError(res, status, message) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}

/** The SDK's stateful example on node:http: one transport + server per session. */
const transports = new Map();
async function handleStateful(req, res, body) {
  const sessionId = req.headers['mcp-session-id'];
  let transport = typeof sessionId === 'string' ? transports.get(sessionId) : undefined;
  if (transport === undefined) {
    if (sessionId !== undefined || req.method !== 'POST' || !isInitializeRequest(body)) return sendError(res, 400, 'Bad Request: No valid session ID provided');
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => transports.set(id, transport),
    });
    transport.onclose = () => {
      if (transport.sessionId !== undefined) transports.delete(transport.sessionId);
    };
    await buildServer().connect(transport);
  }
  await transport.handleRequest(req, res, body);
}

/** The SDK's stateless example on node:http: a new server + transport per request. */
async function handleStateless(req, res, body) {
  if (req.method !== 'POST') return sendError(res, 405, 'Method not allowed.');
  const server = buildServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: JSON_ANSWERS });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, body);
}

const http = createServer(async (req, res) => {
  try {
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/mcp') return sendError(res, 404, 'Not found');
    const body = req.method === 'POST' ? await readJson(req) : undefined;
    await (STATELESS ? handleStateless : handleStateful)(req, res, body);
  } catch (error) {
    if (!res.headersSent) sendError(res, 500, `Internal server error: ${error.message}`);
  }
});
http.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${http.address().port}`));
process.on('SIGTERM', () => process.exit(0));
