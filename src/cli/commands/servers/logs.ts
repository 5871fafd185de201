import { readStderrLogFile } from '../../../core/gateway/stderr-log.js';
import { UsageError, type ParsedArgs } from '../../command.js';
import { expectArgs, onlyOptions, type ServersContext } from './context.js';

const DEFAULT_LINES = 50;
const MAX_LINES = 100_000;

export async function serverLogs(context: ServersContext, args: readonly string[], values: ParsedArgs['values']): Promise<number> {
  onlyOptions(values, 'logs', ['lines']);
  const [name] = expectArgs(args, 1, 'NAME: servers logs NAME [--lines N]') as [string];
  const lines = values.lines === undefined ? DEFAULT_LINES : Number(values.lines);
  if (!Number.isInteger(lines) || lines < 1 || lines > MAX_LINES) throw new UsageError(`--lines expects a whole number from 1 to ${MAX_LINES}`);
  if (!(await context.manager.list()).some((s) => s.name === name)) throw new UsageError(`no server is named "${name}" (see \`mcp-toolkit servers list\`)`);
  const output = readStderrLogFile(context.stateDir, name, lines);
  if (output.length === 0) context.io.stderr.write(`mcp-toolkit servers: no error output kept for ${name} yet\n`);
  else context.io.stdout.write(`${output.join('\n')}\n`);
  return 0;
}
