/** Request headers by lower-case name, as a web `Request` takes them. */
export type HeaderRecord = Record<string, string>;

/**
 * Makes a plain JSON-RPC post acceptable to the MCP SDK: the body was already
 * parsed as JSON, so curl's default form content type is replaced by
 * `application/json`, and a missing or wildcard `Accept` becomes the pair the
 * Streamable HTTP transport requires. Requests that already say what they want
 * are left alone. (Cross-site form posts never get here: the Origin check
 * refuses them first.) Changes `headers` (lower-case names) in place and returns it.
 */
export function normaliseMcpHeaders(headers: HeaderRecord): HeaderRecord {
  const contentType = headers['content-type'] ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(contentType)) headers['content-type'] = 'application/json';
  const accept = headers.accept ?? '';
  if (!(accept.includes('application/json') && accept.includes('text/event-stream'))) {
    headers.accept = 'application/json, text/event-stream';
  }
  delete headers['content-length'];
  return headers;
}
