import type { CallName } from '../../shared/contract.js';
import { registerCalls, type IpcContext } from './register-calls.js';

/** Writing text (snippets) to the system clipboard. */
export const CALLS = ['clipboard.writeText'] as const satisfies readonly CallName[];

export function register(context: IpcContext): readonly CallName[] {
  return registerCalls(CALLS, context);
}
