import { createHash } from 'node:crypto';
import type { SecretStore } from '../keychain/secret-store.js';

/**
 * Longest value kept in one keychain entry, in UTF-16 code units (a JS
 * string's `length`). Windows Credential Manager refuses a credential blob
 * over 2,560 bytes (`CRED_MAX_CREDENTIAL_BLOB_SIZE`), and `@napi-rs/keyring`
 * (keyring-rs, windows-native) stores the value as UTF-16LE, so the hard
 * limit is 1,280 code units; macOS Keychain and the Secret Service have none.
 * This bound leaves a margin under Windows' limit.
 */
export const MAX_KEYCHAIN_VALUE_CHARS = 1024;

/** At most this many parts (32K characters): a sign-in is a few thousand. */
export const MAX_SECRET_PARTS = 32;

/** Read twice before calling a set damaged: a write by another process may have been under way. */
const READ_ATTEMPTS = 2;

type Slot = 'a' | 'b';

/** What `<account>` holds when the secret is split: where the parts are and how to check them. */
interface SplitHeader {
  readonly split: 1;
  /** Parts alternate between two slots, so a new set never overwrites the one being read. */
  readonly slot: Slot;
  readonly parts: number;
  /** SHA-256 (base64url) of the whole text: parts from two different writes never pass as one secret. */
  readonly sha256: string;
}

export type SplitSecretRead =
  | { readonly kind: 'missing' }
  | { readonly kind: 'text'; readonly text: string }
  /** A header without its parts, or parts that do not match it; `problem` completes "the stored value …". */
  | { readonly kind: 'damaged'; readonly problem: string };

/** The keychain account of part `index` in `slot`: `<account>:a:0`, `<account>:a:1`… */
export function partAccount(account: string, slot: Slot, index: number): string {
  return `${account}:${slot}:${index}`;
}

/**
 * `text` cut into pieces of at most `max` UTF-16 code units, never between
 * the two halves of a surrogate pair (each piece stays valid Unicode).
 */
export function splitText(text: string, max: number = MAX_KEYCHAIN_VALUE_CHARS): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + max, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces.length === 0 ? [''] : pieces;
}

function digest(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64url');
}

/** The header in `value`; `undefined` when `value` is a secret stored whole; `'invalid'` for a malformed header. */
function headerOf(value: string): SplitHeader | 'invalid' | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || !('split' in parsed)) return undefined;
  const { split, slot, parts, sha256 } = parsed as Record<string, unknown>;
  const valid =
    split === 1 &&
    (slot === 'a' || slot === 'b') &&
    typeof parts === 'number' &&
    Number.isInteger(parts) &&
    parts >= 1 &&
    parts <= MAX_SECRET_PARTS &&
    typeof sha256 === 'string';
  return valid ? { split, slot, parts, sha256 } : 'invalid';
}

async function readOnce(secrets: SecretStore, account: string): Promise<SplitSecretRead> {
  const value = await secrets.get(account);
  if (value === undefined) return { kind: 'missing' };
  const header = headerOf(value);
  if (header === undefined) return { kind: 'text', text: value };
  if (header === 'invalid') return { kind: 'damaged', problem: 'has a malformed list of parts' };
  const parts: string[] = [];
  for (let index = 0; index < header.parts; index += 1) {
    const part = await secrets.get(partAccount(account, header.slot, index));
    if (part === undefined) return { kind: 'damaged', problem: `lacks part ${index + 1} of ${header.parts}` };
    parts.push(part);
  }
  const text = parts.join('');
  if (digest(text) !== header.sha256) return { kind: 'damaged', problem: `has ${header.parts} parts that do not belong together` };
  return { kind: 'text', text };
}

/**
 * Reads a secret written by {@link writeSplitSecret}, or one stored whole
 * under `account` (as before secrets were split). A damaged set is read
 * once more (another process may have been writing it) before it is
 * reported; it never throws for one, only for a keychain failure.
 */
export async function readSplitSecret(secrets: SecretStore, account: string): Promise<SplitSecretRead> {
  let read: SplitSecretRead = { kind: 'missing' };
  for (let attempt = 0; attempt < READ_ATTEMPTS; attempt += 1) {
    read = await readOnce(secrets, account);
    if (read.kind !== 'damaged') return read;
  }
  return read;
}

/**
 * Deletes `<account>:<slot>:0`, `:1`… : the first `count` parts whatever is
 * missing among them (a damaged set has holes), then on up to the first one
 * missing (leftovers of an interrupted write). True if any was there.
 */
async function deleteSlot(secrets: SecretStore, account: string, slot: Slot, count = 0): Promise<boolean> {
  let deletedAny = false;
  for (let index = 0; index < MAX_SECRET_PARTS; index += 1) {
    const deleted = await secrets.delete(partAccount(account, slot, index));
    deletedAny ||= deleted;
    if (!deleted && index >= count) break;
  }
  return deletedAny;
}

/**
 * Stores `text` so that no keychain value is longer than
 * {@link MAX_KEYCHAIN_VALUE_CHARS}: the parts go to the slot not in use,
 * then `<account>` gets the header naming them (the moment the new secret
 * takes effect), then the old slot's parts are deleted. A reader never sees
 * a mix: it reads the old set or the new one, or (in a narrow race) a set
 * that fails the checksum and is read again.
 */
export async function writeSplitSecret(secrets: SecretStore, account: string, text: string): Promise<void> {
  const pieces = splitText(text);
  if (pieces.length > MAX_SECRET_PARTS) throw new Error(`${account} is too large to keep in the keychain (${text.length} characters)`);
  const previous = headerOfStored(await secrets.get(account));
  const slot: Slot = previous?.slot === 'a' ? 'b' : 'a';
  for (const [index, piece] of pieces.entries()) await secrets.set(partAccount(account, slot, index), piece);
  const header: SplitHeader = { split: 1, slot, parts: pieces.length, sha256: digest(text) };
  await secrets.set(account, JSON.stringify(header));
  await deleteSlot(secrets, account, slot === 'a' ? 'b' : 'a', previous?.parts);
}

function headerOfStored(value: string | undefined): SplitHeader | undefined {
  const header = value === undefined ? undefined : headerOf(value);
  return header === 'invalid' ? undefined : header;
}

/** Deletes the secret and every part of it (both slots, leftovers of an interrupted write included); true if anything was there. */
export async function deleteSplitSecret(secrets: SecretStore, account: string): Promise<boolean> {
  const header = headerOfStored(await secrets.get(account));
  const deletedHeader = await secrets.delete(account);
  const a = await deleteSlot(secrets, account, 'a', header?.slot === 'a' ? header.parts : 0);
  const b = await deleteSlot(secrets, account, 'b', header?.slot === 'b' ? header.parts : 0);
  return deletedHeader || a || b;
}
