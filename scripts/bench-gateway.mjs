// The gateway section of `npm run bench`: `tools/call` on an upstream called directly by an SDK
// client over stdio, against the same upstream called through `mcp-toolkit serve` (a 2025-11-25
// session over Streamable HTTP), at 1 and 20 concurrent calls; `tools/list` (autocannon, 2025-11-25
// sessions) of a toolkit with 10 upstreams × 50 tools against one with only its built-in tools;
// and the toolkit's memory with five idle upstreams (children excluded).
// Run alone with `node scripts/bench-gateway.mjs`.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { fixed, goalLine, median, percentile, spreadPct } from './lib/bench-stats.mjs';
import { loadRun } from './lib/load-run.mjs';
import { openSession, requestOf } from './lib/mcp-wire.mjs';
import { requireBuild, root, rssMb, startServe, stopServe } from './lib/serve-process.mjs';

const UPSTREAM = join(root, 'test', 'fixtures', 'upstream', 'echo-server.mjs');
const FIFTY_TOOLS = join(root, 'scripts', 'bench', 'fifty-tools-server.mjs');
const DURATION_MS = Number(process.env.BENCH_GATEWAY_MS ?? 2_000);
const ROUNDS = Number(process.env.BENCH_GATEWAY_ROUNDS ?? 3);


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

const upstream = (name, script = UPSTREAM) => ({ kind: 'stdio', name, enabled: true, command: process.execPath, args: [script], env: {}, secrets: [], disabledTools: [] });

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
  // The transport passes one AbortSignal to every fetch; Node's fetch keeps a listener on it per
  // request until GC (MaxListenersExceededWarning at 20 concurrent calls). We never abort: no signal.
  const fetchWithoutSignal = (url, init) => fetch(url, { ...init, signal: undefined });
  await gateway.connect(new StreamableHTTPClientTransport(new URL(`${serve.url}/mcp`), { fetch: fetchWithoutSignal }));
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
  const goals = [];
  for (const concurrency of [1, 20]) {
    const d = runs.direct[concurrency];
    const g = runs.gateway[concurrency];
    const [dr, dp50, dp99] = [median(d.map((r) => r.rps)), median(d.map((r) => r.p50)), median(d.map((r) => r.p99))];
    const [gr, gp50, gp99] = [median(g.map((r) => r.rps)), median(g.map((r) => r.p50)), median(g.map((r) => r.p99))];
    const spread = (rows) => `${Math.round(Math.min(...rows.map((r) => r.rps)))}–${Math.round(Math.max(...rows.map((r) => r.rps)))}`;
    console.log(
      `${String(concurrency).padStart(4)} ${dr.toFixed(0).padStart(13)} ${dp50.toFixed(2).padStart(7)} ${dp99.toFixed(2).padStart(7)} | ${gr.toFixed(0).padStart(13)} ${gp50.toFixed(2).padStart(7)} ${gp99.toFixed(2).padStart(7)} | ${(gp50 - dp50).toFixed(2).padStart(12)} ${((gr / dr) * 100).toFixed(0).padStart(10)}%   (req/s spread direct ${spread(d)}, gateway ${spread(g)})`,
    );
    if (concurrency === 1) {
      const figure = `${(gp50 - dp50).toFixed(2)} ms (${((gr / dr) * 100).toFixed(0)} % req/s)`;
      goals.push(goalLine(gp50 - dp50 <= 1, 'gateway tools/call: p50 added over calling the upstream directly, c=1', figure, '≤ 1 ms'));
    }
  }
  goals.push(await benchLargeCatalogue());

  const idle = await startServe({ MCP_AUTH: 'none', MCP_TOOLKIT_HOME: settingsWith(['a', 'b', 'c', 'd', 'e'].map((name) => upstream(name))) });
  const watcher = new Client({ name: 'bench-idle', version: '1.0.0' });
  await watcher.connect(new StreamableHTTPClientTransport(new URL(`${idle.url}/mcp`)));
  for (const name of ['a', 'b', 'c', 'd', 'e']) await waitForTool(watcher, `${name}__echo`);
  await watcher.close();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  console.log(`toolkit RSS with 5 idle upstreams (children excluded): ${rssMb(idle.child.pid).toFixed(1)} MB`);
  await stopServe(idle);
  return goals;
}

/** tools/list over 10 upstreams × 50 tools against tools/list over the built-in tools alone; the goal line. */
async function benchLargeCatalogue() {
  const names = Array.from({ length: 10 }, (_, i) => `up${i}`);
  const builtin = await startServe({ MCP_AUTH: 'none' });
  const gateway = await startServe({ MCP_AUTH: 'none', MCP_TOOLKIT_HOME: settingsWith(names.map((name) => upstream(name, FIFTY_TOOLS))) });
  const watcher = new Client({ name: 'bench-catalogue', version: '1.0.0' });
  await watcher.connect(new StreamableHTTPClientTransport(new URL(`${gateway.url}/mcp`)));
  for (const name of names) await waitForTool(watcher, `${name}__tool_50`);
  const toolCount = (await watcher.listTools()).tools.length;
  await watcher.close();

  const subjects = [];
  for (const [label, server] of [['built-in tools', builtin], [`10 × 50 upstream tools (${toolCount})`, gateway]]) {
    const sessions = [];
    for (let i = 0; i < 20; i += 1) sessions.push(await openSession(server.url));
    subjects.push({ label, url: `${server.url}/mcp`, sessions, ...requestOf('tools/list', 'session') });
  }
  for (const s of subjects) await loadRun({ ...s, connections: 20, amount: 300 }); // warm-up
  const runs = new Map(subjects.map((s) => [s.label, { 1: [], 20: [] }]));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const connections of [1, 20]) {
      for (let i = 0; i < subjects.length; i += 1) {
        const s = subjects[(round + i) % subjects.length];
        runs.get(s.label)[connections].push(await loadRun({ ...s, connections, duration: DURATION_MS / 1000 }));
      }
    }
  }
  await stopServe(builtin);
  await stopServe(gateway);

  console.log(`\ngateway: tools/list in 2025-11-25 sessions, ${DURATION_MS / 1000} s per run, median of ${ROUNDS}`);
  console.log('catalogue                          conns   req/s   p50 ms   p99 ms  noise   vs built-in');
  let worst = Infinity;
  for (const connections of [1, 20]) {
    const base = median(runs.get(subjects[0].label)[connections].map((r) => r.rps));
    for (const s of subjects) {
      const rows = runs.get(s.label)[connections];
      const rps = median(rows.map((r) => r.rps));
      if (s !== subjects[0]) worst = Math.min(worst, rps / base);
      console.log(
        `${s.label.padEnd(34)} ${String(connections).padStart(5)} ${fixed(rps, 0, 7)} ${fixed(median(rows.map((r) => r.p50)), 2, 8)} ${fixed(median(rows.map((r) => r.p99)), 2, 8)} ${fixed(spreadPct(rows.map((r) => r.rps)), 0, 5)}% ${fixed((rps / base) * 100, 1, 11)}%`,
      );
    }
  }
  return goalLine(worst >= 0.8, 'gateway tools/list 10 × 50 tools vs built-in tools (worst of c=1, c=20)', `${(worst * 100).toFixed(1)} %`, '≥ 80 % (within 20 %)');
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await benchGateway()) console.log(line);
