import { describe, expect, it } from 'vitest';
import { HttpError } from '../http/http-error.js';
import { clientKeyFor } from './client-key.js';
import { RateLimitOptionsError } from './options.js';
import { createRateLimiter, type RateLimitDecision } from './rate-limiter.js';

/** A clock the test moves by hand (milliseconds). */
function manualClock(start = 1_000) {
  let ms = start;
  return {
    now: () => ms,
    advance(byMs: number) {
      ms += byMs;
    },
    set(toMs: number) {
      ms = toMs;
    },
  };
}

function takeMany(take: () => RateLimitDecision, count: number): RateLimitDecision[] {
  return Array.from({ length: count }, take);
}

describe('createRateLimiter: one client', () => {
  it('allows a burst, counting down what remains, then answers 429 with Retry-After', () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ rps: 1, burst: 3, now: clock.now });

    expect(takeMany(() => limiter.take('key:a'), 4)).toEqual([
      { ok: true, remaining: 2 },
      { ok: true, remaining: 1 },
      { ok: true, remaining: 0 },
      { ok: false, retryAfterSeconds: 1 },
    ]);
  });

  it('refills at rps tokens per second, never beyond the burst', () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ rps: 2, burst: 3, now: clock.now });
    takeMany(() => limiter.take('key:a'), 3);

    clock.advance(499);
    expect(limiter.take('key:a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    clock.advance(1); // 500 ms at 2 rps = one token
    expect(limiter.take('key:a')).toEqual({ ok: true, remaining: 0 });

    clock.advance(60_000); // idle for a minute: full again, but only `burst` tokens
    expect(takeMany(() => limiter.take('key:a'), 4).map((d) => d.ok)).toEqual([true, true, true, false]);
  });

  it('rejected requests spend nothing: the client gets its token on time however often it retries', () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ rps: 1, burst: 1, now: clock.now });
    limiter.take('key:a');
    for (let i = 0; i < 9; i++) {
      clock.advance(100);
      expect(limiter.take('key:a').ok).toBe(false);
    }
    clock.advance(100);
    expect(limiter.take('key:a')).toEqual({ ok: true, remaining: 0 });
  });

  it.each([
    { rps: 10, waitedMs: 0, expected: 1 }, // 100 ms away: at least 1 s
    { rps: 1, waitedMs: 0, expected: 1 },
    { rps: 0.5, waitedMs: 0, expected: 2 },
    { rps: 0.1, waitedMs: 0, expected: 10 },
    { rps: 0.1, waitedMs: 3_000, expected: 7 },
    { rps: 0.1, waitedMs: 3_001, expected: 7 }, // 6.999 s rounds up
    { rps: 0.1, waitedMs: 9_999, expected: 1 },
    { rps: 0.3, waitedMs: 0, expected: 4 }, // 3.33 s rounds up
  ])('Retry-After is the whole seconds until one token, rounded up (rps $rps, waited $waitedMs ms)', (c) => {
    const clock = manualClock();
    const limiter = createRateLimiter({ rps: c.rps, burst: 1, now: clock.now });
    limiter.take('key:a');
    clock.advance(c.waitedMs);
    expect(limiter.take('key:a')).toEqual({ ok: false, retryAfterSeconds: c.expected });
  });

  it('waiting exactly Retry-After seconds is always enough', () => {
    const clock = manualClock();
    for (const rps of [0.3, 0.7, 1.5, 3, 7, 0.01]) {
      const limiter = createRateLimiter({ rps, burst: 2, now: clock.now });
      for (let round = 0; round < 20; round++) {
        let decision = limiter.take('key:a');
        while (decision.ok) decision = limiter.take('key:a');
        clock.advance(decision.retryAfterSeconds * 1000);
        expect(limiter.take('key:a').ok, `rps ${rps} round ${round}`).toBe(true);
      }
    }
  });

  it('a clock that goes backwards adds no tokens', () => {
    const clock = manualClock(10_000);
    const limiter = createRateLimiter({ rps: 1, burst: 1, now: clock.now });
    limiter.take('key:a');
    clock.set(5_000);
    expect(limiter.take('key:a').ok).toBe(false);
    clock.set(10_999);
    expect(limiter.take('key:a').ok).toBe(false);
    clock.set(11_000);
    expect(limiter.take('key:a').ok).toBe(true);
  });
});

