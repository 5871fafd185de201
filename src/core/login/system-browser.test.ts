import { describe, expect, it } from 'vitest';
import { browserCommandFor } from './system-browser.js';

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
