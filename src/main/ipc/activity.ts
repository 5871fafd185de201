import type { CallName } from '../../shared/contract.js';
import { registerCalls, type IpcContext } from './register-calls.js';

/** Activity counters and the agent snippets built from the current settings. */
export const CALLS = ['activity.getSnapshot', 'agents.getSnippets'] as const satisfies readonly CallName[];

export function register(context: IpcContext): readonly CallName[] {
  return registerCalls(CALLS, context);
}
