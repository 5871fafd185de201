import { resolve } from 'node:path';
import type { NewUpstream } from '../../../core/gateway/manage-servers.js';
import { secretReferences } from '../../../core/gateway/secret-references.js';
import { specFromSettings, usesSignIn } from '../../../core/gateway/upstream-spec.js';
import { upstreamTarget } from '../../../core/gateway/upstream-target.js';
import type { HttpUpstreamAuthSettings } from '../../../shared/gateway-types.js';
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

/** The keychain secret a remote server's OAuth client secret is kept under (`--client-secret-stdin`). */
export const CLIENT_SECRET_KEY = 'OAUTH_CLIENT_SECRET';

const SIGN_IN_OPTIONS = { 'client-id': 'clientId', 'client-metadata-url': 'clientMetadataUrl', scope: 'scope', issuer: 'issuer' } as const;

/** `--client-id`, `--client-metadata-url`, `--scope`, `--issuer` as the server's sign-in settings, or undefined when none is given. */
function signInSettings(values: ParsedArgs['values']): HttpUpstreamAuthSettings | undefined {
  const auth: HttpUpstreamAuthSettings = {};
  for (const [option, field] of Object.entries(SIGN_IN_OPTIONS)) {
    const value = (values as Record<string, unknown>)[option];
    if (typeof value === 'string') auth[field] = value.trim();
  }
  return Object.keys(auth).length > 0 ? auth : undefined;
}

/** The new server the arguments describe (`add NAME … -- COMMAND ARGS` or `add NAME --url URL …`). */
function newServer(args: readonly string[], values: ParsedArgs['values']): NewUpstream {
  const [name, ...command] = args;
  if (name === undefined) throw new UsageError('expected NAME: servers add NAME -- COMMAND [ARGS...] or servers add NAME --url URL');
  if (typeof values.url === 'string') {
    onlyOptions(values, 'add', ['url', 'header', ...Object.keys(SIGN_IN_OPTIONS), 'client-secret-stdin']);
    if (command.length > 0) throw new UsageError('a server is either a command or a --url, not both');
    const auth = signInSettings(values);
    if (values['client-secret-stdin'] === true && auth?.clientId === undefined) throw new UsageError('--client-secret-stdin is the secret of a --client-id: give both');
    if (values['client-secret-stdin'] === true && auth?.issuer === undefined) {
      throw new UsageError('--client-secret-stdin needs --issuer URL, the authorization server the client belongs to: the secret is sent to no other');
    }
    return { kind: 'http', name, url: values.url, headers: Object.fromEntries(listOption(values, 'header').map(header)), ...(auth !== undefined ? { auth } : {}) };
  }
  onlyOptions(values, 'add', ['env', 'cwd']);
  const [program, ...programArgs] = command;
  if (program === undefined) throw new UsageError('expected the command after "--": servers add NAME -- COMMAND [ARGS...] (or --url URL)');
  const cwd = typeof values.cwd === 'string' ? resolve(values.cwd) : undefined;
  return { kind: 'stdio', name, command: program, args: programArgs, env: Object.fromEntries(listOption(values, 'env').map(keyValue)), ...(cwd ? { cwd } : {}) };
}

export async function addServer(context: ServersContext, args: readonly string[], values: ParsedArgs['values']): Promise<number> {
  const server = newServer(args, values);
  // Read from stdin (or a hidden prompt), never from argv; stored in the keychain with the server.
  const secrets: Record<string, string> = values['client-secret-stdin'] === true ? { [CLIENT_SECRET_KEY]: await context.readSecret('Client secret (hidden): ') } : {};
  const added = await context.manager.add(server, secrets);
  context.io.stdout.write(`added ${added.name} (${added.kind}: ${upstreamTarget(added)})\n`);
  if (added.kind === 'http') {
    const missing = Object.values(added.headers).flatMap(secretReferences);
    for (const key of new Set(missing)) context.io.stderr.write(`mcp-toolkit servers: set the secret with \`mcp-toolkit servers secret set ${added.name} ${key}\`\n`);
    if (usesSignIn(specFromSettings(added))) context.io.stderr.write(`mcp-toolkit servers: if ${added.name} asks for a sign-in, run \`mcp-toolkit servers login ${added.name}\`\n`);
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
