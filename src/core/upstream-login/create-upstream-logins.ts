import type { SecretStore } from '../keychain/secret-store.js';
import { DEFAULT_REDIRECT_URI } from '../login/redirect-uri.js';
import { createLoginBook } from './login-book.js';
import { viewOf } from './login-index.js';
import type { LoginsContext } from './logins-context.js';
import { refusePlainHttpServer } from './secure-urls.js';
import { createSignInFetch } from './sign-in-fetch.js';
import { createTransportProvider } from './transport-provider.js';
import type { UpstreamLogins } from './types.js';

export { UPSTREAM_LOGIN_FETCH_TIMEOUT_MS } from './sign-in-fetch.js';

export interface CreateUpstreamLoginsOptions {
  /** Where tokens and registrations live: the OS keychain (`createKeychainStore()`) in real use. */
  readonly secrets: SecretStore;
  /** The index of sign-ins: `upstreamLoginsIndexFile(pathContext)` (`<settings folder>/logins.json`). */
  readonly indexFile: string;
  readonly now?: () => number;
  /** The HTTP client under the bounded fetch (tests may record requests). Default: global `fetch`. */
  readonly fetch?: typeof fetch;
  /** The toolkit's log (never given a secret). Default: stderr. */
  readonly log?: (line: string) => void;
  /**
   * Loopback redirect URI for a server with a configured client ID, which the
   * user registered beforehand: default `mcp-toolkit login`'s
   * (`http://127.0.0.1:8765/callback`). Registered and metadata-document
   * clients always use a free port (RFC 8252 §7.3).
   */
  readonly configuredClientRedirectUri?: string;
}

/** `UpstreamLogins` plus `close()`, which stops watching the index file (it never keeps the process alive). */
export interface UpstreamLoginsService extends UpstreamLogins {
  close(): void;
}

/**
 * Remote servers' sign-ins over the keychain and `logins.json`. Every request
 * it makes to an authorization server or for metadata is bounded in time and
 * size (a huge or endless answer cannot hurt the process).
 */
export function createUpstreamLogins(options: CreateUpstreamLoginsOptions): UpstreamLoginsService {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const fetchFn = createSignInFetch(options.fetch);
  const book = createLoginBook({ secrets: options.secrets, indexFile: options.indexFile, now, log });
  const context: LoginsContext = {
    secrets: options.secrets,
    book,
    now,
    fetchFn,
    log,
    configuredClientRedirectUri: options.configuredClientRedirectUri ?? DEFAULT_REDIRECT_URI,
  };

  return {
    providerFor(spec) {
      // Never a token over plain http to another computer (the gateway does not ask: see `usesSignIn`).
      refusePlainHttpServer(spec);
      book.watch();
      return createTransportProvider(context, spec);
    },
    // Signing in and out (discovery, the SDK's auth(), the loopback listener, jose) load when first used.
    signIn: async (spec, signInOptions) => (await import('./sign-in.js')).runSignIn(context, spec, signInOptions),
    signOut: async (spec) => (await import('./sign-out.js')).runSignOut(context, spec),
    async view(name) {
      const entry = await book.entry(name);
      return entry && viewOf(entry);
    },
    onChange: (listener) => book.onChange(listener),
    close: () => book.close(),
  };
}
