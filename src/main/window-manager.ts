import { app, type BrowserWindow } from 'electron';
import { eventChannel, type EventName, type EventPayload } from '../shared/contract.js';
import { createMainWindow, type WindowOptions } from './window.js';

export interface WindowManager {
  /** Shows the window, creating it on first use; focuses it when it exists. */
  show(): void;
  /** Sends a push event to the window, if one is open. */
  send<E extends EventName>(event: E, payload: EventPayload<E>): void;
  current(): BrowserWindow | undefined;
}

/** At most one settings window; the app lives in the tray while it is closed. */
export function createWindowManager(options: WindowOptions): WindowManager {
  let window: BrowserWindow | undefined;
  return {
    show() {
      if (window && !window.isDestroyed()) {
        if (window.isMinimized()) window.restore();
        window.show();
        window.focus();
        return;
      }
      app.dock?.show();
      window = createMainWindow(options);
      window.on('closed', () => {
        window = undefined;
        app.dock?.hide();
      });
    },
    send(event, payload) {
      if (window && !window.isDestroyed()) window.webContents.send(eventChannel(event), payload);
    },
    current: () => window,
  };
}
