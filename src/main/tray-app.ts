import { app, clipboard, session, shell } from 'electron';
import { createHostUpstreamLogins } from '../core/upstream-login/host-logins.js';
import { createAppController, type AppSnapshot } from '../ui-backend/controller.js';
import { createAppStateFile, APP_STATE_FILE_NAME } from '../ui-backend/app-state-file.js';
import {
  createRunSettings,
  createSettingsStore,
  gatewayFilesFor,
  processPathContext,
  settingsDirectory,
  settingsFilePath,
  watchSettingsFile,
} from '../core/config/index.js';
import { createKeychainStore } from '../core/keychain/index.js';
import { createMetrics } from '../core/metrics/index.js';
import { VERSION } from '../core/version.js';
import { join } from 'node:path';
import { pickFolder } from './folder-picker.js';
import { registerIpc } from './ipc/index.js';
import { resolveAppPaths } from './paths.js';
import { isAllowedExternalUrl, isAppUrl } from './security/external-links.js';
import { withCspHeader } from './security/csp.js';
import { startAtLoginHost } from './start-at-login.js';
import { createAppTray } from './tray.js';
import { runTrayAction } from './tray-actions.js';
import type { TrayState } from './tray-menu.js';
import { installE2eTestHook } from './test-hook.js';
import { createWindowManager } from './window-manager.js';

const log = (line: string): void => void process.stderr.write(`${line}\n`);

function trayState(snapshot: AppSnapshot): TrayState {
  return {
    server: snapshot.server,
    session: snapshot.session,
    signInPhase: snapshot.signIn.phase,
    signInConfigured: snapshot.signInConfigured,
    startAtLogin: snapshot.startAtLogin,
    snippets: snapshot.snippets,
    servers: snapshot.servers,
  };
}

/** The tray app: one instance, no window at launch, the server started when it was running at the last quit. */
export function startTrayApp(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  const paths = resolveAppPaths();
  const windows = createWindowManager({ appUrl: paths.appUrl, preloadPath: paths.preloadPath, iconPath: paths.windowIcon, log });
  app.on('second-instance', () => windows.show());
  app.on('window-all-closed', () => {
    // Stay in the tray.
  });

  void app.whenReady().then(async () => {
    app.dock?.hide();
    // The header also covers responses a meta tag cannot (and adds frame-ancestors); the Vite dev server needs its own rules.
    if (paths.appUrl.startsWith('file:')) {
      session.defaultSession.webRequest.onHeadersReceived((details, callback) =>
        callback({ responseHeaders: withCspHeader(details.responseHeaders) }),
      );
    }
    const pathContext = processPathContext();
    // The same road as `serve`: the settings file with the MCP_* variables on top (shown as not editable).
    const settings = createRunSettings({ file: createSettingsStore({ filePath: settingsFilePath(pathContext) }), env: process.env });
    const secrets = createKeychainStore();
    const controller = createAppController({
      settings,
      appState: createAppStateFile(join(settingsDirectory(pathContext), APP_STATE_FILE_NAME), log),
      secrets,
      metrics: createMetrics(),
      gatewayFiles: gatewayFilesFor(pathContext),
      upstreamLogins: createHostUpstreamLogins({ secrets, paths: pathContext }),
      pathContext,
      info: { name: 'MCP Toolkit', version: VERSION, platform: process.platform, host: 'desktop', stdio: paths.stdio },
      openUrl: async (url) => {
        if (!isAllowedExternalUrl(url)) throw new Error('refusing to open a non-web URL');
        await shell.openExternal(url);
      },
      clipboard: { writeText: (text) => clipboard.writeText(text) },
      startAtLogin: startAtLoginHost(),
      pickFolder: () => pickFolder(windows.current()),
      log,
    });
    registerIpc({
      handlers: controller.handlers,
      isTrustedSender: (event) => event.senderFrame !== null && isAppUrl(event.senderFrame.url, paths.appUrl),
      log,
    });
    controller.subscribe((event, payload) => windows.send(event, payload));
    await controller.init();
    const stopWatching = await watchSettingsFile(settings, { log });

    const actionDeps = { handlers: controller.handlers, snapshot: () => controller.snapshot(), openWindow: () => windows.show(), quit: () => app.quit(), log };
    const tray = createAppTray(paths.trayIconFolder, trayState(controller.snapshot()), (action) => void runTrayAction(action, actionDeps));
    controller.subscribe((event) => {
      if (event !== 'activity.batch') tray.update(trayState(controller.snapshot()));
    });
    installE2eTestHook({
      trayMenu: () => tray.currentMenu(),
      snapshot: () => controller.snapshot(),
      openWindow: () => windows.show(),
      trayAction: (action) => runTrayAction(action, actionDeps),
    });

    let shuttingDown = false;
    app.on('before-quit', (event) => {
      if (shuttingDown) return;
      shuttingDown = true;
      event.preventDefault();
      stopWatching();
      void controller.shutdown().finally(() => {
        tray.destroy();
        app.quit();
      });
    });
  });
}
