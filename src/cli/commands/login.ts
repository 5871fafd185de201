import { createKeychainStore, type SecretStore } from '../../core/keychain/index.js';
import {
  DEFAULT_CALLBACK_TIMEOUT_MS,
  DEFAULT_REDIRECT_URI,
  LoginError,
  openInSystemBrowser,
  parseIssuerUrl,
  parseLoopbackRedirectUri,
  signIn,
  type SignInEvent,
} from '../../core/login/index.js';
import { UsageError, type CliIO, type Command } from '../command.js';

export interface LoginCommandDeps {
  /** The keychain in real use; a memory store in tests. */
  readonly openStore?: () => SecretStore;
  /** Default: `$BROWSER` or the OS opener (see `openInSystemBrowser`). */
  readonly openUrl?: (url: string, env: CliIO['env']) => Promise<void>;
}

/** `mcp-toolkit login`: PKCE sign-in in the system browser; prints only the access token on stdout. */
export function createLoginCommand(deps: LoginCommandDeps = {}): Command {
  const openStore = deps.openStore ?? (() => createKeychainStore());
  const openUrl = deps.openUrl ?? ((url, env) => openInSystemBrowser(url, env));
  return {
    name: 'login',
    summary: 'Sign in to an OAuth issuer in the browser (PKCE) and print the access token',
    help: `Usage: mcp-toolkit login --issuer URL --client-id ID [options]

Signs in with the OAuth 2.0 authorization code flow for native apps
(RFC 8252, PKCE S256): opens the browser, receives the redirect on a one-shot
listener on 127.0.0.1, and exchanges the code. Prints the access token, and
only it, on stdout, so TOKEN=$(mcp-toolkit login ...) works; messages go to
stderr. The tokens are stored in the OS keychain (service "mcp-toolkit"),
never in a file; \`token\`, \`whoami\` and \`logout\` use them.

Options:
  --issuer URL          authorization server (env MCP_OAUTH_ISSUER); https, or
                        http on 127.0.0.1/localhost only
  --client-id ID        public client id (env MCP_OAUTH_CLIENT_ID)
  --redirect-uri URI    loopback redirect (env MCP_OAUTH_REDIRECT_URI,
                        default ${DEFAULT_REDIRECT_URI}); port 0 picks a free port
  --scope S             space-separated scopes (default: openid offline_access
                        when the issuer offers them)
  --resource R          resource indicator, the token's audience (RFC 8707;
                        env MCP_OAUTH_AUDIENCE, the audience this toolkit's
                        server checks in oauth mode)
  --timeout SECONDS     how long to wait for the browser (default ${DEFAULT_CALLBACK_TIMEOUT_MS / 1000})

The browser is $BROWSER (a program run with the URL) when set, otherwise
xdg-open / open / start. If it does not open, visit the URL printed on stderr.
Exit codes: 0 signed in, 1 sign-in failed, 2 bad usage.`,
    options: {
      issuer: { type: 'string' },
      'client-id': { type: 'string' },
      'redirect-uri': { type: 'string' },
      scope: { type: 'string' },
      resource: { type: 'string' },
      timeout: { type: 'string' },
    },
    async run({ values }, io) {
      const options = loginOptionsFrom(values, io.env);
      const store = openStore();
      try {
        const session = await signIn({
          ...options,
          store,
          signal: io.signal,
          openUrl: (url) => openBrowserOrExplain(url, io, openUrl),
          onProgress: (event) => reportProgress(event, io),
        });
        io.stdout.write(`${session.accessToken}\n`);
        const who = session.subject ? ` as ${session.subject}` : '';
        const until = session.expiresAt ? `; the token expires ${new Date(session.expiresAt).toISOString()}` : '';
        io.stderr.write(`mcp-toolkit login: signed in to ${session.issuer}${who}${until}. Tokens stored in the OS keychain.\n`);
        return 0;
      } catch (error) {
        return reportLoginFailure(error, io, 'login');
      }
    },
  };
}

export const loginCommand = createLoginCommand();

interface LoginOptions {
  readonly issuer: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scope?: string;
  readonly resource?: string;
  readonly timeoutMs: number;
}

/** Flags over environment; anything unusable is a `UsageError` (exit 2) before any network traffic. */
export function loginOptionsFrom(values: Record<string, string | boolean | undefined>, env: CliIO['env']): LoginOptions {
  const text = (flag: string, envName?: string): string | undefined => {
    const value = values[flag];
    const chosen = typeof value === 'string' ? value : envName ? env[envName] : undefined;
    return chosen?.trim() || undefined;
  };
  const issuer = text('issuer', 'MCP_OAUTH_ISSUER');
  const clientId = text('client-id', 'MCP_OAUTH_CLIENT_ID');
  if (!issuer) throw new UsageError('missing --issuer (or MCP_OAUTH_ISSUER)');
  if (!clientId) throw new UsageError('missing --client-id (or MCP_OAUTH_CLIENT_ID)');
  const redirectUri = text('redirect-uri', 'MCP_OAUTH_REDIRECT_URI') ?? DEFAULT_REDIRECT_URI;
  asUsageError(() => parseIssuerUrl(issuer));
  asUsageError(() => parseLoopbackRedirectUri(redirectUri));
  return {
    issuer,
    clientId,
    redirectUri,
    scope: text('scope'),
    resource: text('resource', 'MCP_OAUTH_AUDIENCE'),
    timeoutMs: timeoutFrom(text('timeout')),
  };
}

function timeoutFrom(seconds: string | undefined): number {
  if (seconds === undefined) return DEFAULT_CALLBACK_TIMEOUT_MS;
  const value = Number(seconds);
  if (!Number.isInteger(value) || value <= 0) throw new UsageError(`--timeout must be a positive number of seconds, got "${seconds}"`);
  return value * 1000;
}

function asUsageError(check: () => unknown): void {
  try {
    check();
  } catch (error) {
    if (error instanceof LoginError) throw new UsageError(error.message);
    throw error;
  }
}

/** The browser failing to start is not fatal in a terminal: the URL is on stderr to open by hand. */
async function openBrowserOrExplain(url: string, io: CliIO, openUrl: NonNullable<LoginCommandDeps['openUrl']>): Promise<void> {
  try {
    await openUrl(url, io.env);
  } catch (error) {
    io.stderr.write(`mcp-toolkit login: ${error instanceof Error ? error.message : String(error)}; open the URL above yourself.\n`);
  }
}

function reportProgress(event: SignInEvent, io: CliIO): void {
  if (event.type === 'waiting-for-browser') {
    io.stderr.write(`mcp-toolkit login: opening the browser to sign in. If it does not open, visit:\n\n  ${event.url}\n\n`);
  } else if (event.type === 'exchanging') {
    io.stderr.write('mcp-toolkit login: signed in in the browser; exchanging the code for tokens…\n');
  }
}

/**
 * Prints a sign-in/token failure as one line on stderr and returns exit code 1;
 * bad options are usage errors (2). Anything else is rethrown for the CLI's
 * last-resort handler.
 */
export function reportLoginFailure(error: unknown, io: CliIO, command: string): number {
  if (!(error instanceof LoginError)) throw error;
  if (error.code === 'INVALID_OPTIONS' || error.code === 'INSECURE_ISSUER') throw new UsageError(error.message);
  io.stderr.write(`mcp-toolkit ${command}: ${error.message} [${error.code}]\n`);
  return 1;
}
