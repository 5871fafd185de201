import { ipcMain } from 'electron';
import { callChannel, type CallHandlers, type CallName } from '../../shared/contract.js';
import { createCallHandler, type SenderCheck } from './call-handler.js';

export interface IpcContext {
  readonly handlers: CallHandlers;
  readonly isTrustedSender: SenderCheck;
  readonly log: (line: string) => void;
}

/** Registers `ipcMain.handle` for each call on the channel derived from its name; returns the names. */
export function registerCalls(names: readonly CallName[], context: IpcContext): readonly CallName[] {
  for (const name of names) {
    ipcMain.handle(callChannel(name), createCallHandler(name, context.handlers, context.isTrustedSender, context.log));
  }
  return names;
}
