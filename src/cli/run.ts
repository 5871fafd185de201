import { parseArgs } from 'node:util';
import { VERSION } from '../core/version.js';
import { UsageError, type CliIO, type Command, type LazyCommand } from './command.js';
import { COMMANDS } from './commands/index.js';

/** Exit code for bad usage and invalid configuration. */
export const EXIT_USAGE = 2;

export function mainHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: mcp-toolkit <command> [options]',
    '',
    'Runs a secure local MCP server and the logins around it.',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `mcp-toolkit <command> --help` for the options of a command.',
    'Configuration comes from flags, then MCP_* environment variables, then the saved settings file.',
    '',
  ].join('\n');
}

/**
 * Runs one CLI invocation and resolves to its exit code: 0 success, 1 failure,
 * 2 bad usage or invalid configuration (one line on stderr saying what is wrong).
 */
export async function runCli(argv: readonly string[], io: CliIO, commands: readonly (Command | LazyCommand)[] = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(mainHelp(await Promise.all(commands.map(loaded))));
    return name === undefined ? EXIT_USAGE : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const listed = commands.find((c) => c.name === name);
  if (listed === undefined) {
    io.stderr.write(`mcp-toolkit: unknown command "${name}". Commands: ${commands.map((c) => c.name).join(', ')}\n`);
    return EXIT_USAGE;
  }
  const command = await loaded(listed);
  // After `--` come another program's arguments (`servers add NAME -- server --help`).
  const own = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (own.includes('--help') || own.includes('-h')) {
    const help = command.helpFor?.(own) ?? command.help;
    io.stdout.write(help.endsWith('\n') ? help : `${help}\n`);
    return 0;
  }
  try {
    const parsed = parseArgs({
      args: [...rest],
      options: command.options,
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
    return await command.run({ values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals }, io);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr.write(`mcp-toolkit ${command.name}: ${(error as Error).message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

function loaded(command: Command | LazyCommand): Promise<Command> {
  return 'load' in command ? command.load() : Promise.resolve(command);
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
