import { defineConfig } from '@playwright/test';

/**
 * Browser dashboard end-to-end specs: a real `mcp-toolkit serve --dashboard`
 * process (the built CLI) driven through Debian's chromium.
 *
 *   npx electron-vite build
 *   bash scripts/with-keyring.sh npx playwright test -c e2e/dashboard
 *
 * `with-keyring.sh` gives the API-key and sign-in specs a real, throwaway
 * Secret Service; without it they skip and say so. README screenshots:
 * `bash scripts/screenshots.sh`.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 5_000 },
  reporter: [['list']],
  outputDir: '../../test-results/dashboard',
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1200, height: 900 },
    launchOptions: {
      executablePath: process.env.MCP_TOOLKIT_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
