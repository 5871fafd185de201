/** Raised by {@link withTimeout} when the wrapped promise did not settle in time. */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

/**
 * Settles like `promise`, or rejects with {@link TimeoutError} after
 * `timeoutMs`. The underlying work is not cancelled (a blocked native call
 * cannot be); its late result is ignored. The timer never keeps the process alive.
 */
export function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(timeoutMs)), timeoutMs);
    timer.unref();
  });
  return Promise.race([promise, expiry]).finally(() => clearTimeout(timer));
}
