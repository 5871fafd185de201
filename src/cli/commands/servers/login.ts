import { hasStaticAuthorization, specFromSettings, type HttpUpstream } from '../../../core/gateway/upstream-spec.js';
import type { UpstreamLogins, UpstreamSignInEvent, UpstreamSignOutOutcome } from '../../../core/upstream-login/types.js';
import type { UpstreamSignInView } from '../../../shared/gateway-types.js';
import { UsageError, type CliIO, type ParsedArgs } from '../../command.js';
import { expectArgs, findServer, gatewayView, onlyOptions, type ServersContext } from './context.js';

const MAX_TIMEOUT_SECONDS = 3600;

/** The remote server `name` as the sign-in needs it, or a usage error saying why it has none. */
async function signInSpec(context: ServersContext, name: string): Promise<HttpUpstream> {
  const spec = specFromSettings(await findServer(context, name));
  if (spec.kind !== 'http') throw new UsageError(`"${name}" is a local (stdio) server: it takes secrets (\`servers secret set\`), not a sign-in`);
  // A plain-http server on another computer gets here: the sign-in itself refuses it (exit 1), and a sign-out still works.
  if (hasStaticAuthorization(spec)) throw new UsageError(`"${name}" sends a static Authorization header: remove it to sign in instead`);
  return spec;
}

function loginsOrExplain(context: ServersContext, command: string): UpstreamLogins | undefined {
  const logins = context.logins();
  if (logins === undefined) context.io.stderr.write(`mcp-toolkit servers ${command}: signing in to remote servers is not available in this build\n`);
  return logins;
}

/** The line a sign-in step prints on stderr, or undefined for the steps the final line covers. */
function stepText(event: UpstreamSignInEvent, name: string): string | undefined {
  switch (event.step) {
    case 'discovering':
      return `discovering how ${name} signs in…`;
    case 'registering':
      return 'registering the toolkit with the authorization server…';
    case 'waiting-for-browser':
      return `opening the browser to sign in. Open this link if no browser opened:\n\n  ${event.url}\n`;
    case 'exchanging':
      return 'signed in in the browser; exchanging the code for tokens…';
    default:
      return undefined;
  }
}

function reportStep(event: UpstreamSignInEvent, name: string, io: CliIO): void {
  const text = stepText(event, name);
  if (text !== undefined) io.stderr.write(`mcp-toolkit servers login: ${text}\n`);
}

function describeSignIn(name: string, view: UpstreamSignInView): string {
  const who = view.subject !== undefined ? ` as ${view.subject}` : '';
  const issuer = view.issuer !== undefined ? ` (issuer ${view.issuer})` : '';
  const expiry = view.expiresAt !== undefined ? `, expires ${new Date(view.expiresAt).toISOString()}` : '';
  return `Signed in to ${name}${who}${issuer}${expiry}. Tokens stored in the OS keychain.`;
}

function timeoutFrom(values: ParsedArgs['values']): number | undefined {
  if (values.timeout === undefined) return undefined;
  const seconds = Number(values.timeout);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) throw new UsageError(`--timeout expects a whole number of seconds from 1 to ${MAX_TIMEOUT_SECONDS}`);
  return seconds * 1000;
}

/** The browser failing to start is not fatal: the link is on stderr to open by hand. */
async function openOrExplain(context: ServersContext, url: string): Promise<void> {
  try {
    await context.openUrl(url, context.io.env);
  } catch (error) {
    context.io.stderr.write(`mcp-toolkit servers login: ${(error as Error).message}; open the link above yourself.\n`);
  }
}

/**
 * `servers login NAME [--scope S] [--timeout SECONDS]`: signs in to a remote
 * server in the browser. Progress and the result go to stderr; stdout stays
 * empty (nothing secret is ever printed). Exit 0 signed in, 1 failed or
 * cancelled (Ctrl-C), 2 bad usage.
 */
export async function loginServer(context: ServersContext, args: readonly string[], values: ParsedArgs['values']): Promise<number> {
  onlyOptions(values, 'login', ['scope', 'timeout']);
  const [name] = expectArgs(args, 1, 'NAME: servers login NAME') as [string];
  const timeoutMs = timeoutFrom(values);
  const spec = await signInSpec(context, name);
  // A step-up the running gateway saw (403 insufficient_scope): ask for that scope too.
  const scope = typeof values.scope === 'string' ? values.scope : (await gatewayView(context, name))?.signIn?.wantedScope;
  const logins = loginsOrExplain(context, 'login');
  if (logins === undefined) return 1;
  const { io } = context;
  try {
    const view = await logins.signIn(spec, {
      openUrl: (url) => openOrExplain(context, url),
      signal: io.signal,
      onProgress: (event) => reportStep(event, name, io),
      ...(scope !== undefined ? { scope } : {}),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    });
    io.stderr.write(`mcp-toolkit servers login: ${describeSignIn(name, view)}\n`);
    return 0;
  } catch (error) {
    if (io.signal.aborted) {
      io.stderr.write('mcp-toolkit servers login: the sign-in was cancelled\n');
      return 1;
    }
    if (!(error instanceof Error)) throw error;
    const code = (error as { code?: unknown }).code;
    io.stderr.write(`mcp-toolkit servers login: ${error.message}${typeof code === 'string' ? ` [${code}]` : ''}\n`);
    return 1;
  }
}

/** What became of the tokens at the authorization server, after "its tokens are deleted from the OS keychain". */
function revocationText(revocation: UpstreamSignOutOutcome['revocation']): string {
  switch (revocation) {
    case 'revoked':
      return '; the server revoked them (a token it cannot revoke expires by itself)';
    case 'not-offered':
      return '; the server offers no revocation, so they stay valid there until they expire';
    case 'failed':
      return '; the server did not revoke them all (see the log), so they may stay valid there until they expire';
    default:
      return '';
  }
}

/**
 * `servers logout NAME`: revokes the tokens where the server supports it
 * (RFC 7009), then deletes them from the keychain. It always runs the
 * sign-out (idempotent): tokens may be in the keychain without an entry in
 * the index (a corrupt index set aside), and they must not stay behind.
 */
export async function logoutServer(context: ServersContext, args: readonly string[], values: ParsedArgs['values']): Promise<number> {
  onlyOptions(values, 'logout', []);
  const [name] = expectArgs(args, 1, 'NAME: servers logout NAME') as [string];
  const spec = await signInSpec(context, name);
  const logins = loginsOrExplain(context, 'logout');
  if (logins === undefined) return 1;
  const { found, revocation } = await logins.signOut(spec);
  context.io.stderr.write(
    found
      ? `mcp-toolkit servers logout: signed out of ${name}: its tokens are deleted from the OS keychain${revocationText(revocation)}\n`
      : `mcp-toolkit servers logout: ${name} had no sign-in; nothing to delete\n`,
  );
  return 0;
}
