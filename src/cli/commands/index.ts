import type { Command } from '../command.js';
import { keyCommand } from './key.js';
import { keysCommand } from './keys.js';
import { loginCommand } from './login.js';
import { logoutCommand } from './logout.js';
import { tokenCommand } from './token.js';
import { whoamiCommand } from './whoami.js';
import { serveCommand } from './serve.js';
import { stdioCommand } from './stdio.js';
import { bridgeCommand } from './bridge.js';
import { serversCommand } from './servers.js';
import { clientsCommand } from './clients.js';
import { doctorCommand } from './doctor.js';

/** Every `mcp-toolkit` command, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [
  serveCommand,
  stdioCommand,
  bridgeCommand,
  serversCommand,
  clientsCommand,
  keyCommand,
  keysCommand,
  loginCommand,
  tokenCommand,
  logoutCommand,
  whoamiCommand,
  doctorCommand,
];
