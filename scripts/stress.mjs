#!/usr/bin/env node
// `npm run stress`: the attack run of the hardening issue, kept in the repository. Not part of
// `npm test`: it takes a few minutes and prints figures. Every request goes to 127.0.0.x, every
// loop is bounded in count and time, and each server it starts is stopped at the end.
//
//   1. mixed load: 50,000 requests (valid, wrong and missing keys, malformed and oversized bodies,
//      /health, /metrics) with rate limiting on: no 5xx, and the 401 and 429 counts the clients
//      saw equal the server's /metrics;
//   2. slow clients: 1,000 connections trickling bodies (half with a valid key, half without)
//      while a normal client keeps getting answers within 200 ms;
//   3. 200,000 distinct failing identities: server RSS stays under 150 MB;
//   4. ReDoS patterns in search_files: /health keeps answering within 100 ms.
//
// Exits 1 when a check fails. STRESS_SCALE (default 1) scales the request counts down for a quick try;
// STRESS_ONLY=1,3 runs only those parts.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runnerImport } from 'vite';
import { requireBuild, root, rssMb, startServe, stopServe } from './lib/serve-process.mjs';

requireBuild('stress');
const SCALE = Number(process.env.STRESS_SCALE ?? 1);
const KEY = 'stress-key-0123456789abcdef0123456789';
const TOOLS_LIST = '{"jsonrpc":"2.0","id":1,"method":"tools/list"}';
const failures = [];
const check = (ok, what) => {
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

/** One request over a keep-alive agent; resolves with the status and body (never rejects). */
function send(agent, port, { method = 'POST', path = '/mcp', headers = {}, body }) {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = request({ host: '127.0.0.1', port, method, path, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString(), ms: performance.now() - started }));
      res.on('error', () => resolve({ status: 0, error: 'response', ms: performance.now() - started }));
    });
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: 0, error: e.code ?? e.message, ms: performance.now() - started }));
    req.end(body);
  });
}

/** Runs `count` jobs with `concurrency` workers. */
async function pool(count, concurrency, job) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await job(next++);
    }),
  );
}

