import { describe, expect, it } from 'vitest';
import { isPathGroup, pathGroupOf } from './path-group.js';

describe('pathGroupOf', () => {
  it.each([
    ['/mcp', 'mcp'],
    ['/mcp/', 'mcp'],
    ['/mcpx', 'other'],
    ['/tools', 'tools'],
    ['/tools/echo', 'tools'],
    ['/metrics', 'metrics'],
    ['/metrics/x', 'other'],
    ['/health', 'health'],
    ['/healthz', 'health'],
    ['/.well-known/oauth-protected-resource/mcp', 'well_known'],
    ['/', 'other'],
    ['/favicon.ico', 'other'],
  ])('%s → %s', (pathname, group) => {
    expect(pathGroupOf(pathname)).toBe(group);
  });

  it('follows a configured MCP path', () => {
    expect(pathGroupOf('/api/mcp', '/api/mcp')).toBe('mcp');
    expect(pathGroupOf('/mcp', '/api/mcp')).toBe('other');
  });

  it('recognises only the fixed groups', () => {
    expect(isPathGroup('mcp')).toBe(true);
    expect(isPathGroup('/mcp')).toBe(false);
    expect(isPathGroup(undefined)).toBe(false);
  });
});
