import { describe, expect, it } from 'vitest';
import type { UpstreamToolView } from './gateway-types.js';
import { servedToolCount, upstreamStatus, upstreamSummary } from './upstream-label.js';

const tool = (name: string, enabled = true, needsApproval = false): UpstreamToolView => ({ name, served: `gh__${name}`, enabled, needsApproval });

describe('upstream state in words', () => {
  it('says needs approval only on top of running', () => {
    expect(upstreamStatus({ state: 'running', needsApproval: true })).toBe('needs approval');
    expect(upstreamStatus({ state: 'crashed', needsApproval: true })).toBe('crashed');
    expect(upstreamStatus({ state: 'disabled', needsApproval: false })).toBe('disabled');
    expect(upstreamStatus({ state: 'needs-sign-in', needsApproval: false })).toBe('needs sign-in');
  });

  it('counts only the tools agents can call', () => {
    expect(servedToolCount({ tools: [tool('a'), tool('b', false), tool('c', true, true)] })).toBe(1);
  });

  it('summarises an upstream in one line', () => {
    const tools = [tool('a'), tool('b')];
    expect(upstreamSummary({ name: 'github', state: 'running', needsApproval: false, tools })).toBe('github — running (2 tools)');
    expect(upstreamSummary({ name: 'one', state: 'running', needsApproval: false, tools: [tool('a')] })).toBe('one — running (1 tool)');
    expect(upstreamSummary({ name: 'fs', state: 'crashed', needsApproval: false, tools })).toBe('fs — crashed');
    expect(upstreamSummary({ name: 'x', state: 'running', needsApproval: true, tools })).toBe('x — needs approval');
  });
});
