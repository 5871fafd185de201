/**
 * Registers one `ipcMain.handle` per call of the contract, on the channel
 * derived from its name; every handler checks the sender first (see
 * `createCallHandler`). The contract's `CallHandlers` type makes the handler
 * table complete, so there is nothing to list here by hand.
 */
import { ipcMain } from 'electron';
import { CALL_NAMES, callChannel, type CallHandlers } from '../../shared/contract.js';
import { createCallHandler, type SenderCheck } from './call-handler.js';

export interface IpcContext {
  readonly handlers: CallHandlers;
  readonly isTrustedSender: SenderCheck;
  readonly log: (line: string) => void;
}

export function registerIpc({ handlers, isTrustedSender, log }: IpcContext): void {
  for (const name of CALL_NAMES) ipcMain.handle(callChannel(name), createCallHandler(name, handlers, isTrustedSender, log));
}
