import { createStore } from 'zustand/vanilla';
import type { BackendApi, Unsubscribe } from '../../../shared/contract.js';
import type { AppError } from '../../../shared/result.js';
import type { AppInfo, StartAtLoginStatus } from '../../../shared/view-types.js';
import { errorOf, request } from './backend.js';

export interface AppStoreState {
  readonly info: AppInfo | null;
  readonly startAtLogin: StartAtLoginStatus;
  readonly error: AppError | null;
  connect(): Unsubscribe;
  setStartAtLogin(enabled: boolean): Promise<void>;
}

export function createAppStore(api: BackendApi) {
  return createStore<AppStoreState>()((set) => ({
    info: null,
    startAtLogin: { supported: false, enabled: false },
    error: null,
    connect() {
      const unsubscribe = api.on('startAtLogin.changed', (startAtLogin) => set({ startAtLogin }));
      request(api, 'app.getInfo').then((info) => set({ info }), (error: unknown) => set({ error: errorOf(error) }));
      request(api, 'startAtLogin.get').then((startAtLogin) => set({ startAtLogin }), () => {});
      return unsubscribe;
    },
    async setStartAtLogin(enabled) {
      try {
        set({ startAtLogin: await request(api, 'startAtLogin.set', { enabled }), error: null });
      } catch (error) {
        set({ error: errorOf(error) });
      }
    },
  }));
}