describe('createRateLimiter: many clients', () => {
  it('keeps one bucket per client: exhausting one leaves the others untouched', () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ rps: 1, burst: 2, now: clock.now });
    takeMany(() => limiter.take('key:greedy'), 5);

    expect(limiter.take('key:greedy').ok).toBe(false);
    expect(limiter.take('key:polite')).toEqual({ ok: true, remaining: 1 });
    expect(limiter.take('ip:127.0.0.1')).toEqual({ ok: true, remaining: 1 });
  });

  it('stays within maxClients when 100 000 distinct clients arrive over time', () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ rps: 10, burst: 5, maxClients: 1_000, now: clock.now });
    let allowed = 0;
    for (let i = 0; i < 100_000; i++) {
      clock.advance(1);
      if (limiter.take(clientKeyFor('key', `secret-${i}`)).ok) allowed++;
    }
    // Each bucket is full again 100 ms after its one request, so stale clients make room. Had they
    // stayed, the table would have been full after 1 000 clients and every later newcomer would
    // share the overflow bucket (5 tokens, 10 per second): most of them would be refused.
    expect(allowed).toBe(100_000);
  });

  it('stays within maxClients when 100 000 distinct clients arrive at once, throttling the newcomers together', () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ rps: 10, burst: 5, maxClients: 1_000, now: clock.now });
    const decisions = Array.from({ length: 100_000 }, (_, i) => limiter.take(`key:${i.toString(16).padStart(32, '0')}`));

    expect(decisions.slice(0, 1_000).every((d) => d.ok)).toBe(true);
    // The 99 000 untracked newcomers share one bucket of the same shape.
    expect(decisions.slice(1_000).filter((d) => d.ok)).toHaveLength(5);
  });

  it('holds the default bound of 10 000 clients', () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ rps: 1, burst: 1, now: clock.now });
    const tracked = Array.from({ length: 10_000 }, (_, i) => limiter.take(`ip:10.0.${i >> 8}.${i & 255}`));
    expect(tracked.every((d) => d.ok)).toBe(true);
    // The table is full of empty buckets: the next newcomers share one overflow bucket of one token.
    expect(limiter.take('ip:10.1.0.1').ok).toBe(true);
    expect(limiter.take('ip:10.1.0.2').ok).toBe(false);
  });

  it('never evicts an exhausted client before its bucket has refilled, so a flood of new keys cannot reset it', () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ rps: 1, burst: 10, maxClients: 3, now: clock.now });
    takeMany(() => limiter.take('key:attacker'), 10);
    expect(limiter.take('key:attacker').ok).toBe(false);

    // Fresh keys arrive until the attacker is the oldest entry of a full table, and beyond.
    for (let second = 1; second <= 9; second++) {
      clock.advance(1_000);
      for (let i = 0; i < 1_000; i++) limiter.take(`key:fresh-${second}-${i}`);
      // Tokens regained in `second` seconds, no more: the state survived the flood.
      expect(takeMany(() => limiter.take('key:attacker'), 11).filter((d) => d.ok)).toHaveLength(1);
    }
  });

  it('evicts a client only once its bucket is full, where forgetting it changes nothing', () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ rps: 1, burst: 2, maxClients: 1, now: clock.now });
    takeMany(() => limiter.take('key:a'), 2);

    clock.advance(1_999); // a's bucket holds 1.999 tokens: not full, not evictable
    expect(limiter.take('key:b')).toEqual({ ok: true, remaining: 1 }); // from the overflow bucket
    expect(limiter.take('key:c')).toEqual({ ok: true, remaining: 0 }); // the same overflow bucket
    expect(limiter.take('key:a')).toEqual({ ok: true, remaining: 0 }); // a kept its state

    clock.advance(2_000); // a is full: b takes its place, with a full bucket of its own
    expect(limiter.take('key:b')).toEqual({ ok: true, remaining: 1 });
    expect(limiter.take('key:b')).toEqual({ ok: true, remaining: 0 });
    expect(limiter.take('key:c')).toEqual({ ok: true, remaining: 1 }); // c is back on the (refilled) overflow
  });

  it('is cheap per request: 200 000 decisions for 1 000 clients well under a second', () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ rps: 1_000, burst: 50, now: clock.now });
    const keys = Array.from({ length: 1_000 }, (_, i) => clientKeyFor('key', `k${i}`));
    const started = performance.now();
    for (let i = 0; i < 200_000; i++) {
      if (i % 100 === 0) clock.advance(1);
      limiter.take(keys[i % keys.length]!);
    }
    // ≈ 30 ns each on a 2-core VM; the bound only catches an accidental O(n) path.
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('enforce', () => {
  it('returns the tokens left, then throws HttpError 429 RATE_LIMITED with a Retry-After header', () => {
    const clock = manualClock();
    const limiter = createRateLimiter({ rps: 0.5, burst: 2, now: clock.now });
    expect(limiter.enforce('key:a')).toBe(1);
    expect(limiter.enforce('key:a')).toBe(0);

    const error = (() => {
      try {
        limiter.enforce('key:a');
      } catch (caught) {
        return caught;
      }
      throw new Error('enforce did not throw');
    })();
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 429, code: 'RATE_LIMITED', headers: { 'Retry-After': '2' } });
    expect((error as HttpError).message).toMatch(/^Too many requests: .*retry in 2 s$/);
  });
});

describe('options', () => {
  it.each([
    [{ rps: 0, burst: 1 }, /rps must be a finite number > 0, got 0/],
    [{ rps: -1, burst: 1 }, /rps/],
    [{ rps: Number.NaN, burst: 1 }, /rps .* got NaN/],
    [{ rps: Number.POSITIVE_INFINITY, burst: 1 }, /rps/],
    [{ rps: '5' as unknown as number, burst: 1 }, /rps/],
    [{ rps: 1, burst: 0 }, /burst must be an integer ≥ 1, got 0/],
    [{ rps: 1, burst: 2.5 }, /burst .* got 2.5/],
    [{ rps: 1, burst: Number.NaN }, /burst/],
    [{ rps: 1, burst: 1, maxClients: 0 }, /maxClients must be an integer ≥ 1/],
    [{ rps: 1, burst: 1, maxClients: 1.5 }, /maxClients/],
    [{ rps: 1, burst: 1, now: 5 as unknown as () => number }, /clock/],
  ])('rejects %o when the limiter is built', (options, message) => {
    expect(() => createRateLimiter(options)).toThrow(RateLimitOptionsError);
    expect(() => createRateLimiter(options)).toThrow(message);
  });

  it('accepts fractional rates and defaults to a monotonic clock', () => {
    const limiter = createRateLimiter({ rps: 0.25, burst: 1 });
    expect(limiter.take('key:a').ok).toBe(true);
    expect(limiter.take('key:a')).toEqual({ ok: false, retryAfterSeconds: 4 });
  });
});
