import { describe, expect, it } from 'vitest';
import { namedKeysIndexFile, settingsDirectory, settingsFilePath, upstreamLoginsIndexFile } from './paths.js';

describe('settings folder per OS (the folder Electron calls userData for "mcp-toolkit")', () => {
  it('Linux uses $XDG_CONFIG_HOME when it is absolute, else ~/.config', () => {
    expect(settingsDirectory({ platform: 'linux', env: { XDG_CONFIG_HOME: '/xdg' }, homedir: '/home/ann' })).toBe('/xdg/mcp-toolkit');
    expect(settingsDirectory({ platform: 'linux', env: {}, homedir: '/home/ann' })).toBe('/home/ann/.config/mcp-toolkit');
    expect(settingsDirectory({ platform: 'linux', env: { XDG_CONFIG_HOME: '' }, homedir: '/home/ann' })).toBe(
      '/home/ann/.config/mcp-toolkit',
    );
    // The XDG Base Directory spec says relative paths are invalid and must be ignored.
    expect(settingsDirectory({ platform: 'linux', env: { XDG_CONFIG_HOME: 'rel/cfg' }, homedir: '/home/ann' })).toBe(
      '/home/ann/.config/mcp-toolkit',
    );
    expect(settingsDirectory({ platform: 'freebsd', env: {}, homedir: '/home/bob' })).toBe('/home/bob/.config/mcp-toolkit');
  });

  it('macOS uses ~/Library/Application Support, whatever XDG says', () => {
    expect(settingsDirectory({ platform: 'darwin', env: { XDG_CONFIG_HOME: '/xdg' }, homedir: '/Users/ann' })).toBe(
      '/Users/ann/Library/Application Support/mcp-toolkit',
    );
  });

  it('Windows uses %APPDATA%, else the Roaming folder under the home folder', () => {
    expect(
      settingsDirectory({ platform: 'win32', env: { APPDATA: 'C:\\Users\\Ann\\AppData\\Roaming' }, homedir: 'C:\\Users\\Ann' }),
    ).toBe('C:\\Users\\Ann\\AppData\\Roaming\\mcp-toolkit');
    expect(settingsDirectory({ platform: 'win32', env: {}, homedir: 'C:\\Users\\Ann' })).toBe(
      'C:\\Users\\Ann\\AppData\\Roaming\\mcp-toolkit',
    );
    expect(settingsFilePath({ platform: 'win32', env: {}, homedir: 'C:\\Users\\Ann' })).toBe(
      'C:\\Users\\Ann\\AppData\\Roaming\\mcp-toolkit\\settings.json',
    );
  });

  it('MCP_TOOLKIT_HOME overrides the folder on every OS', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      expect(settingsFilePath({ platform, env: { MCP_TOOLKIT_HOME: '/tmp/t' }, homedir: '/h' })).toBe('/tmp/t/settings.json');
    }
    expect(settingsFilePath({ platform: 'win32', env: { MCP_TOOLKIT_HOME: 'D:\\t', APPDATA: 'C:\\x' }, homedir: 'C:\\h' })).toBe(
      'D:\\t\\settings.json',
    );
  });
});

describe('namedKeysIndexFile', () => {
  it('is keys.json beside the settings file', () => {
    expect(namedKeysIndexFile({ platform: 'linux', env: { MCP_TOOLKIT_HOME: '/tmp/t' }, homedir: '/h' })).toBe('/tmp/t/keys.json');
    expect(namedKeysIndexFile({ platform: 'win32', env: { APPDATA: 'C:\\AppData' }, homedir: 'C:\\h' })).toBe('C:\\AppData\\mcp-toolkit\\keys.json');
  });
});

describe('upstreamLoginsIndexFile', () => {
  it('is logins.json beside the settings', () => {
    expect(upstreamLoginsIndexFile({ platform: 'linux', env: { MCP_TOOLKIT_HOME: '/tmp/t' }, homedir: '/h' })).toBe('/tmp/t/logins.json');
    expect(upstreamLoginsIndexFile({ platform: 'win32', env: { APPDATA: 'C:\\AppData' }, homedir: 'C:\\h' })).toBe('C:\\AppData\\mcp-toolkit\\logins.json');
  });
});
