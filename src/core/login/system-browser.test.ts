import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserCommandFor, openInSystemBrowser } from './system-browser.js';

const URL_WITH_QUERY = 'https://id.example/auth?client_id=a&state=b c&x=$(touch /tmp/pwned)';

describe('browserCommandFor: which program shows the URL', () => {
  it('runs $BROWSER with the URL as its only argument', () => {
    expect(browserCommandFor(URL_WITH_QUERY, { BROWSER: '/usr/bin/firefox' }, 'linux')).toEqual({
      command: '/usr/bin/firefox',
      args: [URL_WITH_QUERY],
    });
  });

  it('uses the platform opener otherwise', () => {
    expect(browserCommandFor('https://x/', {}, 'linux')).toEqual({ command: 'xdg-open', args: ['https://x/'] });
    expect(browserCommandFor('https://x/', { BROWSER: '  ' }, 'freebsd').command).toBe('xdg-open');
    expect(browserCommandFor('https://x/', {}, 'darwin')).toEqual({ command: 'open', args: ['https://x/'] });
  });

  it('quotes the URL for cmd.exe on Windows so & does not split it', () => {
    expect(browserCommandFor('https://x/?a=1&b=2', {}, 'win32')).toEqual({
      command: 'cmd',
      args: ['/c', 'start', '""', '"https://x/?a=1&b=2"'],
      windowsVerbatimArguments: true,
    });
  });
});

describe('openInSystemBrowser: a real detached process, no shell', () => {
  it('starts $BROWSER with the exact URL, shell characters untouched', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mcp-toolkit-browser-'));
    try {
      const received = join(dir, 'received.txt');
      const script = join(dir, 'fake-browser.sh');
      await writeFile(script, `#!/bin/sh\nprintf '%s' "$1" > '${received}.tmp' && mv '${received}.tmp' '${received}'\n`);
      await chmod(script, 0o755);

      await openInSystemBrowser(URL_WITH_QUERY, { ...process.env, BROWSER: script }, 'linux');

      const deadline = Date.now() + 5_000;
      let content: string | undefined;
      while (content === undefined && Date.now() < deadline) {
        content = await readFile(received, 'utf8').catch(() => undefined);
        if (content === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(content).toBe(URL_WITH_QUERY);
    } finally {
      await rm(dir, { recursive: true, force: true });
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
