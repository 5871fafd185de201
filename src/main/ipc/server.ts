import type { CallName } from '../../shared/contract.js';
import { registerCalls, type IpcContext } from './register-calls.js';

/** Server status, start and stop. */
export const CALLS = ['server.getStatus', 'server.start', 'server.stop'] as const satisfies readonly CallName[];

export function register(context: IpcContext): readonly CallName[] {
  return registerCalls(CALLS, context);
}