/** Sums a counter family of a Prometheus text by one label value, e.g. rejections by status. */
function sumBy(metricsText, family, label, value) {
  let sum = 0;
  for (const line of metricsText.split('\n')) {
    if (!line.startsWith(`mcp_toolkit_${family}{`)) continue;
    if (!line.includes(`${label}="${value}"`)) continue;
    sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

const tally = () => new Map();
const count = (map, status) => map.set(status, (map.get(status) ?? 0) + 1);

async function mixedLoad() {
  const total = Math.round(50_000 * SCALE);
  console.log(`\n1. mixed load: ${total} requests, api_key, rate limit 600/s burst 100, 32 connections`);
  const server = await startServe({ MCP_AUTH: 'api_key', MCP_API_KEY: KEY, MCP_RATE_LIMIT_RPS: '600', MCP_RATE_LIMIT_BURST: '100' });
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  const json = { 'Content-Type': 'application/json' };
  const oversized = Buffer.alloc(5 * 1024 * 1024, 0x20);
  const kinds = [
    { weight: 40, req: { headers: { ...json, 'X-API-Key': KEY }, body: TOOLS_LIST } },
    { weight: 15, req: { headers: { ...json, 'X-API-Key': 'wrong-key' }, body: TOOLS_LIST } },
    { weight: 15, req: { headers: json, body: TOOLS_LIST } },
    { weight: 10, req: { headers: { ...json, 'X-API-Key': KEY }, body: '{"jsonrpc":"2.0",' } },
    { weight: 10, req: { method: 'GET', path: '/health' } },
    { weight: 9, req: { method: 'GET', path: '/metrics', headers: { 'X-API-Key': KEY } } },
    { weight: 1, req: { headers: { ...json, 'X-API-Key': KEY }, body: oversized } },
  ];
  const schedule = kinds.flatMap((kind) => Array(kind.weight).fill(kind.req));
  const seen = tally();
  const dropped = tally();
  const started = performance.now();
  await pool(total, 32, async (i) => {
    const answer = await send(agent, server.port, schedule[i % schedule.length]);
    count(seen, answer.status);
    if (answer.status === 0) count(dropped, answer.error);
  });
  const seconds = (performance.now() - started) / 1000;
  // Read the counters; the read itself may be limited, and every answer it gets is counted too.
  let metrics;
  for (;;) {
    const answer = await send(agent, server.port, { method: 'GET', path: '/metrics', headers: { 'X-API-Key': KEY } });
    count(seen, answer.status);
    if (answer.status === 200) {
      metrics = answer.body;
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  agent.destroy();
  await stopServe(server);
  const statuses = [...seen.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
  console.log(`  ${(total / seconds).toFixed(0)} req/s over ${seconds.toFixed(1)} s; statuses ${statuses}`);
  if (dropped.size > 0) console.log(`  dropped: ${[...dropped.entries()].map(([e, n]) => `${e}×${n}`).join(' ')}`);
  const fivexx = [...seen.entries()].filter(([s]) => s >= 500 || s === 0).reduce((n, [, c]) => n + c, 0);
  check(fivexx === 0, `no 5xx and no dropped connection (${fivexx})`);
  for (const status of [401, 429]) {
    const server = sumBy(metrics, 'rejections_total', 'status', status);
    check(server === (seen.get(status) ?? 0), `${status}: clients saw ${seen.get(status) ?? 0}, /metrics says ${server}`);
  }
}

/** A connection that sends request headers and then one body byte per second, until destroyed. */
function trickle(port, localAddress, headers) {
  const socket = connect({ port, host: '127.0.0.1', localAddress });
  socket.on('error', () => undefined);
  const sent = new Promise((resolve) => {
    socket.once('close', resolve);
    socket.once('connect', () => {
      const head = ['POST /mcp HTTP/1.1', `Host: 127.0.0.1:${port}`, 'Content-Type: application/json', 'Content-Length: 100000', ...headers];
      socket.write(`${head.join('\r\n')}\r\n\r\n`, resolve);
      const timer = setInterval(() => socket.write(' '), 1_000);
      socket.once('close', () => clearInterval(timer));
    });
  });
  return { socket, sent };
}

async function slowClients() {
  const slow = 1_000;
  console.log(`\n2. slow clients: ${slow} trickling bodies (half with a valid key) from 10 addresses, api_key, for 10 s`);
  const server = await startServe({ MCP_AUTH: 'api_key', MCP_API_KEY: KEY });
  const wave = Array.from({ length: slow }, (_, i) =>
    trickle(server.port, `127.0.0.${2 + (i % 10)}`, i % 2 === 0 ? [`X-API-Key: ${KEY}`] : []),
  );
  const sockets = wave.map((w) => w.socket);
  // Measure once the whole wave is connected and has sent its headers.
  await Promise.all(wave.map((w) => w.sent));
  const agent = new Agent({ keepAlive: false });
  const latencies = [];
  let errors = 0;
  const until = performance.now() + 10_000;
  while (performance.now() < until) {
    const answer = await send(agent, server.port, { headers: { 'Content-Type': 'application/json', 'X-API-Key': KEY }, body: TOOLS_LIST });
    if (answer.status === 200) latencies.push(answer.ms);
    else errors += 1;
    await new Promise((r) => setTimeout(r, 50));
  }
  const open = sockets.filter((s) => !s.destroyed).length;
  for (const socket of sockets) socket.destroy();
  await stopServe(server);
  latencies.sort((a, b) => a - b);
  const max = latencies.at(-1) ?? Infinity;
  console.log(`  normal client: ${latencies.length} answers, p50 ${latencies[latencies.length >> 1]?.toFixed(1)} ms, max ${max.toFixed(1)} ms; slow sockets still open at the end: ${open} (the keyless ones are answered 401 at once)`);
  check(errors === 0, `normal client got only 200s (${errors} other answers)`);
  check(max < 200, `normal client answered within 200 ms while slow clients wait (max ${max.toFixed(1)} ms)`);
}

async function failingIdentities() {
  const total = Math.round(200_000 * SCALE);
  console.log(`\n3. ${total} distinct failing identities (a new wrong key each, from 16 addresses), api_key, rate limit 5/s`);
  const server = await startServe({ MCP_AUTH: 'api_key', MCP_API_KEY: KEY, MCP_RATE_LIMIT_RPS: '5', MCP_RATE_LIMIT_BURST: '5' });
  const agents = Array.from({ length: 16 }, (_, i) => new Agent({ keepAlive: true, maxSockets: 2, localAddress: `127.0.1.${i + 1}` }));
  const seen = tally();
  let peak = rssMb(server.child.pid);
  const curve = [`start ${peak.toFixed(0)}`];
  const started = performance.now();
  await pool(total, 32, async (i) => {
    const answer = await send(agents[i % agents.length], server.port, {
      headers: { 'Content-Type': 'application/json', 'X-API-Key': `wrong-${i}-${Math.random().toString(36).slice(2)}` },
      body: TOOLS_LIST,
    });
    count(seen, answer.status);
    if (i % 5_000 === 0) peak = Math.max(peak, rssMb(server.child.pid));
    if (i > 0 && i % Math.round(total / 4) === 0) curve.push(`${i} ${rssMb(server.child.pid).toFixed(0)}`);
  });
  peak = Math.max(peak, rssMb(server.child.pid));
  for (const agent of agents) agent.destroy();
  await stopServe(server);
  const statuses = [...seen.entries()].map(([s, n]) => `${s}×${n}`).join(' ');
  console.log(`  ${(total / ((performance.now() - started) / 1000)).toFixed(0)} req/s; statuses ${statuses}; peak RSS ${peak.toFixed(1)} MB (MB after N requests: ${curve.join(', ')})`);
  check(peak < 150, `server RSS under 150 MB (${peak.toFixed(1)} MB)`);
  check(!seen.has(0) && ![...seen.keys()].some((s) => s >= 500), 'no 5xx and no dropped connection');
}

// The patterns the matcher's tests use (TypeScript, loaded through vite as the benchmark does).
const { module: redosSupport } = await runnerImport(join(root, 'test', 'support', 'redos-patterns.ts'), { configFile: false, logLevel: 'silent' });
const { REDOS_PATTERNS, REDOS_FILE_NAME } = redosSupport;

async function redos() {
  console.log(`\n4. ReDoS patterns in search_files (${REDOS_PATTERNS.length} patterns, 200 files with 250-character names), /health sampled every 10 ms`);
  const folder = mkdtempSync(join(tmpdir(), 'mcp-stress-redos-'));
  mkdirSync(join(folder, REDOS_FILE_NAME));
  for (let i = 0; i < 200; i += 1) writeFileSync(join(folder, `${REDOS_FILE_NAME.slice(0, 245)}${String(i).padStart(5, '0')}`), 'x');
  const server = await startServe({ MCP_AUTH: 'none', MCP_SHARED_FOLDERS: folder });
  const agent = new Agent({ keepAlive: true });
  const health = [];
  let calling = true;
  const sampler = (async () => {
    while (calling) {
      health.push((await send(agent, server.port, { method: 'GET', path: '/health' })).ms);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const headers = { 'Content-Type': 'application/json' };
  const results = [];
  for (const name of REDOS_PATTERNS) {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'search_files', arguments: { name } } });
    results.push(await send(agent, server.port, { headers, body }));
  }
  calling = false;
  await sampler;
  agent.destroy();
  await stopServe(server);
  const max = Math.max(...health);
  const slowest = Math.max(...results.map((r) => r.ms));
  console.log(`  slowest search ${slowest.toFixed(0)} ms; /health: ${health.length} samples, max ${max.toFixed(1)} ms`);
  check(results.every((r) => r.status === 200), 'every search answered');
  check(max < 100, `/health within 100 ms while the searches run (max ${max.toFixed(1)} ms)`);
}

const started = performance.now();
const phases = [mixedLoad, slowClients, failingIdentities, redos];
const only = process.env.STRESS_ONLY?.split(',').map(Number);
for (const [i, phase] of phases.entries()) if (!only || only.includes(i + 1)) await phase();
console.log(`\nstress: ${failures.length === 0 ? 'all checks passed' : `${failures.length} check(s) failed`} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
process.exit(failures.length === 0 ? 0 : 1);
