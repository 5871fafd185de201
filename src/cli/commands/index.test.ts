import { describe, expect, it } from 'vitest';
import { COMMANDS } from './index.js';

describe('COMMANDS', () => {
  it('loads, for each name, the command of that name', async () => {
    for (const entry of COMMANDS) expect((await entry.load()).name, entry.name).toBe(entry.name);
  });
});
