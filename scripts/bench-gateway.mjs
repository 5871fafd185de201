// The gateway section of `npm run bench`: `tools/call` on an upstream called directly by an SDK
// client over stdio, against the same upstream called through `mcp-toolkit serve` (a 2025-11-25
// session over Streamable HTTP), at 1 and 20 concurrent calls; and the toolkit's memory with five
// idle upstreams (children excluded). Run alone with `node scripts/bench-gateway.mjs`.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { requireBuild, root, rssMb, startServe, stopServe } from './lib/serve-process.mjs';

const UPSTREAM = join(root, 'test', 'fixtures', 'upstream', 'echo-server.mjs');
const DURATION_MS = Number(process.env.BENCH_GATEWAY_MS ?? 5_000);
const ROUNDS = Number(process.env.BENCH_GATEWAY_ROUNDS ?? 3);

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Calls `call()` from `concurrency` workers for DURATION_MS; req/s and latency percentiles. */
async function drive(call, concurrency) {
  const latencies = [];
  const until = performance.now() + DURATION_MS;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        await call();
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / (DURATION_MS / 1000), p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

function settingsWith(servers) {
  const home = mkdtempSync(join(tmpdir(), 'mcp-bench-gateway-'));
  writeFileSync(join(home, 'settings.json'), JSON.stringify({ servers }));
  return home;
}

const upstream = (name) => ({ kind: 'stdio', name, enabled: true, command: process.execPath, args: [UPSTREAM], env: {}, secrets: [], disabledTools: [] });

async function waitForTool(client, name) {
  for (let i = 0; i < 300; i += 1) {
    if ((await client.listTools()).tools.some((tool) => tool.name === name)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} never appeared`);
}

export async function benchGateway() {
  requireBuild('bench');
  const direct = new Client({ name: 'bench-direct', version: '1.0.0' });
  await direct.connect(new StdioClientTransport({ command: process.execPath, args: [UPSTREAM], stderr: 'ignore' }));
  const serve = await startServe({ MCP_AUTH: 'none', MCP_TOOLKIT_HOME: settingsWith([upstream('echo')]) });
  const gateway = new Client({ name: 'bench-gateway', version: '1.0.0' });
  await gateway.connect(new StreamableHTTPClientTransport(new URL(`${serve.url}/mcp`)));
  await waitForTool(gateway, 'echo__echo');

  const callDirect = () => direct.callTool({ name: 'echo', arguments: { text: 'bench' } });
  const callGateway = () => gateway.callTool({ name: 'echo__echo', arguments: { text: 'bench' } });
  for (const call of [callDirect, callGateway]) for (let i = 0; i < 200; i += 1) await call(); // warm-up

  const runs = { direct: { 1: [], 20: [] }, gateway: { 1: [], 20: [] } };
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const concurrency of [1, 20]) {
      // Alternate which goes first, so drift hits both alike.
      const order = round % 2 === 0 ? ['direct', 'gateway'] : ['gateway', 'direct'];
      for (const path of order) runs[path][concurrency].push(await drive(path === 'direct' ? callDirect : callGateway, concurrency));
    }
  }
  await gateway.close();
  await direct.close();
  await stopServe(serve);

  console.log(`\ngateway: tools/call on one stdio upstream, direct SDK client vs through the toolkit (HTTP session), ${DURATION_MS / 1000} s per run, median of ${ROUNDS}`);
  console.log('conc  direct req/s  p50 ms  p99 ms | gateway req/s  p50 ms  p99 ms | added p50 ms  throughput');
  for (const concurrency of [1, 20]) {
    const d = runs.direct[concurrency];
    const g = runs.gateway[concurrency];
    const [dr, dp50, dp99] = [median(d.map((r) => r.rps)), median(d.map((r) => r.p50)), median(d.map((r) => r.p99))];
    const [gr, gp50, gp99] = [median(g.map((r) => r.rps)), median(g.map((r) => r.p50)), median(g.map((r) => r.p99))];
    const spread = (rows) => `${Math.round(Math.min(...rows.map((r) => r.rps)))}–${Math.round(Math.max(...rows.map((r) => r.rps)))}`;
    console.log(
      `${String(concurrency).padStart(4)} ${dr.toFixed(0).padStart(13)} ${dp50.toFixed(2).padStart(7)} ${dp99.toFixed(2).padStart(7)} | ${gr.toFixed(0).padStart(13)} ${gp50.toFixed(2).padStart(7)} ${gp99.toFixed(2).padStart(7)} | ${(gp50 - dp50).toFixed(2).padStart(12)} ${((gr / dr) * 100).toFixed(0).padStart(10)}%   (req/s spread direct ${spread(d)}, gateway ${spread(g)})`,
    );
  }

  const idle = await startServe({ MCP_AUTH: 'none', MCP_TOOLKIT_HOME: settingsWith(['a', 'b', 'c', 'd', 'e'].map(upstream)) });
  const watcher = new Client({ name: 'bench-idle', version: '1.0.0' });
  await watcher.connect(new StreamableHTTPClientTransport(new URL(`${idle.url}/mcp`)));
  for (const name of ['a', 'b', 'c', 'd', 'e']) await waitForTool(watcher, `${name}__echo`);
  await watcher.close();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  console.log(`toolkit RSS with 5 idle upstreams (children excluded): ${rssMb(idle.child.pid).toFixed(1)} MB`);
  await stopServe(idle);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchGateway();
