/**
 * A real browser for sign-in tests: Debian's `/usr/bin/chromium`, headless,
 * driven by playwright-core through the oidc-provider devInteractions pages.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** How long one page step may take before the driver gives up. */
const STEP_TIMEOUT_MS = 15_000;

export interface Chromium {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh headless chromium with a throwaway profile. */
export async function launchChromium(): Promise<Chromium> {
  const profile = await mkdtemp(join(tmpdir(), 'mcp-toolkit-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export interface BrowserUser {
  /** Account typed into the login form; the provider accepts any. */
  readonly login?: string;
  /** `approve` clicks the consent button; `deny` clicks the provider's Cancel link on the consent page. */
  readonly decision?: 'approve' | 'deny';
}

/** What the browser ended on: the loopback callback page. */
export interface BrowserOutcome {
  readonly finalUrl: string;
  readonly pageText: string;
}

/**
 * Plays the user: forgets earlier provider sessions (cookies), opens `url`
 * in a new tab, signs in on the login page,
 * approves or denies on the consent page, and waits until the browser shows
 * the loopback callback page.
 */
export async function signInWithBrowser(context: BrowserContext, url: string, user: BrowserUser = {}): Promise<BrowserOutcome> {
  await context.clearCookies();
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.fill('input[name=login]', user.login ?? 'alice');
    await page.fill('input[name=password]', 'any-password');
    await page.click('button[type=submit]');
    await page.waitForSelector('input[name=prompt][value=consent]', { state: 'attached' });
    const leaving = page.waitForURL((target) => target.hostname === '127.0.0.1' && target.pathname.endsWith('/callback'), {
      waitUntil: 'load',
    });
    if (user.decision === 'deny') await page.click('a:has-text("Cancel")');
    else await page.click('button[type=submit]');
    await leaving;
    return { finalUrl: page.url(), pageText: await page.innerText('body') };
  } finally {
    await page.close();
  }
}
