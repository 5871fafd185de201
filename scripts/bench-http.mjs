// The /mcp part of `npm run bench`: this server against the bare v1 SDK reference and a raw
// `node:http` limit, in one run. Every subject (a server and a path) is driven by autocannon with
// `tools/list` and `tools/call get_current_time` at 1 and 20 connections; the rounds interleave
// the subjects (each round starts one subject further on) and each figure is the median of the
// rounds, with the min–max spread of req/s as its noise. Run alone with `node scripts/bench-http.mjs`.
//
// Sessions: before the run each session subject opens one 2025-11-25 session per connection
// (initialize + notifications/initialized); autocannon's `setupClient` gives connection i session i.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runnerImport } from 'vite';
import { fixed, goalLine, median, spreadPct } from './lib/bench-stats.mjs';
import { loadRun } from './lib/load-run.mjs';
import { checkAnswer, openSession, PATHS, requestOf, WORKLOADS } from './lib/mcp-wire.mjs';
import { startScriptServer } from './lib/script-server.mjs';
import { requireBuild, root, startServe, stopServe } from './lib/serve-process.mjs';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '1,20').split(',').map(Number);
/** BENCH_FULL=1: every auth mode on every path at every connection count (about 4× longer). */
const FULL = process.env.BENCH_FULL === '1';
/** BENCH_MODES=none,oauth: only those modes of this server; empty: the references alone (their noise). */
const MODES = process.env.BENCH_MODES?.split(',').filter(Boolean);
const API_KEY = 'bench-key-0123456789abcdef0123456789';
const BOTH = 'application/json, text/event-stream';
const script = (name) => join(root, 'scripts', 'bench', name);

/** This server's modes; `paths` and `connections` trim the matrix unless BENCH_FULL=1. */
function modesOf(idp, token) {
  const all = Object.keys(PATHS);
  const top = [Math.max(...CONNECTIONS)];
  const modes = [
    { name: 'api_key+rl', env: { MCP_AUTH: 'api_key', MCP_API_KEY: API_KEY, MCP_RATE_LIMIT_RPS: '1000000', MCP_RATE_LIMIT_BURST: '1000000' }, headers: { 'x-api-key': API_KEY }, paths: all },
    { name: 'none', env: { MCP_AUTH: 'none' }, headers: {}, paths: FULL ? all : ['session', '2026'] },
    { name: 'api_key', env: { MCP_AUTH: 'api_key', MCP_API_KEY: API_KEY }, headers: { 'x-api-key': API_KEY }, paths: FULL ? all : ['session', '2026'], connections: FULL ? undefined : top },
    {
      name: 'oauth',
      env: { MCP_AUTH: 'oauth', MCP_OAUTH_ISSUER: idp.issuer, MCP_OAUTH_AUDIENCE: idp.audience },
      headers: { authorization: `Bearer ${token}` },
      paths: FULL ? all : ['session', '2026'],
      connections: FULL ? undefined : top,
    },
  ];
  return MODES === undefined ? modes : modes.filter((mode) => MODES.includes(mode.name));
}

/** The reference of each path: the like-for-like v1 SDK server (v1 has no 2026-07-28; its stateless JSON stands in). */
const REFERENCE_OF = { session: 'SDK session', json: 'SDK stateless JSON', sse: 'SDK stateless SSE', 2026: 'SDK stateless JSON' };

/** One run of a subject's workload. */
const drive = (subject, workload, connections, length) =>
  loadRun({ url: `${subject.url}/mcp`, ...subject.requests[workload], sessions: subject.sessions, connections, ...length });

