import { UsageError, type ParsedArgs } from '../../command.js';
import { expectArgs, gatewayView, onlyOptions, type ServersContext } from './context.js';

/** `servers secret set NAME KEY` (value from stdin or a hidden prompt) and `servers secret remove NAME KEY`. */
export async function serverSecret(context: ServersContext, args: readonly string[], values: ParsedArgs['values']): Promise<number> {
  onlyOptions(values, 'secret', []);
  const [action, name, key] = expectArgs(args, 3, 'servers secret set NAME KEY or servers secret remove NAME KEY (the value comes from stdin, never the command line)') as [string, string, string];
  const { io, manager } = context;
  if (action === 'remove') {
    await manager.removeSecret(name, key);
    io.stdout.write(`removed ${key} of ${name} from the keychain\n`);
    return 0;
  }
  if (action !== 'set') throw new UsageError(`expected "set" or "remove", not "${action}"`);
  await manager.list().then((servers) => {
    if (!servers.some((s) => s.name === name)) throw new UsageError(`no server is named "${name}" (see \`mcp-toolkit servers list\`)`);
  });
  let value: string;
  try {
    value = await context.readSecret(`Value of ${key} for ${name} (hidden): `);
  } catch (error) {
    throw new UsageError(`no value read: ${(error as Error).message}`);
  }
  if (value === '') throw new UsageError(`no value for ${key}: pipe it on stdin, e.g. printf %s "$VALUE" | mcp-toolkit servers secret set ${name} ${key}`);
  const { added } = await manager.setSecret(name, key, value);
  io.stdout.write(`stored ${key} for ${name} in the OS keychain\n`);
  const view = await gatewayView(context, name);
  if (!added && view?.state === 'running') {
    io.stderr.write(`mcp-toolkit servers: the running ${name} keeps the old value until it restarts (\`servers disable ${name}\` then \`servers enable ${name}\`)\n`);
  }
  return 0;
}
