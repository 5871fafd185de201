import { createStore } from 'zustand/vanilla';
import type { BackendApi, Unsubscribe } from '../../../shared/contract.js';
import type { DoctorCheck } from '../../../shared/doctor-types.js';
import type { AppError } from '../../../shared/result.js';
import { errorOf, request } from './backend.js';

export interface DoctorStoreState {
  /** The last run's checks; null before the first run. */
  readonly checks: readonly DoctorCheck[] | null;
  readonly running: boolean;
  readonly error: AppError | null;
  connect(): Unsubscribe;
  /** Runs every check now (as `mcp-toolkit doctor` does). */
  run(): Promise<void>;
}

/** The Checks panel's state; the only code calling `doctor.run`. Checks run on request (they probe the network and the keychain). */
export function createDoctorStore(api: BackendApi) {
  return createStore<DoctorStoreState>()((set, get) => ({
    checks: null,
    running: false,
    error: null,
    connect: () => () => {},
    async run() {
      if (get().running) return;
      set({ running: true, error: null });
      try {
        set({ checks: await request(api, 'doctor.run') });
      } catch (error) {
        set({ error: errorOf(error) });
      } finally {
        set({ running: false });
      }
    },
  }));
}
