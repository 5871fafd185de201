// What `npm run bench` sends to /mcp: the request of each workload on each path, as exact bytes
// and headers (autocannon replays them), the opening of 2025-11-25 sessions, and the check that
// an answer is right (status, content type, the expected result).
import { request } from 'node:http';

export const LATEST_2025 = '2025-11-25';
export const MODERN = '2026-07-28';

const CALL_PARAMS = { name: 'get_current_time', arguments: { timezone: 'UTC' } };
const ENVELOPE = {
  'io.modelcontextprotocol/protocolVersion': MODERN,
  'io.modelcontextprotocol/clientInfo': { name: 'bench', version: '1.0.0' },
  'io.modelcontextprotocol/clientCapabilities': {},
};

/** The workloads: a JSON-RPC method and its params. */
export const WORKLOADS = {
  'tools/list': { method: 'tools/list', params: undefined },
  'tools/call': { method: 'tools/call', params: CALL_PARAMS },
};

const BOTH = 'application/json, text/event-stream';

/**
 * The paths: how a request is sent and how it must be answered.
 * - `session`: in a 2025-11-25 session (opened before the run), answered as SSE;
 * - `json`: sessionless 2025-11-25 with `Accept: application/json`, answered as JSON;
 * - `sse`: sessionless 2025-11-25 with `Accept: application/json, text/event-stream`, answered as SSE;
 * - `2026`: the 2026-07-28 per-request envelope (`_meta` + `Mcp-Method`/`Mcp-Name` headers), answered as JSON.
 */
export const PATHS = {
  session: { accept: BOTH, answer: 'text/event-stream', session: true },
  json: { accept: 'application/json', answer: 'application/json' },
  sse: { accept: BOTH, answer: 'text/event-stream' },
  2026: { accept: BOTH, answer: 'application/json', modern: true },
};

/** Body and headers of one workload on one path (the session id is added per connection). */
export function requestOf(workloadName, pathName, extraHeaders = {}, { accept } = {}) {
  const { method, params } = WORKLOADS[workloadName];
  const path = PATHS[pathName];
  const headers = { 'content-type': 'application/json', accept: accept ?? path.accept, ...extraHeaders };
  let body;
  if (path.modern) {
    body = { jsonrpc: '2.0', id: 1, method, params: { ...params, _meta: ENVELOPE } };
    Object.assign(headers, { 'mcp-protocol-version': MODERN, 'mcp-method': method }, params?.name ? { 'mcp-name': params.name } : {});
  } else {
    body = { jsonrpc: '2.0', id: 1, method, ...(params ? { params } : {}) };
    if (path.session) headers['mcp-protocol-version'] = LATEST_2025;
  }
  return { headers, body: JSON.stringify(body) };
}

/** One POST over node:http (so a test can pick the local address); status, headers and text. */
function post(url, headers, body, localAddress) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers, ...(localAddress ? { localAddress } : {}) }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Opens one 2025-11-25 session (initialize + notifications/initialized) from `localAddress`
 * (127.0.0.x; the default is the system's choice); its id.
 */
export async function openSession(url, extraHeaders = {}, localAddress = undefined) {
  const headers = { 'content-type': 'application/json', accept: BOTH, ...extraHeaders };
  const init = { protocolVersion: LATEST_2025, capabilities: {}, clientInfo: { name: 'bench', version: '1.0.0' } };
  const opened = await post(`${url}/mcp`, headers, JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize', params: init }), localAddress);
  const id = opened.headers['mcp-session-id'];
  if (opened.status !== 200 || typeof id !== 'string') throw new Error(`initialize: ${opened.status} ${opened.text.slice(0, 200)}`);
  const sessionHeaders = { ...headers, 'mcp-session-id': id, 'mcp-protocol-version': LATEST_2025 };
  const done = await post(`${url}/mcp`, sessionHeaders, '{"jsonrpc":"2.0","method":"notifications/initialized"}', localAddress);
  if (done.status !== 202) throw new Error(`notifications/initialized: ${done.status}`);
  return id;
}

/** The JSON-RPC message of an answer: the JSON body, or the last `data:` line of an SSE body. */
function messageOf(text, contentType) {
  if (contentType.startsWith('application/json')) return JSON.parse(text);
  const data = text.split('\n').filter((line) => line.startsWith('data: ') && line.length > 7);
  return JSON.parse(data.at(-1).slice(6));
}

/** Why the answer to `workloadName` is wrong, or undefined when it is right. */
export function wrongAnswer(workloadName, expectedType, status, contentType, text) {
  if (status !== 200) return `status ${status}: ${text.slice(0, 200)}`;
  if (!(contentType ?? '').startsWith(expectedType)) return `content type ${contentType}, expected ${expectedType}`;
  let message;
  try {
    message = messageOf(text, contentType);
  } catch {
    return `unreadable answer: ${text.slice(0, 200)}`;
  }
  const result = message?.result;
  if (result === undefined) return `no result: ${text.slice(0, 200)}`;
  if (workloadName === 'tools/list' && !result.tools?.some((tool) => tool.name === 'get_current_time')) return 'tools/list lacks get_current_time';
  if (workloadName === 'tools/call' && (result.isError || !JSON.stringify(result.content).includes('datetime'))) return `tools/call failed: ${text.slice(0, 200)}`;
  return undefined;
}

/** Sends one request as autocannon will and checks its answer; throws when it is wrong. */
export async function checkAnswer(label, url, workloadName, { headers, body }, expectedType) {
  const res = await fetch(`${url}/mcp`, { method: 'POST', headers, body });
  const text = await res.text();
  const wrong = wrongAnswer(workloadName, expectedType, res.status, res.headers.get('content-type'), text);
  if (wrong !== undefined) throw new Error(`bench: ${label} ${workloadName}: wrong answer: ${wrong}`);
  return text;
}
