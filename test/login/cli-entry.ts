/**
 * The CLI entry point with the login commands, run from source (via jiti) so
 * the end-to-end test exercises a real process before `npm run build`: the
 * same dispatcher (`runCli`) and process IO (`processIO`) as `src/cli/index.ts`.
 */
import { createLoginCommand } from '../../src/cli/commands/login.js';
import { createLogoutCommand } from '../../src/cli/commands/logout.js';
import { createTokenCommand } from '../../src/cli/commands/token.js';
import { createWhoamiCommand } from '../../src/cli/commands/whoami.js';
import { processIO } from '../../src/cli/process-io.js';
import { runCli } from '../../src/cli/run.js';

const commands = [createLoginCommand(), createTokenCommand(), createLogoutCommand(), createWhoamiCommand()];
process.exitCode = await runCli(process.argv.slice(2), processIO(), commands);
