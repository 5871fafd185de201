import { createStore } from 'zustand/vanilla';
import type { BackendApi, Unsubscribe } from '../../../shared/contract.js';
import type { UpstreamView } from '../../../shared/gateway-types.js';
import { BackendError, type AppError } from '../../../shared/result.js';
import type { ImportPlan, ImportResult, ImportSource } from '../../../shared/servers-types.js';
import type { ServerFormResult } from '../forms/server-form.js';
import { errorOf, request } from './backend.js';

/** Lines of error output the UI asks for when the user opens a server's log. */
export const LOG_LINES = 200;

export interface ServersStoreState {
  readonly servers: readonly UpstreamView[] | null;
  /** Why the list cannot be shown (the gateway is not running…). */
  readonly loadError: AppError | null;
  /** Servers with a request in flight (their controls are disabled). */
  readonly busy: readonly string[];
  /** The last failed request of each server. */
  readonly errors: Readonly<Record<string, AppError>>;
  /** Each server's error output, as last loaded with `loadLogs`. */
  readonly logs: Readonly<Record<string, readonly string[]>>;
  readonly adding: boolean;
  /** From the last add: field → message (the form's own checks or the gateway's). */
  readonly addFieldErrors: Readonly<Record<string, string>>;
  readonly addError: AppError | null;
  readonly importing: 'preview' | 'import' | null;
  /** What an import would do, waiting for the user to confirm. */
  readonly importPlan: ImportPlan | null;
  readonly importResult: ImportResult | null;
  readonly importError: AppError | null;
  connect(): Unsubscribe;
  /** Sends the checked form unless it has errors; resolves `true` when the server was added (the form may clear). */
  add(checked: ServerFormResult): Promise<boolean>;
  remove(name: string): Promise<boolean>;
  setEnabled(name: string, enabled: boolean): Promise<boolean>;
  setToolEnabled(name: string, tool: string, enabled: boolean): Promise<boolean>;
  restart(name: string): Promise<boolean>;
  approve(name: string): Promise<boolean>;
  setSecret(name: string, key: string, value: string): Promise<boolean>;
  removeSecret(name: string, key: string): Promise<boolean>;
  loadLogs(name: string): Promise<void>;
  previewImport(from: ImportSource): Promise<void>;
  /** Runs the import previewed last. */
  confirmImport(): Promise<void>;
  cancelImport(): void;
}

/** The gateway's upstream servers, and every change the UI makes to them. */
export function createServersStore(api: BackendApi) {
  return createStore<ServersStoreState>()((set, get) => {
    /** Runs a change of one server; its answer is the new list. */
    async function change(name: string, call: () => Promise<readonly UpstreamView[]>): Promise<boolean> {
      const { [name]: _cleared, ...errors } = get().errors;
      set({ busy: [...get().busy, name], errors });
      try {
        set({ servers: await call(), loadError: null });
        return true;
      } catch (error) {
        set({ errors: { ...get().errors, [name]: errorOf(error) } });
        return false;
      } finally {
        set({ busy: get().busy.filter((busy) => busy !== name) });
      }
    }

    return {
      servers: null,
      loadError: null,
      busy: [],
      errors: {},
      logs: {},
      adding: false,
      addFieldErrors: {},
      addError: null,
      importing: null,
      importPlan: null,
      importResult: null,
      importError: null,
      connect() {
        const unsubscribe = api.on('servers.changed', (servers) => set({ servers, loadError: null }));
        request(api, 'servers.list').then(
          (servers) => set({ servers, loadError: null }),
          (error: unknown) => set({ loadError: errorOf(error) }),
        );
        return unsubscribe;
      },
      async add({ request: server, errors }) {
        if (!server || Object.keys(errors).length > 0) {
          set({ addFieldErrors: errors, addError: null });
          return false;
        }
        set({ adding: true, addFieldErrors: {}, addError: null });
        try {
          set({ servers: await request(api, 'servers.add', server), loadError: null });
          return true;
        } catch (error) {
          const fields = error instanceof BackendError ? error.fields : undefined;
          set({ addError: errorOf(error), ...(fields && { addFieldErrors: fields }) });
          return false;
        } finally {
          set({ adding: false });
        }
      },
      remove: (name) => change(name, () => request(api, 'servers.remove', { name, confirm: true })),
      setEnabled: (name, enabled) => change(name, () => request(api, 'servers.setEnabled', { name, enabled })),
      setToolEnabled: (name, tool, enabled) => change(name, () => request(api, 'servers.setToolEnabled', { name, tool, enabled })),
      restart: (name) => change(name, () => request(api, 'servers.restart', { name })),
      approve: (name) => change(name, () => request(api, 'servers.approve', { name })),
      setSecret: (name, key, value) => change(name, () => request(api, 'servers.setSecret', { name, key, value })),
      removeSecret: (name, key) => change(name, () => request(api, 'servers.removeSecret', { name, key })),
      async loadLogs(name) {
        try {
          const lines = await request(api, 'servers.logs', { name, lines: LOG_LINES });
          set({ logs: { ...get().logs, [name]: lines } });
        } catch (error) {
          set({ errors: { ...get().errors, [name]: errorOf(error) } });
        }
      },
      async previewImport(from) {
        set({ importing: 'preview', importPlan: null, importResult: null, importError: null });
        try {
          set({ importPlan: await request(api, 'servers.importPreview', { from }) });
        } catch (error) {
          set({ importError: errorOf(error) });
        } finally {
          set({ importing: null });
        }
      },
      async confirmImport() {
        const plan = get().importPlan;
        if (!plan) return;
        set({ importing: 'import', importError: null });
        try {
          const result = await request(api, 'servers.import', { from: plan.from });
          set({ importResult: result, importPlan: null, servers: result.servers, loadError: null });
        } catch (error) {
          set({ importError: errorOf(error) });
        } finally {
          set({ importing: null });
        }
      },
      cancelImport: () => set({ importPlan: null, importError: null }),
    };
  });
}
