/**
 * The browsers of the tests, in one place. Each plays the user through the
 * `oidc-provider` devInteractions pages (login form, then consent) of
 * test/support/oidc-provider.ts, or stands in for the system browser:
 *
 * - `launchChromium` + `signInWithBrowser`: a real browser, Debian's
 *   `/usr/bin/chromium`, headless, driven by playwright-core;
 * - `signInWithFetch`: the same walk with plain `fetch` (redirects and cookies
 *   by hand), for tests that need a finished sign-in but not a rendering engine;
 * - `startUrlRecorder`: a `BROWSER` program that only records the URL it was
 *   asked to open;
 * - browser-command.sh: a `BROWSER` program that signs in with chromium, for
 *   spawned CLIs (it runs browser-command.ts).
 */
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';

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

/** The provider's login form accepts any password. */
const PASSWORD = 'any-password';

/** How long one page step may take before the driver gives up. */
const STEP_TIMEOUT_MS = 15_000;

export interface Chromium {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh headless chromium with a throwaway profile. */
export async function launchChromium(): Promise<Chromium> {
  const { chromium } = await import('playwright-core');
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
    await page.fill('input[name=password]', PASSWORD);
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

/**
 * Walks an authorization URL like a browser, with plain `fetch`: follows
 * redirects by hand with cookies, fills the login and consent forms, and
 * finally requests the loopback redirect URI, as a browser does after consent.
 */
export async function signInWithFetch(authorizationUrl: string, login = 'alice'): Promise<void> {
  const cookies = new Map<string, string>();
  let next: { url: string; init?: RequestInit } = { url: authorizationUrl };
  for (let hop = 0; hop < 15; hop += 1) {
    const response = await fetch(next.url, {
      ...next.init,
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    const location = response.headers.get('location');
    const body = await response.text();
    if (location) {
      next = { url: new URL(location, next.url).href };
      continue;
    }
    const prompt = /name="prompt" value="(login|consent)"/.exec(body)?.[1];
    if (!prompt) return; // the app's loopback page: the sign-in is over
    const form: Record<string, string> = prompt === 'login' ? { prompt, login, password: PASSWORD } : { prompt };
    next = { url: next.url, init: { method: 'POST', body: new URLSearchParams(form) } };
  }
  throw new Error('the login did not finish');
}

/** A `BROWSER` program that records the URL it is started with. */
export interface UrlRecorder {
  /** The program to run as the browser (a shell script taking the URL as `$1`). */
  readonly command: string;
  /** The URL the program received; rejects when none arrived within `timeoutMs`. */
  url(timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

export async function startUrlRecorder(): Promise<UrlRecorder> {
  const dir = await mkdtemp(join(tmpdir(), 'mcp-toolkit-browser-'));
  const received = join(dir, 'received.txt');
  const command = join(dir, 'record-url.sh');
  // Written aside, then renamed: the reader never sees half a URL.
  await writeFile(command, `#!/bin/sh\nprintf '%s' "$1" > '${received}.tmp' && mv '${received}.tmp' '${received}'\n`);
  await chmod(command, 0o755);
  return {
    command,
    async url(timeoutMs = 5_000) {
      // The program runs detached, so the file is the only signal: poll it, bounded.
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const content = await readFile(received, 'utf8').catch(() => undefined);
        if (content !== undefined) return content;
        if (Date.now() >= deadline) throw new Error(`the browser program received no URL within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () => rm(dir, { recursive: true, force: true }),
  };
}
