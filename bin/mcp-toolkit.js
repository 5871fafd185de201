#!/usr/bin/env node
// The `mcp-toolkit` command: the headless CLI built by `npm run build` (electron-vite).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('mcp-toolkit: not built yet; run `npm run build` first\n');
  process.exit(1);
}
await import(cli);
