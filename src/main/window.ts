import { BrowserWindow, shell } from 'electron';
import { isAllowedExternalUrl, isAppUrl } from './security/external-links.js';

export interface WindowOptions {
  /** `file://…/index.html`, or the dev server URL during `electron-vite dev`. */
  readonly appUrl: string;
  readonly preloadPath: string;
  readonly iconPath?: string;
  readonly log: (line: string) => void;
}

/**
 * The settings window, locked down: context isolation, sandbox, no Node in
 * the renderer, no navigation away from the app, no new windows (https links
 * go to the system browser after the allow check), no webviews, no
 * permission prompts.
 */
export function createMainWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 980,
    height: 760,
    minWidth: 640,
    minHeight: 480,
    show: false,
    title: 'MCP Toolkit',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });

  const { webContents } = window;
  webContents.setWindowOpenHandler(({ url }) => {
    openExternally(url, options.log);
    return { action: 'deny' };
  });
  webContents.on('will-navigate', (event, url) => {
    if (isAppUrl(url, options.appUrl)) return;
    event.preventDefault();
    openExternally(url, options.log);
  });
  webContents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, options.appUrl)) event.preventDefault();
  });
  webContents.on('will-attach-webview', (event) => event.preventDefault());
  webContents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.appUrl);
  return window;
}

function openExternally(url: string, log: (line: string) => void): void {
  if (isAllowedExternalUrl(url)) {
    void shell.openExternal(url);
  } else {
    log(`[window] blocked a link to a non-web URL`);
  }
}
