/**
 * What the UI controller needs from the gateway to serve the `servers.*`
 * calls. The host injects the real one (over the running gateway, the
 * settings file and the keychain); until then `createUnavailableServersControl`
 * answers every call with a clear error.
 */
import type { Unsubscribe } from '../shared/contract.js';
import type { UpstreamView } from '../shared/gateway-types.js';
import type { ImportPlan, ImportResult, ImportSource, ServerAddRequest } from '../shared/servers-types.js';
import { ControllerError, GATEWAY_NOT_RUNNING } from './controller-error.js';

/**
 * One method per `servers.*` call. A change resolves once `list()` shows it
 * (the controller answers the call with `list()`); it rejects with an error
 * carrying a string `code` (and `fields`, per field of the server, for `add`),
 * which reaches the UI as is. No method returns or logs a secret value.
 */
export interface ServersControl {
  /** The configured upstreams with their live state, synchronously (the tray reads it on every change). */
  list(): readonly UpstreamView[];
  /** Refuses a name that exists, a command not found, a URL that is not http(s); secret values go to the keychain. */
  add(request: ServerAddRequest): Promise<void>;
  remove(name: string): Promise<void>;
  setEnabled(name: string, enabled: boolean): Promise<void>;
  /** `tool` is the upstream's own tool name. */
  setToolEnabled(name: string, tool: string, enabled: boolean): Promise<void>;
  /** Restarts it now (also a `crashed` one), resetting its crash count. */
  restart(name: string): Promise<void>;
  /** Accepts every pending tool definition change of the server. */
  approve(name: string): Promise<void>;
  setSecret(name: string, key: string, value: string): Promise<void>;
  removeSecret(name: string, key: string): Promise<void>;
  /** The last `lines` lines of its error output (oldest first). */
  logs(name: string, lines: number): Promise<readonly string[]>;
  /** Reads the client's config and says what an import would do; changes nothing. */
  importPreview(from: ImportSource): Promise<ImportPlan>;
  /** Adds the servers of the plan, moving secret-looking literal env values to the keychain. */
  import(from: ImportSource): Promise<ImportResult>;
  /** Called with the whole list whenever a server is added, removed, reconfigured or changes state. */
  onChange(listener: (servers: readonly UpstreamView[]) => void): Unsubscribe;
}

/** Lines `servers.logs` returns when the request does not say. */
export const DEFAULT_LOG_LINES = 200;

/** Until the host wires the gateway: every call fails with `GATEWAY_NOT_RUNNING`, and nothing ever changes. */
export function createUnavailableServersControl(): ServersControl {
  const unavailable = (): never => {
    throw new ControllerError(GATEWAY_NOT_RUNNING, 'The gateway is not running, so its servers cannot be shown or changed here.');
  };
  return {
    list: unavailable,
    add: async () => unavailable(),
    remove: async () => unavailable(),
    setEnabled: async () => unavailable(),
    setToolEnabled: async () => unavailable(),
    restart: async () => unavailable(),
    approve: async () => unavailable(),
    setSecret: async () => unavailable(),
    removeSecret: async () => unavailable(),
    logs: async () => unavailable(),
    importPreview: async () => unavailable(),
    import: async () => unavailable(),
    onChange: () => () => {},
  };
}
