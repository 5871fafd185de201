// The bridge section of `npm run bench`: `tools/list` and `tools/call` from an SDK client through
// `mcp-toolkit bridge` (stdio → Streamable HTTP), against the same client talking Streamable HTTP
// straight to the same `mcp-toolkit serve` (api_key mode), at 1 concurrent call. The difference of
// the p50s is what the bridge adds (the target is ≤ 1 ms). Run alone with `node scripts/bench-bridge.mjs`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { requireBuild, root, startServe, stopServe } from './lib/serve-process.mjs';

const CLI = join(root, 'bin', 'mcp-toolkit.js');
const API_KEY = 'bench-key-0123456789abcdef0123456789';
const DURATION_MS = Number(process.env.BENCH_BRIDGE_MS ?? 2_000);
const ROUNDS = Number(process.env.BENCH_BRIDGE_ROUNDS ?? 3);

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Calls `call()` one at a time for DURATION_MS; latency percentiles in ms. */
async function drive(call) {
  const latencies = [];
  const until = performance.now() + DURATION_MS;
  while (performance.now() < until) {
    const started = performance.now();
    await call();
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  return { count: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

export async function benchBridge() {
  requireBuild('bench');
  const serve = await startServe({ MCP_AUTH: 'api_key', MCP_API_KEY: API_KEY });
  const direct = new Client({ name: 'bench-direct', version: '1.0.0' });
  // As in bench-gateway.mjs: the transport's one AbortSignal gets a listener per fetch until GC (a
  // MaxListenersExceededWarning per call after 1,500 calls); this client never aborts, so no signal.
  const fetchWithoutSignal = (url, init) => fetch(url, { ...init, signal: undefined });
  await direct.connect(
    new StreamableHTTPClientTransport(new URL(`${serve.url}/mcp`), { requestInit: { headers: { 'X-API-Key': API_KEY } }, fetch: fetchWithoutSignal }),
  );
  const bridged = new Client({ name: 'bench-bridge', version: '1.0.0' });
  await bridged.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [CLI, 'bridge', '--url', `${serve.url}/mcp`],
      env: { PATH: process.env.PATH, MCP_TOOLKIT_HOME: mkdtempSync(join(tmpdir(), 'mcp-bench-bridge-')), MCP_AUTH: 'api_key', MCP_API_KEY: API_KEY },
      stderr: 'ignore',
    }),
  );
  if (bridged.getServerVersion()?.name === 'MCP Toolkit (bridge)') throw new Error('bench: the bridge did not reach the toolkit');

  const operations = {
    'tools/list': (client) => client.listTools(),
    'tools/call': (client) => client.callTool({ name: 'get_current_time', arguments: { timezone: 'UTC' } }),
  };
  const runs = {};
  for (const [name, operation] of Object.entries(operations)) {
    for (const client of [direct, bridged]) for (let i = 0; i < 300; i += 1) await operation(client); // warm-up
    runs[name] = { direct: [], bridge: [] };
    for (let round = 0; round < ROUNDS; round += 1) {
      // Alternate which goes first, so drift hits both alike.
      const order = round % 2 === 0 ? ['direct', 'bridge'] : ['bridge', 'direct'];
      for (const path of order) runs[name][path].push(await drive(() => operation(path === 'direct' ? direct : bridged)));
    }
  }
  await bridged.close();
  await direct.close();
  await stopServe(serve);

  console.log(`\nbridge: an SDK client through \`mcp-toolkit bridge\` (stdio) vs straight to the toolkit (HTTP session), api_key mode, 1 call at a time, ${DURATION_MS / 1000} s per run, median of ${ROUNDS}`);
  console.log('operation    direct p50 ms  p99 ms | bridge p50 ms  p99 ms | added p50 ms  added p99 ms');
  for (const [name, { direct: d, bridge: b }] of Object.entries(runs)) {
    const [dp50, dp99, bp50, bp99] = [median(d.map((r) => r.p50)), median(d.map((r) => r.p99)), median(b.map((r) => r.p50)), median(b.map((r) => r.p99))];
    console.log(
      `${name.padEnd(11)} ${dp50.toFixed(3).padStart(14)} ${dp99.toFixed(3).padStart(7)} | ${bp50.toFixed(3).padStart(13)} ${bp99.toFixed(3).padStart(7)} | ${(bp50 - dp50).toFixed(3).padStart(12)} ${(bp99 - dp99).toFixed(3).padStart(12)}`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchBridge();
