import { CALL_NAMES, type CallName } from '../../shared/contract.js';
import * as activity from './activity.js';
import * as apiKey from './api-key.js';
import * as appInfo from './app.js';
import * as clipboard from './clipboard.js';
import type { IpcContext } from './register-calls.js';
import * as server from './server.js';
import * as settings from './settings.js';
import * as signIn from './sign-in.js';
import * as startAtLogin from './start-at-login.js';

const DOMAINS = [appInfo, server, settings, apiKey, activity, clipboard, signIn, startAtLogin];

/** Every call of the contract handled by exactly one domain; checked by a unit test and at startup. */
export function missingOrDuplicateCalls(registered: readonly CallName[]): string[] {
  const problems = CALL_NAMES.filter((name) => registered.filter((other) => other === name).length !== 1);
  return problems.map((name) => `${name} is handled ${registered.filter((other) => other === name).length} times`);
}

export function registerIpc(context: IpcContext): void {
  const registered = DOMAINS.flatMap((domain) => domain.register(context));
  const problems = missingOrDuplicateCalls(registered);
  if (problems.length > 0) throw new Error(`[ipc] contract not fully handled: ${problems.join('; ')}`);
}

/** The call names each domain declares, for the coverage test (no Electron needed). */
export const DECLARED_CALLS: readonly CallName[] = DOMAINS.flatMap((domain) => domain.CALLS);
