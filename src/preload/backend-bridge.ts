/**
 * The `BackendApi` over Electron IPC, built from an `ipcRenderer`-like
 * object so it can be tested without Electron. Only contract names are
 * accepted; the renderer never gets `ipcRenderer` itself.
 */
import {
  callChannel,
  eventChannel,
  isCallName,
  isEventName,
  type BackendApi,
  type CallName,
  type CallResponse,
  type EventName,
  type EventPayload,
} from '../shared/contract.js';
import { fail, toAppError, type Result } from '../shared/result.js';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createIpcBackend(ipc: IpcRendererLike): BackendApi {
  return {
    async call<K extends CallName>(name: K, ...args: unknown[]): Promise<Result<CallResponse<K>>> {
      if (!isCallName(name)) return fail('UNKNOWN_CALL', `unknown call ${String(name)}`);
      try {
        return (await ipc.invoke(callChannel(name), args[0])) as Result<CallResponse<K>>;
      } catch (error) {
        return { ok: false, error: toAppError(error, 'IPC_FAILED') };
      }
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      if (!isEventName(event)) throw new TypeError(`unknown event ${String(event)}`);
      const channel = eventChannel(event);
      const wrapped = (_event: unknown, payload: unknown) => listener(payload as EventPayload<E>);
      ipc.on(channel, wrapped);
      return () => {
        ipc.removeListener(channel, wrapped);
      };
    },
  } as BackendApi;
}
