import type { BackendApi, CallArgs, CallName, CallResponse } from '../../../shared/contract.js';
import { toAppError, unwrap, type AppError } from '../../../shared/result.js';

/** Calls the backend and returns the value, or throws a `BackendError` carrying the code and field messages. */
export async function request<K extends CallName>(api: BackendApi, name: K, ...args: CallArgs<K>): Promise<CallResponse<K>> {
  return unwrap(await api.call(name, ...args));
}

/** Any thrown value as the `AppError` a store keeps for display. */
export function errorOf(thrown: unknown): AppError {
  return toAppError(thrown, 'UNEXPECTED');
}
