import { describe, expect, it } from 'vitest';
import { checkNodeVersion } from './node-version.js';

describe('checkNodeVersion', () => {
  it.each(['22.12.0', '22.23.3', '24.1.0', 'v26.0.0'])('accepts %s', (version) => {
    expect(checkNodeVersion(version)).toMatchObject({ check: 'node', ok: true, severity: 'ok' });
  });

  it.each(['20.19.0', '22.11.9', '18.0.0'])('refuses %s with the minimum and how to fix it', (version) => {
    const line = checkNodeVersion(version);
    expect(line).toMatchObject({ check: 'node', ok: false, severity: 'error' });
    expect(line.message).toContain('22.12');
    expect(line.fix).toMatch(/Node 22 LTS or 24 LTS/);
  });
});
