import type { Command } from '../command.js';
import { keyCommand } from './key.js';
import { keysCommand } from './keys.js';
import { loginCommand } from './login.js';
import { logoutCommand } from './logout.js';
import { tokenCommand } from './token.js';
import { whoamiCommand } from './whoami.js';
import { serveCommand } from './serve.js';
import { stdioCommand } from './stdio.js';
import { serversCommand } from './servers.js';

/** Every `mcp-toolkit` command, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [serveCommand, stdioCommand, serversCommand, keyCommand, keysCommand, loginCommand, tokenCommand, logoutCommand, whoamiCommand];
