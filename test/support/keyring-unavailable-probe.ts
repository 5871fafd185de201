/**
 * Child-process probe for test/keychain/keychain-unavailable.test.ts: runs the keychain
 * store and the API key resolution in a process whose session bus does not
 * exist, and prints one JSON line per step ({step, outcome, name, code,
 * message, source}). Never prints a secret it was given.
 */
import { resolveApiKey } from '../../src/core/keychain/api-key.js';
import { createKeychainStore } from '../../src/core/keychain/secret-store.js';

export const PROBE_SECRET = 'probe-secret-value-never-printed';
const ENV_KEY = 'probe-env-key-0123456789';

interface StepReport {
  step: string;
  outcome: 'resolved' | 'rejected';
  name?: string;
  code?: string;
  message?: string;
  source?: string;
}

async function step(name: string, run: () => Promise<unknown>): Promise<StepReport> {
  try {
    const value = await run();
    const source = (value as { source?: string } | undefined)?.source;
    return { step: name, outcome: 'resolved', ...(source ? { source } : {}) };
  } catch (error) {
    const { name: errorName, code, message } = error as Error & { code?: string };
    return { step: name, outcome: 'rejected', name: errorName, code, message };
  }
}

export async function runProbe(): Promise<void> {
  const store = createKeychainStore();
  const steps = [
    await step('get', () => store.get('api-key')),
    await step('set', () => store.set('api-key', PROBE_SECRET)),
    await step('delete', () => store.delete('api-key')),
    await step('resolve-without-env', () => resolveApiKey({ store })),
    await step('resolve-with-env', () => resolveApiKey({ envKey: ENV_KEY, store })),
  ];
  for (const report of steps) process.stdout.write(`${JSON.stringify(report)}\n`);
}
