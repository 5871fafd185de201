import { defineConfig } from '@playwright/test';
import { electronUnavailableReason } from './electron-app.js';

// The list reporter does not print skip reasons: say it once, up front.
const unavailable = electronUnavailableReason();
if (unavailable !== undefined) console.log(`[electron e2e] every spec skips: ${unavailable}`);

/**
 * Electron end-to-end specs: `npx electron-vite build && npx playwright test -c e2e/electron`
 * (under `xvfb-run` on Linux without a display). They skip, with the reason,
 * where the Electron binary is not installed.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  workers: 1,
  timeout: 60_000,
  reporter: [['list']],
  outputDir: '../../test-results/electron',
});