/** Starts every server and builds the subjects (server + path + requests), each answer checked once. */
async function startSubjects(modes) {
  const servers = [];
  const subjects = [];
  const add = async (label, server, path, { headers = {}, accept, connections, group } = {}) => {
    const requests = Object.fromEntries(Object.keys(WORKLOADS).map((w) => [w, requestOf(w, path, headers, { accept })]));
    const subject = { label, group, path, url: server.url, requests, connections: connections ?? CONNECTIONS };
    if (PATHS[path].session) {
      subject.sessions = [];
      for (let i = 0; i < Math.max(...subject.connections); i += 1) subject.sessions.push(await openSession(server.url, headers));
      for (const w of Object.keys(requests)) requests[w].headers['mcp-session-id'] = subject.sessions[0];
    }
    for (const [w, request] of Object.entries(requests)) subject.answers = { ...subject.answers, [w]: await checkAnswer(label, server.url, w, request, PATHS[path].answer) };
    subjects.push(subject);
    return subject;
  };

  for (const mode of modes) {
    const server = await startServe(mode.env);
    servers.push(server);
    for (const path of mode.paths) await add(`${mode.name} ${path}`, server, path, { headers: mode.headers, connections: mode.connections, group: mode.name });
  }
  const reference = (args) => startScriptServer(script('reference-sdk-server.mjs'), args).then((s) => (servers.push(s), s));
  await add('SDK session', await reference([]), 'session', { group: 'reference' });
  await add('SDK stateless SSE', await reference(['--stateless']), 'sse', { group: 'reference' });
  await add('SDK stateless JSON', await reference(['--stateless', '--json']), 'json', { accept: BOTH, group: 'reference' });

  // The raw limit answers this server's own tools/list and tools/call bytes.
  const own = subjects.find((s) => s.path === 'json') ?? subjects.find((s) => s.label === 'SDK stateless JSON');
  const dir = mkdtempSync(join(tmpdir(), 'mcp-bench-raw-'));
  writeFileSync(join(dir, 'list.json'), own.answers['tools/list']);
  writeFileSync(join(dir, 'call.json'), own.answers['tools/call']);
  const raw = await startScriptServer(script('raw-http-server.mjs'), [join(dir, 'list.json'), join(dir, 'call.json')]);
  servers.push(raw);
  await add('raw node:http', raw, 'json', { group: 'raw' });
  return { servers, subjects };
}

function printTable(subjects, samples) {
  const row = (s, w, c) => samples.get(s.label)?.[w]?.[c];
  const stat = (runs, key) => median(runs.map((r) => r[key]));
  const byLabel = new Map(subjects.map((s) => [s.label, s]));
  const rank = (s) => ({ raw: 0, reference: 1 })[s.group] ?? 2;
  const ordered = [...subjects].sort((a, b) => rank(a) - rank(b));
  for (const w of Object.keys(WORKLOADS)) {
    for (const c of CONNECTIONS) {
      console.log(`\n${`${w}, ${c} connection${c === 1 ? '' : 's'}`.padEnd(30)}    req/s   p50 ms   p99 ms   ×ref  ×SDK-session  % raw  noise`);
      const rawRuns = row(byLabel.get('raw node:http'), w, c);
      const sessionRuns = row(byLabel.get('SDK session'), w, c);
      for (const s of ordered) {
        const runs = row(s, w, c);
        if (runs === undefined || runs.length === 0) continue;
        const refRuns = s.group === 'reference' || s.group === 'raw' ? undefined : row(byLabel.get(REFERENCE_OF[s.path]), w, c);
        const rps = stat(runs, 'rps');
        console.log(
          `${s.label.padEnd(30)} ${fixed(rps, 0, 8)} ${fixed(stat(runs, 'p50'), 2, 8)} ${fixed(stat(runs, 'p99'), 2, 8)} ` +
            `${refRuns ? fixed(rps / stat(refRuns, 'rps'), 2, 6) + '×' : '      '}${sessionRuns ? fixed(rps / stat(sessionRuns, 'rps'), 2, 12) + '×' : ''} ` +
            `${rawRuns ? fixed((rps / stat(rawRuns, 'rps')) * 100, 1, 6) + '%' : ''} ${fixed(spreadPct(runs.map((r) => r.rps)), 0, 5)}%`,
        );
      }
    }
  }
}

