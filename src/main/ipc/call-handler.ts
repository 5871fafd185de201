/**
 * Turns a contract handler into an IPC handler: the sender is checked, the
 * argument is parsed from `unknown`, and the answer is always a `Result`
 * (never a throw), so error codes and field messages reach the renderer intact.
 * No `electron` import: the IPC event is described structurally.
 */
import { invokeCall } from '../../ui-backend/invoke-call.js';
import type { CallHandlers, CallName, CallResponse } from '../../shared/contract.js';
import { fail, type Result } from '../../shared/result.js';

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
    return invokeCall(handlers, name, request, log, '[ipc]');
  };
}
