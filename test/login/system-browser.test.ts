import { describe, expect, it } from 'vitest';
import { openInSystemBrowser } from '../../src/core/login/system-browser.js';
import { startUrlRecorder } from '../support/browser.js';

const URL_WITH_QUERY = 'https://id.example/auth?client_id=a&state=b c&x=$(touch /tmp/pwned)';

describe('openInSystemBrowser: a real detached process, no shell', () => {
  it('starts $BROWSER with the exact URL, shell characters untouched', async () => {
    const browser = await startUrlRecorder();
    try {
      await openInSystemBrowser(URL_WITH_QUERY, { ...process.env, BROWSER: browser.command }, 'linux');
      expect(await browser.url()).toBe(URL_WITH_QUERY);
    } finally {
      await browser.close();
    }
  });

  it('rejects when the browser program does not exist', async () => {
    await expect(openInSystemBrowser('https://x/', { BROWSER: '/nonexistent/browser' }, 'linux')).rejects.toThrow(
      /Could not start the browser/,
    );
  });

  it('refuses anything but an http(s) URL', async () => {
    await expect(openInSystemBrowser('--help', { BROWSER: '/bin/true' }, 'linux')).rejects.toThrow(/non-http/);
    await expect(openInSystemBrowser('file:///etc/passwd', { BROWSER: '/bin/true' }, 'linux')).rejects.toThrow(/non-http/);
  });
});
