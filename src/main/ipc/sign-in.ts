import type { CallName } from '../../shared/contract.js';
import { registerCalls, type IpcContext } from './register-calls.js';

/** PKCE sign-in with progress and cancel, the signed-in session, sign-out. */
export const CALLS = ['signIn.getProgress', 'signIn.start', 'signIn.cancel', 'session.get', 'session.signOut'] as const satisfies readonly CallName[];

export function register(context: IpcContext): readonly CallName[] {
  return registerCalls(CALLS, context);
}
