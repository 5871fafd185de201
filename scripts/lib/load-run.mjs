// One autocannon run of `npm run bench`, with latencies taken from every 2xx answer at
// sub-millisecond resolution (autocannon's own histogram counts whole milliseconds).
import autocannon from 'autocannon';
import { percentile } from './bench-stats.mjs';

/**
 * Posts `body` with `headers` to `url` from `connections` connections for `duration` seconds
 * (or `amount` requests). With `sessions`, connection i sends `Mcp-Session-Id` sessions[i].
 * Returns req/s of 2xx answers, p50 and p99 in ms, and the non-2xx and error counts.
 */
export async function loadRun({ url, headers, body, sessions, connections, duration, amount }) {
  const latencies = [];
  let next = 0;
  const instance = autocannon({
    url,
    method: 'POST',
    headers,
    body,
    connections,
    ...(amount !== undefined ? { amount } : { duration }),
    ...(sessions ? { setupClient: (client) => client.setHeaders({ ...headers, 'mcp-session-id': sessions[next++ % sessions.length] }) } : {}),
  });
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300) latencies.push(ms);
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / result.duration,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
