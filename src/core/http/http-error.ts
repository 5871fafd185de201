/**
 * The one error type that becomes an HTTP response. Auth, rate limiting and
 * request checks throw it; the server turns it into a JSON response with the
 * given status and headers, and counts it in the metrics by `reason`.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';

  constructor(
    /** HTTP status to answer with (400, 401, 403, 404, 405, 413, 429…). */
    readonly status: number,
    /** Stable machine-readable code, e.g. `AUTH_MISSING_KEY`, `RATE_LIMITED`. */
    readonly code: string,
    /** Human-readable explanation; never contains a secret. */
    message: string,
    /** Extra response headers (`WWW-Authenticate`, `Retry-After`, `Allow`…). */
    readonly headers: Readonly<Record<string, string>> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  /** JSON body sent to the client. */
  toBody(): { error: { code: string; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}
