import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../config/index.js';
import { checkSettings } from './settings-check.js';

const filePath = '/home/me/.config/mcp-toolkit/settings.json';
const config = defaultSettings();

describe('checkSettings', () => {
  it('passes valid settings, naming the file', () => {
    const line = checkSettings({ filePath, config, problems: [] });
    expect(line).toMatchObject({ check: 'settings', ok: true, severity: 'ok' });
    expect(line.message).toContain(filePath);
  });

  it('fails a file that is not JSON, and says how to get past it', () => {
    const line = checkSettings({ filePath, config, problems: [], fileProblem: 'is not valid JSON' });
    expect(line).toMatchObject({ ok: false, severity: 'error' });
    expect(line.message).toBe(`The settings file ${filePath} is not valid JSON.`);
    expect(line.fix).toMatch(/remove it to start from the default settings/);
  });

  it('fails with every problem on one line', () => {
    const line = checkSettings({ filePath, config, problems: ['saved setting port is not valid: expected an integer', 'MCP_OAUTH_AUDIENCE is not set'] });
    expect(line.severity).toBe('error');
    expect(line.message).toContain('saved setting port is not valid');
    expect(line.message).toContain('MCP_OAUTH_AUDIENCE is not set');
    expect(line.message.includes('\n')).toBe(false);
    expect(line.fix).toContain(filePath);
  });

  it('warns about valid but doubtful settings (auth none on every interface)', () => {
    const line = checkSettings({ filePath, config: { ...config, host: '0.0.0.0' }, problems: [] });
    expect(line).toMatchObject({ ok: true, severity: 'warn' });
    expect(line.message).toContain('reachable from other machines');
  });
});
