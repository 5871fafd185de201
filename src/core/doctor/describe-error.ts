/** A failed request in a few words: the system's code (`ECONNREFUSED`) when fetch hides it behind "fetch failed". */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  if (error.message === 'fetch failed' && cause !== undefined) {
    return typeof cause.code === 'string' ? `${cause.code}` : String(cause.message ?? error.message);
  }
  return error.message;
}
