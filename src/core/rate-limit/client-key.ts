import { createHash } from 'node:crypto';
import { isLoopbackHost } from '../../shared/loopback.js';

/**
 * What identifies a client: an API key, a bearer token, an OAuth subject
 * (e.g. `${issuer} ${sub} ${client_id}`, steadier than a token that rotates),
 * or the peer address when the mode has no credentials.
 */
export type ClientKeyKind = 'key' | 'token' | 'subject' | 'ip';

/** Hex digits of SHA-256 kept in a client key (even): 128 bits, collisions negligible. */
const DIGEST_HEX_CHARS = 32;
/** Hex digits a masked label shows (even): 24 bits, enough to tell clients apart at a glance. */
const LABEL_HEX_CHARS = 6;
const HASHED_KINDS: ReadonlySet<string> = new Set(['key', 'token', 'subject']);
const IPV4_MAPPED_PREFIX = '::ffff:';
const MAX_ADDRESS_CHARS = 64;
/** Kind shown for anything that is not a well-formed client key. */
const UNKNOWN_KIND = 'client';
/** IPv4, IPv6 (with an optional zone), or `unknown` when the socket gave none. */
const ADDRESS_PATTERN = /^[0-9a-z.:%_-]{1,64}$/i;
const HEX_PREFIX_PATTERN = /^[0-9a-f]{6}/;

/**
 * A stable, non-secret key for rate limiting and metrics (`Principal.clientKey`).
 * Secrets are reduced to `<kind>:<first 128 bits of SHA-256 in hex>` with a
 * domain-separation prefix, so the raw value is never stored; the same secret
 * always gives the same key, which lets the UI match a label to the key it shows.
 * Addresses stay readable: `ip:127.0.0.1` (IPv4-mapped IPv6 is unwrapped so one
 * peer has one key whichever way the socket reports it).
 */
export function clientKeyFor(kind: ClientKeyKind, value: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new TypeError(`clientKeyFor(${kind}) needs a non-empty string`);
  }
  if (kind === 'ip') return `ip:${normalizeAddress(value)}`;
  if (!HASHED_KINDS.has(kind)) throw new TypeError(`unknown client key kind: ${String(kind)}`);
  return `${kind}:${sha256Hex(`mcp-toolkit:client-key:${kind}:${value}`, DIGEST_HEX_CHARS)}`;
}

/** The one bucket every loopback address shares for failed credentials. */
export const LOOPBACK_FAILURES_KEY = 'ip:loopback';

/**
 * The bucket a request with failed credentials spends from: its address, except
 * that all of loopback (127.0.0.0/8, `::1`, `::ffff:127.x.y.z`) shares one, since
 * a local guesser can pick any of 16 million source addresses for free.
 */
export function failedAttemptKey(remoteAddress: string): string {
  return isLoopbackHost(remoteAddress) ? LOOPBACK_FAILURES_KEY : clientKeyFor('ip', remoteAddress);
}

/**
 * A short label safe for the UI and logs: `key:3f9a1c…`, `ip:127.0.0.1`.
 * Hashed keys keep only their first 6 hex digits; anything that does not look
 * like a client key is hashed first, so a raw secret passed by mistake is never
 * shown. Idempotent: masking a label returns it unchanged.
 */
export function maskedLabel(clientKey: string): string {
  const separator = clientKey.indexOf(':');
  const kind = clientKey.slice(0, separator);
  const rest = clientKey.slice(separator + 1);
  if (kind === 'ip' && ADDRESS_PATTERN.test(rest)) return clientKey;
  if (HASHED_KINDS.has(kind) && HEX_PREFIX_PATTERN.test(rest)) return `${kind}:${rest.slice(0, LABEL_HEX_CHARS)}…`;
  if (kind === UNKNOWN_KIND && HEX_PREFIX_PATTERN.test(rest)) return clientKey;
  return `${UNKNOWN_KIND}:${sha256Hex(clientKey, LABEL_HEX_CHARS)}…`;
}

function normalizeAddress(address: string): string {
  const lower = address.trim().toLowerCase().slice(0, MAX_ADDRESS_CHARS);
  return lower.startsWith(IPV4_MAPPED_PREFIX) && lower.includes('.') ? lower.slice(IPV4_MAPPED_PREFIX.length) : lower;
}

/** The first `hexChars` hex digits of SHA-256, as a fresh string (no slice of a longer one kept alive). */
function sha256Hex(text: string, hexChars: number): string {
  return createHash('sha256')
    .update(text, 'utf8')
    .digest()
    .subarray(0, hexChars / 2)
    .toString('hex');
}
