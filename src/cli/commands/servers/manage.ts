import { resolve } from 'node:path';
import type { NewUpstream } from '../../../core/gateway/manage-servers.js';
import { secretReferences } from '../../../core/gateway/secret-references.js';
import { upstreamTarget } from '../../../core/gateway/upstream-target.js';
import { UsageError, type ParsedArgs } from '../../command.js';
import { expectArgs, listOption, onlyOptions, type ServersContext } from './context.js';

function keyValue(text: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0) throw new UsageError(`--env expects KEY=VALUE, not "${text.split('=')[0]}…"`);
  return [text.slice(0, at), text.slice(at + 1)];
}

function header(text: string): [string, string] {
  const at = text.indexOf(':');
  if (at <= 0) throw new UsageError('--header expects "Name: value"');
  return [text.slice(0, at).trim(), text.slice(at + 1).trim()];
}

/** The new server the arguments describe (`add NAME … -- COMMAND ARGS` or `add NAME --url URL …`). */
function newServer(args: readonly string[], values: ParsedArgs['values']): NewUpstream {
  const [name, ...command] = args;
  if (name === undefined) throw new UsageError('expected NAME: servers add NAME -- COMMAND [ARGS...] or servers add NAME --url URL');
  if (typeof values.url === 'string') {
    onlyOptions(values, 'add', ['url', 'header']);
    if (command.length > 0) throw new UsageError('a server is either a command or a --url, not both');
    return { kind: 'http', name, url: values.url, headers: Object.fromEntries(listOption(values, 'header').map(header)) };
  }
  onlyOptions(values, 'add', ['env', 'cwd']);
  const [program, ...programArgs] = command;
  if (program === undefined) throw new UsageError('expected the command after "--": servers add NAME -- COMMAND [ARGS...] (or --url URL)');
  const cwd = typeof values.cwd === 'string' ? resolve(values.cwd) : undefined;
  return { kind: 'stdio', name, command: program, args: programArgs, env: Object.fromEntries(listOption(values, 'env').map(keyValue)), ...(cwd ? { cwd } : {}) };
}

export async function addServer(context: ServersContext, args: readonly string[], values: ParsedArgs['values']): Promise<number> {
  const added = await context.manager.add(newServer(args, values));
  context.io.stdout.write(`added ${added.name} (${added.kind}: ${upstreamTarget(added)})\n`);
  if (added.kind === 'http') {
    const missing = Object.values(added.headers).flatMap(secretReferences);
    for (const key of new Set(missing)) context.io.stderr.write(`mcp-toolkit servers: set the secret with \`mcp-toolkit servers secret set ${added.name} ${key}\`\n`);
  }
  return 0;
}

export async function removeServer(context: ServersContext, args: readonly string[], values: ParsedArgs['values']): Promise<number> {
  onlyOptions(values, 'remove', []);
  const [name] = expectArgs(args, 1, 'NAME: servers remove NAME');
  const removed = await context.manager.remove(name as string);
  const secrets = removed.secrets.length;
  context.io.stdout.write(`removed ${removed.name}${secrets > 0 ? ` and its ${secrets} secret${secrets === 1 ? '' : 's'} from the keychain` : ''}\n`);
  return 0;
}

export async function enableServer(context: ServersContext, args: readonly string[], values: ParsedArgs['values'], enabled: boolean): Promise<number> {
  const word = enabled ? 'enable' : 'disable';
  onlyOptions(values, word, []);
  const [name] = expectArgs(args, 1, `NAME: servers ${word} NAME`);
  await context.manager.setEnabled(name as string, enabled);
  context.io.stdout.write(`${word}d ${name}\n`);
  return 0;
}
