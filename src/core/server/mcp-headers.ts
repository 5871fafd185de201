/**
 * Makes a plain JSON-RPC post acceptable to the MCP SDK: the body was already
 * parsed as JSON, so curl's default form content type is replaced by
 * `application/json`, and a missing or wildcard `Accept` becomes the pair the
 * Streamable HTTP transport requires. Requests that already say what they want
 * are left alone. (Cross-site form posts never get here: the Origin check
 * refuses them first.) Changes `headers` in place and returns it.
 */
export function normaliseMcpHeaders(headers: Headers): Headers {
  const out = headers;
  const contentType = out.get('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(contentType)) out.set('content-type', 'application/json');
  const accept = out.get('accept') ?? '';
  if (!(accept.includes('application/json') && accept.includes('text/event-stream'))) {
    out.set('accept', 'application/json, text/event-stream');
  }
  out.delete('content-length');
  return out;
}
