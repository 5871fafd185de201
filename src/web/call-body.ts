import { fail, ok, type Result } from '../shared/result.js';

/** The body of a call: empty means no request; otherwise JSON. */
export function parseCallBody(raw: Buffer): Result<unknown> {
  const text = raw.toString('utf8').trim();
  if (text === '') return ok(undefined);
  try {
    return ok(JSON.parse(text) as unknown);
  } catch {
    return fail('BAD_REQUEST', 'The request body is not valid JSON.');
  }
}
