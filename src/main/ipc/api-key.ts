import type { CallName } from '../../shared/contract.js';
import { registerCalls, type IpcContext } from './register-calls.js';

/** The API key: masked status; the secret only on an explicit reveal or copy. */
export const CALLS = ['apiKey.getStatus', 'apiKey.reveal', 'apiKey.copy', 'apiKey.regenerate'] as const satisfies readonly CallName[];

export function register(context: IpcContext): readonly CallName[] {
  return registerCalls(CALLS, context);
}
