#!/usr/bin/env node
// `npm run bench`: figures, not a test (nothing here runs in `npm test`). Parts, in order:
//   http       /mcp: this server (`mcp-toolkit serve`, built CLI, per auth mode) against the bare v1
//              SDK reference (scripts/bench/reference-sdk-server.mjs) and a raw node:http limit,
//              tools/list and tools/call on the session and sessionless paths, interleaved rounds;
//   footprint  start → first /health 200, idle RSS, RSS with 1,000 open sessions;
//   gateway    tools/call through the gateway vs direct; tools/list over 10 upstreams × 50 tools;
//   bridge     what `mcp-toolkit bridge` adds per call.
// Then every goal of issue 13 with its figure and a ✓/✗ mark.
//
// BENCH_ONLY=http,footprint picks parts; BENCH_DURATION (s, default 3), BENCH_ROUNDS (default 3),
// BENCH_CONNECTIONS (default 1,20), BENCH_FULL=1 (every auth mode on every path), BENCH_STARTS
// (default 5), BENCH_GATEWAY_MS / BENCH_GATEWAY_ROUNDS, BENCH_BRIDGE_MS / BENCH_BRIDGE_ROUNDS.
import { benchBridge } from './bench-bridge.mjs';
import { benchFootprint } from './bench-footprint.mjs';
import { benchGateway } from './bench-gateway.mjs';
import { benchHttp } from './bench-http.mjs';
import { requireBuild } from './lib/serve-process.mjs';

const PARTS = { http: benchHttp, footprint: benchFootprint, gateway: benchGateway, bridge: benchBridge };
const only = (process.env.BENCH_ONLY ?? Object.keys(PARTS).join(',')).split(',').map((part) => part.trim());
const unknown = only.filter((part) => !(part in PARTS));
if (unknown.length > 0) {
  console.error(`bench: unknown part ${unknown.join(', ')} (parts: ${Object.keys(PARTS).join(', ')})`);
  process.exit(2);
}
requireBuild('bench');

const started = performance.now();
const goals = [];
for (const part of only) goals.push(...((await PARTS[part]()) ?? []));
if (goals.length > 0) {
  console.log('\nGoals (issue 13; the machine is shared, so single figures are noisy: see each row\'s noise)');
  for (const line of goals) console.log(line);
}
console.log(`\nbench: ${only.join(', ')} in ${((performance.now() - started) / 60_000).toFixed(1)} min`);
