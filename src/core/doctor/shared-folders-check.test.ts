import { describe, expect, it } from 'vitest';
import { checkSharedFolders } from './shared-folders-check.js';

describe('checkSharedFolders', () => {
  it('says plainly that nothing is shared', async () => {
    const lines = await checkSharedFolders([], async () => undefined);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ check: 'shared-folders', ok: true, severity: 'ok' });
    expect(lines[0]?.fix).toContain('Shared folders');
  });

  it('gives one line per folder: readable, or why not', async () => {
    const lines = await checkSharedFolders(['/data/docs', '/data/gone'], async (folder) => (folder === '/data/gone' ? 'does not exist' : undefined));
    expect(lines.map((l) => [l.severity, l.message])).toEqual([
      ['ok', '/data/docs is readable.'],
      ['error', '/data/gone does not exist: the file tools cannot read it.'],
    ]);
    expect(lines[1]?.fix).toMatch(/remove it from Shared folders/);
  });
});
