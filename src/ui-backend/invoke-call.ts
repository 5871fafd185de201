import { parseCallRequest } from '../shared/contract-requests.js';
import type { CallHandlers, CallName, CallResponse } from '../shared/contract.js';
import { ok, toAppError, type Result } from '../shared/result.js';

/**
 * Runs one contract call from an untrusted request, for every host (Electron
 * IPC, the browser dashboard): the request is checked with `parseCallRequest`
 * first, and the answer is always a `Result` (a handler's throw becomes
 * `{ ok: false, error }` with its code and field messages), never a throw.
 */
export async function invokeCall<K extends CallName>(
  handlers: CallHandlers,
  name: K,
  body: unknown,
  log: (line: string) => void,
  /** Log prefix of the host, e.g. `[ipc]` or `[dashboard]`. */
  scope: string,
): Promise<Result<CallResponse<K>>> {
  const parsed = parseCallRequest(name, body);
  if (!parsed.ok) return parsed;
  try {
    const handler = handlers[name] as (request: unknown) => Promise<CallResponse<K>>;
    return ok(await handler(parsed.value));
  } catch (error) {
    const appError = toAppError(error);
    log(`${scope} ${name} failed: ${appError.code}`);
    return { ok: false, error: appError };
  }
}
