import { gatewayFilesFor, namedKeysIndexFile, processPathContext, watchSettingsFile, type RunSettings } from '../core/config/index.js';
import type { ServerConfig } from '../core/config/types.js';
import { needsRebind, startServer, type RunningServer } from '../core/server/index.js';
import { createSerialQueue } from '../core/serial-queue.js';
import { createKeychainStore } from '../core/keychain/index.js';
import { createHostUpstreamLogins } from '../core/upstream-login/host-logins.js';

export interface LiveServer {
  /** Resolves when the server stopped because new settings could not be applied (exit 1). */
  readonly failed: Promise<void>;
  close(): Promise<void>;
}

export interface LiveServerOptions {
  /** Prints `mcp-toolkit listening on URL` (at start, and again after a restart on a new address). */
  readonly announce: (url: string) => void;
  readonly log: (line: string) => void;
}

function describe(config: ServerConfig): string {
  const rate = config.rateLimit.rps > 0 ? `${config.rateLimit.rps} rps, burst ${config.rateLimit.burst}` : 'off';
  return `auth mode: ${config.auth}; rate limit: ${rate}`;
}

/**
 * `serve` without the dashboard: starts the server, then follows the settings
 * file. A change (saved by the desktop app or edited by hand) is applied
 * within a second: live when host and port stay (open sessions survive),
 * else by a restart on the new address, announced again. Invalid settings are
 * ignored with a log line (the server keeps its current ones); settings that
 * cannot be applied (the keychain locked in api_key mode) stop the server
 * rather than keep serving under rules the user replaced.
 * Rejects with `ServerStartError` when the server cannot start at launch.
 */
export async function startLiveServer(settings: RunSettings, { announce, log }: LiveServerOptions): Promise<LiveServer> {
  let running: ServerConfig = settings.config();
  // One sign-in machinery for the process: it outlives a restart on a new address.
  const logins = createHostUpstreamLogins({ secrets: createKeychainStore(), paths: processPathContext() });
  const gateway = { ...gatewayFilesFor(processPathContext()), ...(logins !== undefined ? { logins } : {}) };
  let server: RunningServer | undefined = await startServer({ config: running, log, gateway, keysIndexFile: namedKeysIndexFile(processPathContext()) });
  const queue = createSerialQueue();
  let fail: () => void = () => {};
  const failed = new Promise<void>((resolve) => (fail = resolve));

  async function apply(): Promise<void> {
    const problems = settings.problems();
    const next = settings.config();
    if (server === undefined || JSON.stringify(next) === JSON.stringify(running)) return;
    if (problems.length > 0) {
      log(`[serve] the changed settings are not valid, so the server keeps its current ones: ${problems.join('; ')}`);
      return;
    }
    try {
      if (needsRebind(running, next)) {
        log(`[serve] the address changed: restarting the server on ${next.host}:${next.port}`);
        await server.close();
        server = undefined;
        server = await startServer({ config: next, log, gateway, keysIndexFile: namedKeysIndexFile(processPathContext()) });
        announce(server.url);
        log(`[serve] ${describe(next)}`);
      } else {
        await server.reconfigure(next); // logs what it applied
      }
      running = next;
    } catch (error) {
      log(`[serve] the changed settings could not be applied, so the server stops: ${(error as Error).message}`);
      await server?.close();
      server = undefined;
      fail();
    }
  }

  const unsubscribe = settings.subscribe(() => void queue.run(apply));
  const stopWatching = await watchSettingsFile(settings, { log });
  // Watching before announcing: a change saved once the line is printed is seen. One saved since the first read is read now.
  await settings.load().catch((error: Error) => log(`[settings] ${error.message}`));
  await queue.idle();
  if (server !== undefined) {
    announce(server.url);
    log(`[serve] ${describe(running)}`);
  }
  return {
    failed,
    async close() {
      stopWatching();
      unsubscribe();
      await queue.run(async () => {
        await server?.close();
        server = undefined;
      });
    },
  };
}
