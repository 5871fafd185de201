/**
 * Launching the built tray app under Playwright's `_electron`, in a private
 * settings folder, with the e2e test hook turned on. Electron's binary is not
 * installed on every machine (it downloads on first use): specs skip with the
 * reason `electronUnavailableReason()` gives.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication } from '@playwright/test';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

/** Why the Electron specs cannot run here, or `undefined` when they can. */
export function electronUnavailableReason(): string | undefined {
  const electronDir = join(REPO_ROOT, 'node_modules', 'electron');
  if (!existsSync(join(electronDir, 'path.txt')) || !existsSync(join(electronDir, 'dist'))) {
    return 'the Electron binary is not installed (node_modules/electron/dist is missing): run `npx install-electron` on a machine with internet access';
  }
  if (!existsSync(join(REPO_ROOT, 'out', 'main', 'index.js'))) return 'the app is not built: run `npx electron-vite build` first';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display on Linux: run the Electron specs under `xvfb-run`';
  }
  return undefined;
}

export interface LaunchedApp {
  readonly app: ElectronApplication;
  readonly home: string;
  close(): Promise<void>;
}

/** Starts the app with its settings in a fresh temp folder (`MCP_TOOLKIT_HOME`), the server on port 0. */
export async function launchApp(settings: Record<string, unknown> = { port: 0 }): Promise<LaunchedApp> {
  const home = mkdtempSync(join(tmpdir(), 'mcp-toolkit-e2e-'));
  writeFileSync(join(home, 'settings.json'), JSON.stringify(settings));
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  const app = await _electron.launch({
    args: [REPO_ROOT, ...(process.platform === 'linux' ? ['--no-sandbox'] : [])],
    cwd: REPO_ROOT,
    env: { ...env, MCP_TOOLKIT_HOME: home, MCP_TOOLKIT_E2E: '1', MCP_API_KEY: 'e2e-api-key-0123456789abcdef' },
    timeout: 30_000,
  });
  return {
    app,
    home,
    async close() {
      await app.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
