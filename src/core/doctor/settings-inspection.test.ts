import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectSettings } from './settings-inspection.js';

function home(settings?: string) {
  const folder = mkdtempSync(join(tmpdir(), 'doctor-settings-'));
  if (settings !== undefined) writeFileSync(join(folder, 'settings.json'), settings);
  return { folder, paths: { platform: process.platform, env: { MCP_TOOLKIT_HOME: folder }, homedir: folder } };
}

describe('inspectSettings', () => {
  it('reads the defaults when there is no file', async () => {
    const { folder, paths } = home();
    const health = await inspectSettings(paths);
    expect(health).toMatchObject({ filePath: join(folder, 'settings.json'), problems: [] });
    expect(health.config.port).toBe(8000);
  });

  it('reports a broken file without moving it aside', async () => {
    const { folder, paths } = home('{"port": ');
    expect((await inspectSettings(paths)).fileProblem).toBe('is not valid JSON');
    expect(readdirSync(folder)).toEqual(['settings.json']);
  });

  it('names a bad saved value and applies the environment on top', async () => {
    const { paths } = home('{"port": 70000}');
    const health = await inspectSettings({ ...paths, env: { ...paths.env, MCP_AUTH: 'api_key' } });
    expect(health.problems).toEqual([expect.stringContaining('saved setting port is not valid')]);
    expect(health.config.auth).toBe('api_key');
  });
});
