import type { CallName } from '../../shared/contract.js';
import { registerCalls, type IpcContext } from './register-calls.js';

/** App information for the About area. */
export const CALLS = ['app.getInfo'] as const satisfies readonly CallName[];

export function register(context: IpcContext): readonly CallName[] {
  return registerCalls(CALLS, context);
}
