#!/usr/bin/env node
// An upstream of the gateway part of `npm run bench`: a stdio MCP server (v1 SDK) with 50 small
// tools (`tool_01` … `tool_50`, each with a described string and number argument), so the toolkit
// can list 10 upstreams × 50 tools.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const server = new McpServer({ name: 'fifty-tools', version: '1.0.0' });
for (let i = 1; i <= 50; i += 1) {
  const name = `tool_${String(i).padStart(2, '0')}`;
  server.registerTool(
    name,
    {
      description: `Bench tool ${i}: returns its arguments.`,
      inputSchema: { text: z.string().max(200).describe('Any text'), count: z.number().int().min(0).max(100).optional().describe('A small number') },
      annotations: { readOnlyHint: true },
    },
    async (args) => ({ content: [{ type: 'text', text: JSON.stringify(args) }] }),
  );
}
await server.connect(new StdioServerTransport());
