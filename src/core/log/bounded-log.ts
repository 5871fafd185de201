/** Longest text a log line carries from outside input. */
const MAX_LOGGED_CHARS = 200;

/**
 * Text from a client (a header, an SDK error quoting one) made safe to log:
 * control characters escaped, so it cannot forge lines or move the terminal,
 * and cut to a bounded length.
 */
export function loggable(text: string, max = MAX_LOGGED_CHARS): string {
  const cut = text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
  // eslint-disable-next-line no-control-regex
  return cut.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export interface RateLimitedLogOptions {
  /** Lines written per window; the rest are counted and summed up in one line. */
  readonly linesPerWindow: number;
  readonly windowMs: number;
  readonly now?: () => number;
}

/**
 * A log that writes at most `linesPerWindow` lines per window, so a client
 * repeating a bad request cannot flood the log; a suppressed burst is reported
 * as one line when the next window opens.
 */
export function rateLimitedLog(log: (line: string) => void, options: RateLimitedLogOptions): (line: string) => void {
  const now = options.now ?? Date.now;
  let windowStart = Number.NEGATIVE_INFINITY;
  let written = 0;
  let suppressed = 0;
  return (line) => {
    const time = now();
    if (time - windowStart >= options.windowMs) {
      if (suppressed > 0) log(`[log] ${suppressed} similar line(s) suppressed in the last ${Math.round(options.windowMs / 1000)} s`);
      windowStart = time;
      written = 0;
      suppressed = 0;
    }
    if (written < options.linesPerWindow) {
      written += 1;
      log(line);
    } else {
      suppressed += 1;
    }
  };
}
