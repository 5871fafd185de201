import { describe, expect, it } from 'vitest';
import type { CallHandlers } from '../shared/contract.js';
import { currentEventState } from './initial-state.js';

describe('the current value of each event for a new event stream', () => {
  it('reads servers.changed with servers.list, and leaves out (and logs) what cannot be read', async () => {
    const handlers = new Proxy({} as CallHandlers, {
      get: (_target, name: string) => async () => {
        if (name === 'servers.list') return [{ name: 'github' }];
        if (name === 'server.getStatus') return { state: 'stopped', auth: 'none' };
        throw Object.assign(new Error(`${name} unavailable`), { code: 'X' });
      },
    });
    const log: string[] = [];
    const state = await currentEventState(handlers, (line) => log.push(line));
    expect(state).toEqual({ 'servers.changed': [{ name: 'github' }], 'server.status': { state: 'stopped', auth: 'none' } });
    expect(log).toContain('[dashboard] cannot read the current settings.changed: settings.get unavailable');
  });
});
