import type { ElectronApplication } from '@playwright/test';
import type { AppSnapshot } from '../../src/ui-backend/controller.js';
import type { TrayAction, TrayMenuItem } from '../../src/main/tray-menu.js';

/** The test hook the main process installs when MCP_TOOLKIT_E2E=1 (see src/main/test-hook.ts). */
interface Hook {
  trayMenu(): TrayMenuItem[];
  snapshot(): AppSnapshot;
  openWindow(): void;
  trayAction(action: TrayAction): Promise<void>;
}

const hook = () => (globalThis as unknown as { __mcpToolkitTest: Hook }).__mcpToolkitTest;

/** Waits until the main process has installed the hook (after the controller's init). */
export async function waitForHook(app: ElectronApplication): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (await app.evaluate(() => (globalThis as { __mcpToolkitTest?: unknown }).__mcpToolkitTest !== undefined)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the app did not install its e2e hook within 20 s');
}

export const trayMenu = (app: ElectronApplication) => app.evaluate(() => hook().trayMenu());
export const trayAction = (app: ElectronApplication, action: TrayAction) =>
  app.evaluate((_electron, action) => hook().trayAction(action), action);
export const openWindow = (app: ElectronApplication) => app.evaluate(() => hook().openWindow());
export const serverState = (app: ElectronApplication) => app.evaluate(() => hook().snapshot().server);
