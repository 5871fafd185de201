import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { SecretStore } from '../secret-store.js';

/**
 * The behaviour every {@link SecretStore} must have, as vitest cases. Call it
 * inside a `describe` with a factory; the memory store and the real OS
 * keychain run the same cases. Account names are unique per case, so a real
 * keychain is never touched outside them.
 */
export function itBehavesLikeASecretStore(makeStore: () => SecretStore): void {
  const account = (label: string) => `contract-${label}-${randomUUID()}`;

  it('answers undefined for an account that was never stored', async () => {
    expect(await makeStore().get(account('never'))).toBeUndefined();
  });

  it('gives back exactly what was stored, unicode and all', async () => {
    const store = makeStore();
    const name = account('roundtrip');
    const secret = `s3cr3t ✓ ${'x'.repeat(200)} "quotes" \\ back`;
    await store.set(name, secret);
    expect(await store.get(name)).toBe(secret);
    await store.delete(name);
  });

  it('replaces the secret when the same account is stored again', async () => {
    const store = makeStore();
    const name = account('replace');
    await store.set(name, 'first value');
    await store.set(name, 'second value');
    expect(await store.get(name)).toBe('second value');
    await store.delete(name);
  });

  it('keeps accounts apart', async () => {
    const store = makeStore();
    const [a, b] = [account('a'), account('b')];
    await store.set(a, 'value of a');
    await store.set(b, 'value of b');
    expect([await store.get(a), await store.get(b)]).toEqual(['value of a', 'value of b']);
    await store.delete(a);
    expect(await store.get(b)).toBe('value of b');
    await store.delete(b);
  });

  it('deletes: true when something was removed, false when nothing was there', async () => {
    const store = makeStore();
    const name = account('delete');
    await store.set(name, 'doomed');
    expect(await store.delete(name)).toBe(true);
    expect(await store.get(name)).toBeUndefined();
    expect(await store.delete(name)).toBe(false);
  });
}
