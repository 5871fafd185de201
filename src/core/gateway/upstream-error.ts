export type UpstreamErrorCode =
  /** The stdio command is not an executable on the child's PATH. */
  | 'UPSTREAM_COMMAND_NOT_FOUND'
  /** The spec is not valid (see `validateUpstreamSpec`). */
  | 'UPSTREAM_INVALID_SPEC'
  /** A `${secret:KEY}` header refers to a secret that is not set. */
  | 'UPSTREAM_SECRET_MISSING'
  /** The server did not complete `initialize` in time. */
  | 'UPSTREAM_INIT_TIMEOUT'
  /** Connecting or initializing failed (the process exited, the URL did not answer…). */
  | 'UPSTREAM_CONNECT_FAILED';

/**
 * Starting an upstream failed. `message` is in the user's words ("command
 * `foo` was not found on PATH") and never holds a secret. `retryable` is false
 * when trying again cannot help until the user changes something.
 */
export class UpstreamStartError extends Error {
  override readonly name = 'UpstreamStartError';
  readonly code: UpstreamErrorCode;
  readonly retryable: boolean;

  constructor(code: UpstreamErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = code === 'UPSTREAM_INIT_TIMEOUT' || code === 'UPSTREAM_CONNECT_FAILED';
  }
}
