import type { AppSnapshot } from '../ui-backend/controller.js';
import type { TrayAction, TrayMenuItem } from './tray-menu.js';

/** What the Electron e2e specs read through `electronApp.evaluate(() => globalThis.__mcpToolkitTest…)`. */
export interface E2eTestHook {
  trayMenu(): TrayMenuItem[];
  snapshot(): AppSnapshot;
  openWindow(): void;
  /** Runs a tray menu action as a click on its item would. */
  trayAction(action: TrayAction): Promise<void>;
}

export const E2E_ENV_VAR = 'MCP_TOOLKIT_E2E';

/** Exposes the hook on `globalThis` only when the e2e variable is set; never in normal runs. */
export function installE2eTestHook(hook: E2eTestHook, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env[E2E_ENV_VAR] !== '1') return false;
  (globalThis as { __mcpToolkitTest?: E2eTestHook }).__mcpToolkitTest = hook;
  return true;
}
