/**
 * Electron entry point: composes only. A launch with a command
 * (`MCP Toolkit stdio`, `… serve`) runs the CLI without tray or window;
 * any other launch starts the tray app.
 */
import { cliArgs, userArgs } from './cli-mode.js';
import { runAsCli } from './cli-host.js';
import { startTrayApp } from './tray-app.js';

const args = cliArgs(userArgs(process.argv, process.defaultApp === true));
if (args) void runAsCli(args);
else startTrayApp();
