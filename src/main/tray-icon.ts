/**
 * Which tray icon shows the server state. macOS menu bars need monochrome
 * "template" images (the file name ends in `Template`, and `@2x` variants sit
 * beside them); other platforms get coloured icons.
 */
import type { ServerState } from '../shared/view-types.js';

export type TrayIconState = 'running' | 'stopped' | 'error';

export function trayIconState(state: ServerState): TrayIconState {
  if (state === 'running') return 'running';
  if (state === 'error') return 'error';
  return 'stopped';
}

/** File name (inside `build/tray/`) of the icon for a server state on a platform. */
export function trayIconFile(state: ServerState, platform: NodeJS.Platform): string {
  const iconState = trayIconState(state);
  return platform === 'darwin' ? `tray-${iconState}Template.png` : `tray-${iconState}.png`;
}
