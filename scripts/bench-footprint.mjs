// The footprint part of `npm run bench`: `mcp-toolkit serve --port 0` (built CLI, plain Node, `none`
// mode) from spawn to its first `/health` 200 and its RSS 1 s later, over BENCH_STARTS starts
// (default 5); then its RSS with 1,000 open 2025-11-25 sessions (10 client addresses 127.0.0.1–10
// × 100, the per-client cap). Run alone with `node scripts/bench-footprint.mjs`.
import { fixed, goalLine, median } from './lib/bench-stats.mjs';
import { LATEST_2025, openSession, requestOf } from './lib/mcp-wire.mjs';
import { requireBuild, rssMb, startServe, stopServe } from './lib/serve-process.mjs';

const STARTS = Number(process.env.BENCH_STARTS ?? 5);
const SESSIONS = 1_000;
const PER_ADDRESS = 100;
const settle = () => new Promise((resolve) => setTimeout(resolve, 1_000));

/** Opens `count` sessions, `PER_ADDRESS` per local address, 10 at a time; their ids. */
async function openSessions(url, count) {
  const ids = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (next < count) {
        const n = next++;
        ids[n] = await openSession(url, {}, `127.0.0.${1 + Math.floor(n / PER_ADDRESS)}`);
      }
    }),
  );
  return ids;
}

export async function benchFootprint() {
  requireBuild('bench');
  const starts = [];
  for (let i = 0; i < STARTS; i += 1) {
    const server = await startServe({ MCP_AUTH: 'none' });
    await settle();
    starts.push({ ms: server.startupMs, rss: rssMb(server.child.pid) });
    await stopServe(server);
  }

  const server = await startServe({ MCP_AUTH: 'none' });
  const ids = await openSessions(server.url, SESSIONS);
  await settle();
  const sessionsRss = rssMb(server.child.pid);
  // The first session must still be open (none was evicted to make room).
  const { headers, body } = requestOf('tools/list', 'session', { 'mcp-session-id': ids[0], 'mcp-protocol-version': LATEST_2025 });
  const first = await fetch(`${server.url}/mcp`, { method: 'POST', headers, body });
  await first.arrayBuffer();
  await stopServe(server);

  const ms = starts.map((s) => s.ms);
  const rss = starts.map((s) => s.rss);
  console.log(`\nfootprint: \`mcp-toolkit serve --port 0\` (none), ${STARTS} starts`);
  console.log(`start → first /health 200: median ${fixed(median(ms), 0, 0)} ms (${ms.map((v) => v.toFixed(0)).join(', ')})`);
  console.log(`idle RSS 1 s after start:   median ${fixed(median(rss), 1, 0)} MB (${rss.map((v) => v.toFixed(1)).join(', ')})`);
  console.log(`RSS with ${SESSIONS} open sessions: ${sessionsRss.toFixed(1)} MB (first session still answers: ${first.status === 200 ? 'yes' : `no, ${first.status}`})`);
  return [
    goalLine(median(ms) <= 300, 'start → first /health 200 (median)', `${median(ms).toFixed(0)} ms`, '≤ 300 ms'),
    goalLine(median(rss) <= 80, 'idle RSS after start + 1 s (median)', `${median(rss).toFixed(1)} MB`, '≤ 80 MB'),
    goalLine(sessionsRss <= 150 && first.status === 200, `RSS with ${SESSIONS} open 2025-11-25 sessions`, `${sessionsRss.toFixed(1)} MB`, '≤ 150 MB'),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await benchFootprint()) console.log(line);
