import { describe, expect, it } from 'vitest';
import { DashboardError } from './dashboard-error.js';
import { stdioCommandOf } from '../core/stdio-command.js';
import { DEFAULT_DASHBOARD_PORT, parseDashboardPort } from './options.js';

describe('parseDashboardPort', () => {
  it('defaults to 8001 and takes 0 to 65535', () => {
    expect(parseDashboardPort(undefined)).toBe(DEFAULT_DASHBOARD_PORT);
    expect(DEFAULT_DASHBOARD_PORT).toBe(8001);
    expect(parseDashboardPort('0')).toBe(0);
    expect(parseDashboardPort(' 9000 ')).toBe(9000);
    expect(parseDashboardPort('65535')).toBe(65535);
  });

  it('refuses anything else with a usage message', () => {
    for (const value of ['', '65536', '-1', '80.5', '0x50', 'abc', true]) {
      expect(() => parseDashboardPort(value), String(value)).toThrow(DashboardError);
    }
    expect(() => parseDashboardPort('abc')).toThrow('--dashboard-port "abc" is not valid: expected an integer from 0 to 65535');
  });
});

describe('stdioCommandOf', () => {
  it('runs this script again under Node, with an absolute path', () => {
    expect(stdioCommandOf({ execPath: '/usr/bin/node', argv: ['/usr/bin/node', '/opt/app/bin/mcp-toolkit.js', 'serve'], versions: {} })).toEqual({
      command: '/usr/bin/node',
      args: ['/opt/app/bin/mcp-toolkit.js', 'stdio'],
    });
  });

  it('runs the packaged app itself under Electron', () => {
    expect(stdioCommandOf({ execPath: '/Applications/MCP Toolkit.app/Contents/MacOS/MCP Toolkit', argv: ['x', 'serve'], versions: { electron: '45.0.0' } })).toEqual({
      command: '/Applications/MCP Toolkit.app/Contents/MacOS/MCP Toolkit',
      args: ['stdio'],
    });
  });
});
