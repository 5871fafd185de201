import { describe, expect, it } from 'vitest';
import { createRestartPolicy } from './restart-policy.js';

function clock(start = 0) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

describe('restart policy', () => {
  it('waits 1 s, then doubles the delay for each crash in a row', () => {
    const time = clock();
    const policy = createRestartPolicy({ now: time.now, maxCrashes: 100 });
    const delays: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const decision = policy.recordCrash();
      if (decision.kind !== 'retry') throw new Error('expected a retry');
      delays.push(decision.delayMs);
      time.advance(decision.delayMs + 61_000);
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });

  it('gives up at the 5th crash within 60 s and stays given up until reset', () => {
    const time = clock();
    const policy = createRestartPolicy({ now: time.now });
    const kinds: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const decision = policy.recordCrash();
      kinds.push(decision.kind);
      if (decision.kind === 'retry') time.advance(decision.delayMs);
    }
    expect(kinds).toEqual(['retry', 'retry', 'retry', 'retry', 'give-up']);
    expect(policy.recordCrash()).toMatchObject({ kind: 'give-up', crashesInWindow: 6 });

    policy.reset();
    expect(policy.recordCrash()).toEqual({ kind: 'retry', delayMs: 1_000, crashesInWindow: 1 });
  });

  it('forgets crashes older than the window', () => {
    const time = clock();
    const policy = createRestartPolicy({ now: time.now });
    for (let i = 0; i < 4; i += 1) {
      policy.recordCrash();
      time.advance(20_000);
    }
    // Crashes at 0, 20, 40, 60 s: at 80 s only 60 and 40 and 80 are within the window.
    expect(policy.recordCrash()).toMatchObject({ kind: 'retry', crashesInWindow: 3 });
  });

  it('starts the delays again after the upstream ran long enough', () => {
    const time = clock();
    const policy = createRestartPolicy({ now: time.now, healthyAfterMs: 10_000 });
    policy.recordCrash();
    time.advance(1_000);
    expect(policy.recordCrash()).toMatchObject({ delayMs: 2_000 });
    time.advance(2_000);
    policy.recordRunning();
    time.advance(5_000);
    expect(policy.recordCrash()).toMatchObject({ delayMs: 4_000 });
    time.advance(4_000);
    policy.recordRunning();
    time.advance(10_000);
    expect(policy.recordCrash()).toMatchObject({ delayMs: 1_000 });
  });

  it('takes short injected settings, as the supervision tests do', () => {
    const time = clock();
    const policy = createRestartPolicy({ now: time.now, initialDelayMs: 10, maxDelayMs: 40, maxCrashes: 3, windowMs: 5_000 });
    expect(policy.recordCrash()).toEqual({ kind: 'retry', delayMs: 10, crashesInWindow: 1 });
    expect(policy.recordCrash()).toEqual({ kind: 'retry', delayMs: 20, crashesInWindow: 2 });
    expect(policy.recordCrash()).toEqual({ kind: 'give-up', crashesInWindow: 3 });
    expect(policy.windowMs).toBe(5_000);
  });
});
