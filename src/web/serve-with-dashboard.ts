/**
 * `mcp-toolkit serve --dashboard`: the same backend controller as the desktop
 * app, owning the MCP server's lifecycle (start, stop, settings applied without
 * a restart of the process), plus the browser dashboard over it.
 */
import { homedir } from 'node:os';
import { createHostUpstreamLogins } from '../core/upstream-login/host-logins.js';
import { createAppController, type AppController } from '../ui-backend/controller.js';
import { createMemoryAppState } from '../ui-backend/app-state-file.js';
import { ControllerError } from '../ui-backend/controller-error.js';
import { createRunSettings, createSettingsStore, gatewayFilesFor, settingsFilePath, watchSettingsFile } from '../core/config/index.js';
import type { Environment, FlagValues, RunSettings } from '../core/config/index.js';
import { createKeychainStore, type SecretStore } from '../core/keychain/index.js';
import { openInSystemBrowser } from '../core/login/index.js';
import { createMetrics } from '../core/metrics/index.js';
import { ServerStartError, type StartErrorCode } from '../core/server/index.js';
import { VERSION } from '../core/version.js';
import type { ServerStatus, StdioCommand } from '../shared/view-types.js';
import { DashboardError } from './dashboard-error.js';
import { startDashboardServer, type DashboardServer } from './dashboard-server.js';
import { stdioCommandOf } from '../core/stdio-command.js';
import { findDashboardAssetsDir, loadDashboardAssets } from './static-assets.js';

export const CLIPBOARD_IN_BROWSER = 'CLIPBOARD_IN_BROWSER';

export interface ServeWithDashboardOptions {
  readonly env: Environment;
  /** The run's settings as the command loaded them (`createRunSettings`); built from `env` and `flags` when absent. */
  readonly settings?: RunSettings;
  /** The command's parsed flags (`--port`, `--auth`…): they override the settings file for this run. */
  readonly flags?: FlagValues;
  /** Dashboard port on 127.0.0.1; 0 picks a free one. */
  readonly dashboardPort: number;
  /** A line on stdout: the server's `mcp-toolkit listening on URL` (again after each restart) and the dashboard link. */
  readonly print: (line: string) => void;
  /** Diagnostics on stderr; never a secret. */
  readonly log: (line: string) => void;
  readonly stdio?: StdioCommand;
  /** The renderer build folder; found next to the running code when absent. */
  readonly assetsDir?: string;
  /** The OS keychain when absent. */
  readonly secrets?: SecretStore;
  /** The system browser (`BROWSER` or the platform opener) when absent. */
  readonly openUrl?: (url: string) => Promise<void>;
  readonly platform?: NodeJS.Platform;
  readonly homedir?: string;
}

export interface ServeWithDashboard {
  readonly controller: AppController;
  readonly dashboard: DashboardServer;
  /** Closes the dashboard, then stops the server and cancels a sign-in. */
  close(): Promise<void>;
}

/**
 * Binds the dashboard, then starts the controller (which starts the MCP
 * server), and only then prints the server's and the dashboard's lines.
 * Rejects with `ServerStartError` when the server cannot start at launch (as
 * plain `serve` does, so scripts see the same failure) and with
 * `DashboardError` when the dashboard is not built or its port is taken.
 */
export async function startServeWithDashboard(options: ServeWithDashboardOptions): Promise<ServeWithDashboard> {
  const { env, log } = options;
  const assetsDir = options.assetsDir ?? findDashboardAssetsDir();
  if (assetsDir === undefined) throw new DashboardError('DASHBOARD_NOT_BUILT', 'The dashboard is not built: run `npm run build`');
  const assets = await loadDashboardAssets(assetsDir);

  const pathContext = { platform: options.platform ?? process.platform, env, homedir: options.homedir ?? homedir() };
  const settings =
    options.settings ??
    createRunSettings({
      file: createSettingsStore({ filePath: settingsFilePath(pathContext) }),
      env,
      ...(options.flags && { flags: options.flags }),
    });
  const secrets = options.secrets ?? createKeychainStore();
  const controller = createAppController({
    settings,
    appState: createMemoryAppState({ serverWasRunning: true }),
    secrets,
    metrics: createMetrics(),
    gatewayFiles: gatewayFilesFor(pathContext),
    upstreamLogins: createHostUpstreamLogins({ secrets, paths: pathContext }),
    pathContext,
    info: { name: 'MCP Toolkit', version: VERSION, platform: process.platform, host: 'dashboard', stdio: options.stdio ?? stdioCommandOf() },
    openUrl: options.openUrl ?? ((url) => openInSystemBrowser(url, env)),
    clipboard: {
      writeText() {
        throw new ControllerError(CLIPBOARD_IN_BROWSER, "The dashboard copies with your browser's clipboard; the server has none.");
      },
    },
    log,
  });

  // The dashboard's port first: when it is taken, the MCP server never starts. No request
  // can reach the controller before `init`: a session needs the token, printed below.
  let dashboard: DashboardServer;
  try {
    dashboard = await startDashboardServer({
      handlers: controller.handlers,
      subscribe: (listener) => controller.subscribe(listener),
      assets,
      port: options.dashboardPort,
      log,
    });
  } catch (error) {
    await controller.shutdown();
    throw error;
  }
  await controller.init();
  const status = controller.snapshot().server;
  if (status.state === 'error') {
    await dashboard.close();
    await controller.shutdown();
    throw new ServerStartError(startErrorCode(status.error?.code), status.error?.message ?? 'The server did not start.');
  }
  // A change saved to the file by hand or by another host applies like one made in the dashboard.
  const stopWatching = await watchSettingsFile(settings, { log });
  // Both ports are bound: only now is anything announced, so a failed start never printed "listening".
  const stopAnnouncing = announceListening(controller, options.print);
  options.print(`mcp-toolkit dashboard on ${dashboard.openUrl}`);
  log(`[dashboard] the UI is on ${dashboard.url} (loopback only); open the link printed on stdout, it carries this run's token`);

  return {
    controller,
    dashboard,
    async close() {
      stopWatching();
      await dashboard.close();
      stopAnnouncing();
      await controller.shutdown();
    },
  };
}

/**
 * Prints `mcp-toolkit listening on URL` for the server as it is now, then each
 * time it comes up again (after a restart on new settings).
 */
function announceListening(controller: AppController, print: (line: string) => void): () => void {
  let announced: string | undefined;
  const announce = (status: ServerStatus): void => {
    if (status.state !== 'running' || status.url === undefined) {
      if (status.state !== 'running') announced = undefined;
      return;
    }
    if (announced === status.url) return;
    announced = status.url;
    print(`mcp-toolkit listening on ${status.url}`);
  };
  announce(controller.snapshot().server);
  return controller.subscribe((event, payload) => {
    if (event === 'server.status') announce(payload as ServerStatus);
  });
}

const START_ERROR_CODES: readonly StartErrorCode[] = ['PORT_IN_USE', 'ADDRESS_UNAVAILABLE', 'CONFIG_INVALID', 'KEYCHAIN_UNAVAILABLE', 'LISTEN_FAILED'];

function startErrorCode(code: string | undefined): StartErrorCode {
  return START_ERROR_CODES.find((known) => known === code) ?? 'LISTEN_FAILED';
}
