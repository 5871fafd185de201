/**
 * Preload (sandboxed, CommonJS): exposes exactly the backend contract as
 * `window.mcpToolkit`, and nothing else: no `ipcRenderer`, no Node.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createIpcBackend } from './backend-bridge.js';

const backend = createIpcBackend(ipcRenderer);

contextBridge.exposeInMainWorld('mcpToolkit', {
  call: (name: string, request?: unknown) => (backend.call as (n: string, r?: unknown) => Promise<unknown>)(name, request),
  on: (event: string, listener: (payload: unknown) => void) =>
    (backend.on as (e: string, l: (p: unknown) => void) => () => void)(event, listener),
});
