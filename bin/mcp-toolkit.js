#!/usr/bin/env node
// The `mcp-toolkit` command: the headless CLI built by `npm run build` (electron-vite).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Supported: Node 22.12+ (22 and 24 LTS). Older versions get a warning, not a refusal.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`mcp-toolkit: Node ${process.versions.node} is not supported; use Node 22.12 or newer (22 or 24 LTS)\n`);
}

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('mcp-toolkit: not built yet; run `npm run build` first\n');
  process.exit(1);
}
await import(cli);
