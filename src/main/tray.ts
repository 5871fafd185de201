import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import { join } from 'node:path';
import type { ServerState } from '../shared/view-types.js';
import { trayIconFile } from './tray-icon.js';
import { buildTrayMenu, trayTooltip, type TrayAction, type TrayMenuItem, type TrayState } from './tray-menu.js';

export interface AppTray {
  /** Rebuilds icon, tooltip and menu from the state. */
  update(state: TrayState): void;
  /** The menu as plain data, as last built (for the e2e test hook). */
  currentMenu(): TrayMenuItem[];
  destroy(): void;
}

/** The tray icon and its menu; all decisions live in the pure `buildTrayMenu` and `trayIconFile`. */
export function createAppTray(iconFolder: string, initial: TrayState, onAction: (action: TrayAction) => void): AppTray {
  let iconState: ServerState = initial.server.state;
  const tray = new Tray(loadIcon(iconFolder, iconState));
  let menu: TrayMenuItem[] = [];

  function update(state: TrayState): void {
    if (state.server.state !== iconState) {
      iconState = state.server.state;
      tray.setImage(loadIcon(iconFolder, iconState));
    }
    tray.setToolTip(trayTooltip(state.server));
    menu = buildTrayMenu(state);
    tray.setContextMenu(Menu.buildFromTemplate(menu.map((item) => toElectron(item, onAction))));
  }

  update(initial);
  return { update, currentMenu: () => menu, destroy: () => tray.destroy() };
}

function loadIcon(folder: string, state: ServerState) {
  const file = trayIconFile(state, process.platform);
  const image = nativeImage.createFromPath(join(folder, file));
  if (process.platform === 'darwin') image.setTemplateImage(true);
  return image;
}

function toElectron(item: TrayMenuItem, onAction: (action: TrayAction) => void): MenuItemConstructorOptions {
  switch (item.type) {
    case 'separator':
      return { type: 'separator' };
    case 'label':
      return { label: item.label, enabled: false };
    case 'action':
      return { label: item.label, enabled: item.enabled, click: () => onAction(item.action) };
    case 'checkbox':
      return { label: item.label, type: 'checkbox', checked: item.checked, click: () => onAction(item.action) };
    case 'submenu':
      return { label: item.label, submenu: item.items.map((child) => toElectron(child, onAction)) };
  }
}
