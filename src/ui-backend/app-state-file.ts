import { writeFileAtomic } from '../core/config/atomic-write.js';
import { readRegularFile } from '../core/config/read-regular-file.js';

/** Small, non-secret facts the desktop app remembers between runs (not user settings). */
export interface AppState {
  /** Whether the server was running when the app last quit; it starts again at launch when so. */
  readonly serverWasRunning: boolean;
}

export const APP_STATE_FILE_NAME = 'app-state.json';
const DEFAULT_STATE: AppState = { serverWasRunning: false };
const MAX_STATE_BYTES = 64 * 1024;

export interface AppStateStore {
  load(): Promise<AppState>;
  save(state: AppState): Promise<void>;
}

/**
 * Keeps {@link AppState} in a JSON file beside `settings.json` (written
 * atomically, mode 0600). A missing or unreadable file means the defaults:
 * losing this state only means the server does not auto-start once.
 */
export function createAppStateFile(file: string, log: (line: string) => void = () => {}): AppStateStore {
  return {
    async load() {
      try {
        // Never blocks on a FIFO nor reads a device or a huge file.
        const read = await readRegularFile(file, MAX_STATE_BYTES);
        if (read.kind === 'text') return parseAppState(read.text);
        if (read.kind === 'refused') log(`[app] ${file} ${read.problem}; using defaults`);
      } catch {
        log(`[app] cannot read ${file}; using defaults`);
      }
      return DEFAULT_STATE;
    },
    async save(state) {
      await writeFileAtomic(file, `${JSON.stringify(state, null, 2)}\n`);
    },
  };
}

/** Reads the file's JSON; anything unexpected falls back to the defaults field by field. */
export function parseAppState(text: string): AppState {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null) return DEFAULT_STATE;
    const { serverWasRunning } = value as Record<string, unknown>;
    return { serverWasRunning: serverWasRunning === true };
  } catch {
    return DEFAULT_STATE;
  }
}

/** An in-memory store, for hosts without a state file (the headless dashboard) and tests. */
export function createMemoryAppState(initial: AppState = DEFAULT_STATE): AppStateStore {
  let state = initial;
  return {
    load: async () => state,
    save: async (next) => {
      state = next;
    },
  };
}
