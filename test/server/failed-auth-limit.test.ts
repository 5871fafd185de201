import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/core/server/index.js';
import { loopbackAddress, requestFrom } from '../support/request-from.js';
import { startTestServer, TEST_API_KEY } from '../support/test-server.js';

const BURST = 5;
/** Slow refill, so no token comes back while the test runs and the counts are exact. */
const RPS = 0.5;
const GUESSES = 12;

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('failed credentials from loopback', () => {
  it('share one bucket across 127/8, so rotating the source address does not escape the limit', async () => {
    server = await startTestServer({ auth: 'api_key', apiKey: TEST_API_KEY, rateLimit: { rps: RPS, burst: BURST } });
    const statuses: number[] = [];
    for (let i = 1; i <= GUESSES; i += 1) {
      const res = await requestFrom(loopbackAddress(i), `${server.url}/tools`, { headers: { 'X-API-Key': `guess-${i}-xxxxxxxxxxxxxxxx` } });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([...Array<number>(BURST).fill(401), ...Array<number>(GUESSES - BURST).fill(429)]);

    // A client with the right key spends from its own bucket, not the guessers'.
    const valid = await requestFrom('127.0.0.1', `${server.url}/tools`, { headers: { 'X-API-Key': TEST_API_KEY } });
    expect(valid.status).toBe(200);
  });
});
