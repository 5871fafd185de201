import { app } from 'electron';
import type { StartAtLoginHost } from '../ui-backend/controller.js';

/**
 * The OS login item. Electron supports it on macOS and Windows only; on Linux
 * (no standard API; autostart .desktop files differ per desktop) the option
 * is reported as unsupported and hidden.
 */
export function startAtLoginHost(platform: NodeJS.Platform = process.platform): StartAtLoginHost | undefined {
  if (platform !== 'darwin' && platform !== 'win32') return undefined;
  return {
    get: () => app.getLoginItemSettings().openAtLogin,
    set: (enabled) => app.setLoginItemSettings({ openAtLogin: enabled }),
  };
}
