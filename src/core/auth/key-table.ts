import { hash, timingSafeEqual } from 'node:crypto';

/** The accepted API keys, found by the presented key's digest. */
export interface KeyTable {
  /** The name of the key `presented` is, or `undefined` when it is none of them. */
  match(presented: string): string | undefined;
  /** The same table without the keys whose names are not in `names` (a revocation applies before any keychain read). */
  retain(names: ReadonlySet<string>): KeyTable;
  readonly names: readonly string[];
}

interface Entry {
  readonly name: string;
  readonly digest: Buffer;
}

/** Compared against on a miss, so a wrong key costs the same comparison as a right one. */
const MISS_DIGEST = Buffer.alloc(32);

/**
 * A table of named keys that answers in the same time whatever their number:
 * the presented key is reduced to its SHA-256 digest, the digest finds at most
 * one entry in a `Map` (finding one would take a SHA-256 preimage, so the
 * lookup's timing tells nothing about the stored keys), and that entry's
 * digest is then compared in constant time (`timingSafeEqual`, 32 bytes).
 * Only digests are kept, never a key itself. When two names hold the same
 * value, the first one listed wins.
 */
export function createKeyTable(keys: readonly { readonly name: string; readonly value: string }[]): KeyTable {
  const byDigest = new Map<string, Entry>();
  for (const { name, value } of keys) {
    const digest = sha256(value);
    const id = digest.toString('base64');
    if (!byDigest.has(id)) byDigest.set(id, { name, digest });
  }
  return tableOf(byDigest);
}

function tableOf(byDigest: ReadonlyMap<string, Entry>): KeyTable {
  return {
    names: [...byDigest.values()].map((entry) => entry.name),
    retain: (names) => tableOf(new Map([...byDigest].filter(([, entry]) => names.has(entry.name)))),
    match(presented) {
      const digest = sha256(presented);
      const entry = byDigest.get(digest.toString('base64'));
      const equal = timingSafeEqual(digest, entry?.digest ?? MISS_DIGEST);
      return entry !== undefined && equal ? entry.name : undefined;
    },
  };
}

function sha256(text: string): Buffer {
  // One-shot: no Hash object per request.
  return hash('sha256', text, 'buffer');
}
