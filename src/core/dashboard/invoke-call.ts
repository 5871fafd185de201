import { parseCallRequest } from '../../shared/contract-requests.js';
import type { CallHandlers, CallName, CallResponse } from '../../shared/contract.js';
import { fail, ok, toAppError, type Result } from '../../shared/result.js';

/**
 * Runs one contract call from an untrusted body: the request is checked with
 * `parseCallRequest` first, and the answer is always a `Result` (a handler's
 * throw becomes `{ ok: false, error }` with its code and field messages), as
 * over Electron IPC.
 */
export async function invokeCall<K extends CallName>(
  handlers: CallHandlers,
  name: K,
  body: unknown,
  log: (line: string) => void,
): Promise<Result<CallResponse<K>>> {
  const parsed = parseCallRequest(name, body);
  if (!parsed.ok) return parsed;
  try {
    const handler = handlers[name] as (request: unknown) => Promise<CallResponse<K>>;
    return ok(await handler(parsed.value));
  } catch (error) {
    const appError = toAppError(error);
    log(`[dashboard] ${name} failed: ${appError.code}`);
    return { ok: false, error: appError };
  }
}

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
