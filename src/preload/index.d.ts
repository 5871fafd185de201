import type { BackendApi } from '../shared/contract.js';

declare global {
  interface Window {
    /** The backend contract, exposed by the Electron preload; absent in the browser dashboard. */
    readonly mcpToolkit?: BackendApi;
  }
}

export {};
