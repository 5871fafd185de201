/**
 * Turns a contract handler into an IPC handler: the sender is checked, the
 * argument is parsed from `unknown`, and the answer is always a `Result`
 * (never a throw), so error codes and field messages reach the renderer intact.
 * No `electron` import: the IPC event is described structurally.
 */
import { parseCallRequest } from '../../shared/contract-requests.js';
import type { CallHandlers, CallName, CallResponse } from '../../shared/contract.js';
import { fail, ok, toAppError, type Result } from '../../shared/result.js';

/** What the handler needs from Electron's `IpcMainInvokeEvent`. */
export interface InvokeEventLike {
  readonly senderFrame: { readonly url: string } | null;
}

export type SenderCheck = (event: InvokeEventLike) => boolean;

export function createCallHandler<K extends CallName>(
  name: K,
  handlers: CallHandlers,
  isTrustedSender: SenderCheck,
  log: (line: string) => void,
): (event: InvokeEventLike, request: unknown) => Promise<Result<CallResponse<K>>> {
  return async (event, request) => {
    if (!isTrustedSender(event)) {
      log(`[ipc] refused ${name} from ${event.senderFrame?.url ?? 'an unknown frame'}`);
      return fail('FORBIDDEN_SENDER', 'This window may not call the backend.');
    }
    const parsed = parseCallRequest(name, request);
    if (!parsed.ok) return parsed;
    try {
      const handler = handlers[name] as (request: unknown) => Promise<CallResponse<K>>;
      return ok(await handler(parsed.value));
    } catch (error) {
      const appError = toAppError(error);
      log(`[ipc] ${name} failed: ${appError.code}`);
      return { ok: false, error: appError };
    }
  };
}
