import { app } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { StdioCommand } from '../shared/view-types.js';

export interface AppPaths {
  /** The page the window loads: the built `index.html`, or the dev server during `electron-vite dev`. */
  readonly appUrl: string;
  readonly preloadPath: string;
  /** Folder of the tray icons (`build/tray` in development, `resources/tray` when packaged). */
  readonly trayIconFolder: string;
  readonly windowIcon?: string;
  /** How an agent runs this app as a stdio MCP server (Claude Desktop). */
  readonly stdio: StdioCommand;
}

export function resolveAppPaths(): AppPaths {
  const here = dirname(fileURLToPath(import.meta.url)); // out/main
  const devServer = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
  const buildFolder = app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'build');
  return {
    appUrl: devServer ?? pathToFileURL(join(here, '../renderer/index.html')).href,
    preloadPath: join(here, '../preload/index.cjs'),
    trayIconFolder: join(buildFolder, 'tray'),
    windowIcon: join(buildFolder, 'icon.png'),
    stdio: app.isPackaged
      ? { command: process.execPath, args: ['stdio'] }
      : { command: process.execPath, args: [app.getAppPath(), 'stdio'] },
  };
}
