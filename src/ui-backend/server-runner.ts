import type { ServerConfig } from '../core/config/types.js';
import { needsRebind, type ReconfigureOptions } from '../core/server/index.js';
import type { AppError } from '../shared/result.js';
import { toAppError } from '../shared/result.js';
import type { IssuerHealth, ServerState } from '../shared/view-types.js';
import { createSerialQueue } from '../core/serial-queue.js';
import type { Gateway } from '../core/gateway/gateway.js';

/** The part of a running server the runner needs. */
export interface StartedServer {
  readonly url: string;
  /** The upstream servers it serves (absent in tests that start a bare server). */
  readonly gateway?: Gateway;
  /** oauth mode: whether the issuer's keys can be had (see `RunningServer.issuerHealth`). */
  issuerHealth?(): IssuerHealth | undefined;
  /** Applies settings with the same host and port without a restart (see `RunningServer.reconfigure`). */
  reconfigure?(config: ServerConfig, options?: ReconfigureOptions): Promise<void>;
  close(): Promise<void>;
}

export type StartServerFn = (config: ServerConfig) => Promise<StartedServer>;

export interface RunnerStatus {
  readonly state: ServerState;
  readonly url?: string;
  /** Config of the running (or last attempted) server. */
  readonly config?: ServerConfig;
  readonly error?: AppError;
  /** Set on the running status after new settings restarted the server on a new address. */
  readonly notice?: string;
}

export interface ServerRunner {
  status(): RunnerStatus;
  /** The server that runs now, if one does. */
  started(): StartedServer | undefined;
  /** Starts with `config` (a no-op when already running). A failure becomes the `error` state, never a rejection. */
  start(config: ServerConfig): Promise<RunnerStatus>;
  stop(): Promise<RunnerStatus>;
  /**
   * Brings a running server (or one whose start failed) to `config`: applied
   * live when host and port are unchanged (sessions survive), else restarted
   * on the new address (logged). When the new settings cannot be applied
   * (e.g. the keychain is locked in api_key mode) the server stops and the
   * failure becomes the `error` state: it never keeps serving under rules the
   * user replaced. A stopped server is left alone.
   */
  apply(config: ServerConfig, options?: ReconfigureOptions): Promise<RunnerStatus>;
}

/**
 * Owns at most one running server. Operations run one at a time; every state
 * change is reported to `onChange`. Start failures (`PORT_IN_USE`,
 * `CONFIG_INVALID`, `KEYCHAIN_UNAVAILABLE`…) are kept as the `error` state
 * with the failure's code and message, so hosts show them instead of crashing.
 */
export function createServerRunner(
  startServer: StartServerFn,
  onChange: (status: RunnerStatus) => void,
  log: (line: string) => void,
): ServerRunner {
  const queue = createSerialQueue();
  let running: StartedServer | undefined;
  let current: RunnerStatus = { state: 'stopped' };

  function set(next: RunnerStatus): RunnerStatus {
    current = next;
    try {
      onChange(next);
    } catch (error) {
      log(`[app] status listener failed: ${(error as Error).message}`);
    }
    return next;
  }

  async function doStart(config: ServerConfig): Promise<RunnerStatus> {
    if (running) return current;
    set({ state: 'starting', config });
    try {
      running = await startServer(config);
      log(`[app] server running on ${running.url} (${config.auth})`);
      return set({ state: 'running', url: running.url, config });
    } catch (error) {
      const appError = toAppError(error, 'START_FAILED');
      log(`[app] server did not start: ${appError.code}: ${appError.message}`);
      return set({ state: 'error', config, error: appError });
    }
  }

  async function doStop(): Promise<RunnerStatus> {
    const server = running;
    if (!server) return current.state === 'error' ? set({ state: 'stopped' }) : current;
    set({ ...current, state: 'stopping' });
    running = undefined;
    try {
      await server.close();
    } catch (error) {
      log(`[app] error while stopping the server: ${(error as Error).message}`);
    }
    log('[app] server stopped');
    return set({ state: 'stopped' });
  }

  return {
    status: () => current,
    started: () => running,
    start: (config) => queue.run(() => doStart(config)),
    stop: () => queue.run(doStop),
    apply: (config, options = {}) =>
      queue.run(async () => {
        // After a failed start the user still wants a server: a settings fix should bring it up.
        if (!running) return current.state === 'error' ? doStart(config) : current;
        const before = current.config;
        if (before === undefined || needsRebind(before, config) || running.reconfigure === undefined) {
          log(`[app] the address changed: restarting the server on ${config.host}:${config.port}`);
          await doStop();
          const started = await doStart(config);
          if (started.state !== 'running') return started;
          return set({ ...started, notice: `Restarted to listen on the new address (${started.url ?? ''}).` });
        }
        if (options.rebuildAuth !== true && JSON.stringify(before) === JSON.stringify(config)) return current;
        try {
          await running.reconfigure(config, options);
          return set({ state: 'running', url: running.url, config });
        } catch (error) {
          const appError = toAppError(error, 'START_FAILED');
          log(`[app] the new settings could not be applied, so the server stopped: ${appError.code}: ${appError.message}`);
          await doStop();
          return set({ state: 'error', config, error: appError });
        }
      }),
  };
}
