import { describe, expect, it } from 'vitest';
import { upstreamTarget } from './upstream-target.js';

describe('upstreamTarget', () => {
  it('shows a command line quoted as a shell would read it back, and a URL as is', () => {
    expect(upstreamTarget({ kind: 'stdio', command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/home/me/My Files', "it's"] })).toBe(
      `npx -y @modelcontextprotocol/server-filesystem '/home/me/My Files' 'it'\\''s'`,
    );
    expect(upstreamTarget({ kind: 'http', url: 'https://mcp.example.com/mcp' })).toBe('https://mcp.example.com/mcp');
  });
});
