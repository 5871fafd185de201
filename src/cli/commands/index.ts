import type { Command } from '../command.js';
import { keyCommand } from './key.js';
import { serveCommand } from './serve.js';
import { stdioCommand } from './stdio.js';

/** Every `mcp-toolkit` command, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [serveCommand, stdioCommand, keyCommand];