/** The goal lines: ≥ 2× the reference with p99 no worse (api_key + rate limit), auth modes within 5 % of none. */
function goals(subjects, samples) {
  const lines = [];
  const runsOf = (label, w, c) => samples.get(label)?.[w]?.[c];
  const rps = (runs) => median(runs.map((r) => r.rps));
  const p99 = (runs) => median(runs.map((r) => r.p99));
  for (const s of subjects.filter((x) => x.group === 'api_key+rl')) {
    for (const w of Object.keys(WORKLOADS)) {
      for (const c of s.connections) {
        const own = runsOf(s.label, w, c);
        const ref = runsOf(REFERENCE_OF[s.path], w, c);
        const session = runsOf('SDK session', w, c);
        if (!own || !ref) continue;
        const ratio = rps(own) / rps(ref);
        const ok = ratio >= 2 && p99(own) <= p99(ref);
        const figure = `${ratio.toFixed(2)}× (${(rps(own) / rps(session)).toFixed(2)}× session), p99 ${p99(own).toFixed(1)}/${p99(ref).toFixed(1)} ms`;
        lines.push(goalLine(ok, `${w} ${s.label} c=${c} vs ${REFERENCE_OF[s.path]}`, figure, '≥ 2×, p99 ≤ ref'));
      }
    }
  }
  for (const s of subjects.filter((x) => !['none', 'reference', 'raw'].includes(x.group))) {
    const base = subjects.find((x) => x.group === 'none' && x.path === s.path);
    if (base === undefined) continue;
    for (const w of Object.keys(WORKLOADS)) {
      for (const c of s.connections) {
        const own = runsOf(s.label, w, c);
        const none = runsOf(base.label, w, c);
        if (!own || !none) continue;
        const pct = (rps(own) / rps(none)) * 100;
        lines.push(goalLine(pct >= 95, `${w} ${s.label} c=${c} vs none`, `${pct.toFixed(1)} %`, '≥ 95 % of none'));
      }
    }
  }
  return lines;
}

export async function benchHttp() {
  requireBuild('bench');
  // oauth mode needs a real issuer: the test suite's oidc-provider fixture on 127.0.0.1.
  const { module: oidc } = await runnerImport(join(root, 'test', 'support', 'oidc-provider.ts'), { configFile: false, logLevel: 'silent' });
  const idp = await oidc.startOidcProvider({ keys: 'rs256', accessTokenTtlSec: 3600 });
  const token = await idp.getClientCredentialsToken();
  const { servers, subjects } = await startSubjects(modesOf(idp, token));
  try {
    for (const s of subjects) for (const w of Object.keys(WORKLOADS)) await drive(s, w, Math.max(...s.connections), { amount: 300 }); // warm-up

    const samples = new Map(subjects.map((s) => [s.label, {}]));
    const problems = [];
    const groups = Object.keys(WORKLOADS).flatMap((w) => CONNECTIONS.map((c) => ({ w, c })));
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const { w, c } of groups) {
        const due = subjects.filter((s) => s.connections.includes(c));
        for (let i = 0; i < due.length; i += 1) {
          const s = due[(round * 3 + i) % due.length];
          const r = await drive(s, w, c, { duration: DURATION_S });
          if (r.non2xx > 0 || r.errors > 0) problems.push(`${s.label} ${w} c=${c} round ${round + 1}: ${r.non2xx} non-2xx, ${r.errors} errors`);
          ((samples.get(s.label)[w] ??= {})[c] ??= []).push(r);
        }
      }
    }
    console.log(`\n/mcp: ${DURATION_S} s per run, median of ${ROUNDS} interleaved rounds, Node ${process.version}, ${cpus().length} cores`);
    console.log('×ref: req/s over the like-for-like v1 SDK reference (session → SDK session; json and 2026 → SDK stateless JSON; sse → SDK stateless SSE)');
    console.log('noise: min–max spread of req/s over the rounds, in % of the median');
    printTable(subjects, samples);
    for (const line of problems) console.log(`! ${line}`);
    return goals(subjects, samples);
  } finally {
    for (const server of servers) await stopServe(server);
    await idp.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await benchHttp()) console.log(line);
