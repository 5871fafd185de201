#!/usr/bin/env node
// `npm run bench`: throughput and latency of `tools/list` on /mcp per auth mode,
// plus start-up time and idle memory of the real CLI process, and what the stdio bridge adds
// (scripts/bench-bridge.mjs). Figures, not a test.
//
// Each mode runs `mcp-toolkit serve --port 0` as users do (built CLI, plain Node),
// then autocannon drives bare JSON-RPC posts at 2 and 20 connections, 10 s each
// (BENCH_DURATION, BENCH_ROUNDS to change).
import { join } from 'node:path';
import autocannon from 'autocannon';
import { runnerImport } from 'vite';
import { benchBridge } from './bench-bridge.mjs';
import { benchGateway } from './bench-gateway.mjs';
import { requireBuild, root, rssMb, startServe } from './lib/serve-process.mjs';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
// One round per mode by default, so each mode runs first once (the first run of a round is favoured).
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const CONNECTIONS = [2, 20];
const API_KEY = 'bench-key-0123456789abcdef0123456789';
const BODY = '{"jsonrpc":"2.0","id":1,"method":"tools/list"}';

requireBuild('bench');

// oauth mode needs a real issuer: the test suite's oidc-provider fixture on 127.0.0.1.
const { module: oidc } = await runnerImport(join(root, 'test', 'support', 'oidc-provider.ts'), { configFile: false, logLevel: 'silent' });
const idp = await oidc.startOidcProvider({ keys: 'rs256', accessTokenTtlSec: 3600 });
const token = await idp.getClientCredentialsToken();

/** The modes compared, `none` first (the baseline). */
const modes = [
  { name: 'none', env: { MCP_AUTH: 'none' }, headers: {} },
  { name: 'api_key', env: { MCP_AUTH: 'api_key', MCP_API_KEY: API_KEY }, headers: { 'x-api-key': API_KEY } },
  {
    name: 'api_key+rate_limit',
    env: { MCP_AUTH: 'api_key', MCP_API_KEY: API_KEY, MCP_RATE_LIMIT_RPS: '1000000', MCP_RATE_LIMIT_BURST: '1000000' },
    headers: { 'x-api-key': API_KEY },
  },
  {
    name: 'oauth',
    env: { MCP_AUTH: 'oauth', MCP_OAUTH_ISSUER: idp.issuer, MCP_OAUTH_AUDIENCE: idp.audience },
    headers: { authorization: `Bearer ${token}` },
  },
];

async function startServer(env) {
  const server = await startServe(env);
  await new Promise((r) => setTimeout(r, 1000));
  return { ...server, idleRssMb: rssMb(server.child.pid) };
}

function load(url, headers, connections, duration) {
  return autocannon({
    url: `${url}/mcp`,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: BODY,
    connections,
    duration,
  });
}

// All servers start first (start-up time and idle memory measured alone), then the runs
// interleave the modes round by round, starting each round one mode further on, so drift
// and order effects hit every mode alike; each figure is the median over the rounds.
const servers = [];
for (const mode of modes) servers.push({ mode, server: await startServer(mode.env) });
for (const { mode, server } of servers) await load(server.url, mode.headers, 20, 2); // warm-up

const samples = new Map(servers.map(({ mode }) => [mode.name, Object.fromEntries(CONNECTIONS.map((c) => [c, []]))]));
for (let round = 0; round < ROUNDS; round += 1) {
  for (const connections of CONNECTIONS) {
    for (let i = 0; i < servers.length; i += 1) {
      const { mode, server } = servers[(round + i) % servers.length];
      const r = await load(server.url, mode.headers, connections, DURATION_S);
      if (r.non2xx > 0 || r.errors > 0) console.error(`bench: ${mode.name} c=${connections}: ${r.non2xx} non-2xx, ${r.errors} errors`);
      samples.get(mode.name)[connections].push({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 });
    }
  }
}
for (const { server } of servers) server.child.kill('SIGTERM');

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = servers.map(({ mode, server }) => ({
  mode: mode.name,
  startupMs: server.startupMs,
  idleRssMb: server.idleRssMb,
  runs: Object.fromEntries(
    CONNECTIONS.map((c) => {
      const runs = samples.get(mode.name)[c];
      return [c, { rps: median(runs.map((r) => r.rps)), p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)) }];
    }),
  ),
}));

const none = results[0];
console.log(
  `\ntools/list on /mcp, ${DURATION_S} s per run, median of ${ROUNDS} rounds, Node ${process.version}, ${(await import('node:os')).cpus().length} cores\n`,
);
console.log('mode                 conns   req/s    p50 ms  p99 ms  req/s vs none  p99 vs none');
for (const row of results) {
  for (const c of CONNECTIONS) {
    const run = row.runs[c];
    const base = none.runs[c];
    console.log(
      `${row.mode.padEnd(20)} ${String(c).padStart(5)} ${run.rps.toFixed(0).padStart(7)} ${String(run.p50).padStart(8)} ${String(run.p99).padStart(7)} ` +
        `${((run.rps / base.rps) * 100).toFixed(1).padStart(12)}% ${((run.p99 / Math.max(base.p99, 1)) * 100).toFixed(1).padStart(10)}%`,
    );
  }
}
await idp.stop();
console.log('\nmode                 start→first /health 200   idle RSS');
for (const row of results) {
  console.log(`${row.mode.padEnd(20)} ${row.startupMs.toFixed(0).padStart(14)} ms ${row.idleRssMb.toFixed(1).padStart(13)} MB`);
}

await benchGateway();
await benchBridge();
