import { API_KEY_ACCOUNT } from '../keychain/api-key.js';

/** A key's name: 1 to 32 lower-case letters, digits or "-", not starting with "-". */
export const KEY_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}$/;
/** The key that was the single API key before named keys (keychain account `api-key`). */
export const DEFAULT_KEY_NAME = 'default';
/** `MCP_API_KEY`, accepted under this name and never stored. */
export const ENV_KEY_NAME = 'env';

export const KEY_NOT_FOUND = 'KEY_NOT_FOUND';
export const KEY_EXISTS = 'KEY_EXISTS';
export const KEY_NAME_INVALID = 'KEY_NAME_INVALID';
export const KEY_INDEX_INVALID = 'KEY_INDEX_INVALID';
export const KEY_INDEX_BUSY = 'KEY_INDEX_BUSY';
export type NamedKeyErrorCode = typeof KEY_NOT_FOUND | typeof KEY_EXISTS | typeof KEY_NAME_INVALID | typeof KEY_INDEX_INVALID | typeof KEY_INDEX_BUSY;

/** A refused key operation; the message names the key, never its value. */
export class NamedKeyError extends Error {
  override readonly name = 'NamedKeyError';
  constructor(
    readonly code: NamedKeyErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** True when `name` is a well-formed key name. */
export function isKeyName(name: string): boolean {
  return KEY_NAME_PATTERN.test(name);
}

/** Returns `name` when it is a well-formed key name, else throws `KEY_NAME_INVALID`. */
export function checkKeyName(name: string): string {
  if (!isKeyName(name)) {
    throw new NamedKeyError(KEY_NAME_INVALID, `"${printable(name)}" is not a key name: use 1 to 32 lower-case letters, digits or "-", starting with a letter or digit`);
  }
  return name;
}

/**
 * The keychain account holding a key's value: `key:<name>`, except `default`,
 * which stays in `api-key` where the single key of earlier versions lives, so
 * an upgrade (and a downgrade) keeps it without a copy that could drift apart.
 */
export function keyAccount(name: string): string {
  return name === DEFAULT_KEY_NAME ? API_KEY_ACCOUNT : `key:${name}`;
}

/** A name as it may appear in a message: bounded, control characters escaped. */
function printable(name: string): string {
  return JSON.stringify(name.slice(0, 40)).slice(1, -1);
}
