import { createStore } from 'zustand/vanilla';
import type { AgentClientChange, AgentClientsUpdate, AgentClientView } from '../../../shared/agent-clients-types.js';
import type { BackendApi, Unsubscribe } from '../../../shared/contract.js';
import type { AppError } from '../../../shared/result.js';
import { errorOf, request } from './backend.js';

/** The last connect or disconnect, for the status line. */
export interface AgentClientOutcome {
  readonly connected: boolean;
  readonly change: AgentClientChange;
}

export interface AgentClientsStoreState {
  readonly clients: readonly AgentClientView[] | null;
  readonly loadError: AppError | null;
  /** Clients with a request in flight (their buttons are disabled). */
  readonly busy: readonly string[];
  /** The "HTTP entry" choice of each client (the bridge when absent or unavailable). */
  readonly useHttp: Readonly<Record<string, boolean>>;
  /** The last failed request of each client. */
  readonly errors: Readonly<Record<string, AppError>>;
  readonly outcome: AgentClientOutcome | null;
  connect(): Unsubscribe;
  refresh(): Promise<void>;
  setUseHttp(client: string, on: boolean): void;
  connectAgent(client: string): Promise<boolean>;
  disconnectAgent(client: string): Promise<boolean>;
}

/** The agent clients whose config file the toolkit edits; the only code calling `agents.listClients/connect/disconnect`. */
export function createAgentClientsStore(api: BackendApi) {
  return createStore<AgentClientsStoreState>()((set, get) => {
    async function change(client: string, connected: boolean, call: () => Promise<AgentClientsUpdate>): Promise<boolean> {
      const { [client]: _cleared, ...errors } = get().errors;
      set({ busy: [...get().busy, client], errors, outcome: null });
      try {
        const update = await call();
        set({ clients: update.clients, loadError: null, outcome: { connected, change: update.change } });
        return true;
      } catch (error) {
        set({ errors: { ...get().errors, [client]: errorOf(error) } });
        return false;
      } finally {
        set({ busy: get().busy.filter((busy) => busy !== client) });
      }
    }

    function wantsHttp(client: string): boolean {
      const view = get().clients?.find((candidate) => candidate.client === client);
      return get().useHttp[client] === true && view?.http.available === true;
    }

    return {
      clients: null,
      loadError: null,
      busy: [],
      useHttp: {},
      errors: {},
      outcome: null,
      connect() {
        // Which clients may get an HTTP entry depends on the auth mode.
        const unsubscribe = api.on('settings.changed', () => void get().refresh());
        void get().refresh();
        return unsubscribe;
      },
      async refresh() {
        try {
          set({ clients: await request(api, 'agents.listClients'), loadError: null });
        } catch (error) {
          set({ loadError: errorOf(error) });
        }
      },
      setUseHttp(client, on) {
        set({ useHttp: { ...get().useHttp, [client]: on } });
      },
      connectAgent: (client) =>
        change(client, true, () => request(api, 'agents.connect', wantsHttp(client) ? { client, http: true } : { client })),
      disconnectAgent: (client) => change(client, false, () => request(api, 'agents.disconnect', { client })),
    };
  });
}
