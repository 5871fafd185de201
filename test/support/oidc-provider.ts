/**
 * A real OpenID Provider for tests: `oidc-provider` 9 on 127.0.0.1, plain HTTP,
 * an ephemeral port. It issues RFC 9068 JWT access tokens whose audience is the
 * requested resource indicator (RFC 8707), signs with RS256 and/or ES256 keys,
 * and can rotate those keys, drop old ones or go offline while a test runs.
 *
 * Ways to get tokens without a browser:
 * - `getClientCredentialsToken()`: the client_credentials grant of a confidential
 *   "service" client; a real access token for the resource (`sub` = client id).
 * - `loginWithPkce()`: the authorization code + PKCE flow of the public `native`
 *   client, driven with plain `fetch` through the devInteractions login and
 *   consent forms (cookies kept, redirects followed by hand). Returns a real
 *   access token, ID token and refresh token.
 * - `signJwt()`: signs arbitrary claims with the provider's current private keys,
 *   for negative tests (expired, no `exp`, wrong audience…): exactly what a
 *   misbehaving issuer could send.
 *
 * Browsers can use the same login pages: `input[name=login]`,
 * `input[name=password]`, `button[type=submit]`, then the consent page's
 * `button[type=submit]`. Any login and password are accepted.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import Provider, { type Configuration, type JWKS } from 'oidc-provider';

export type OidcKeyChoice = 'rs256' | 'es256' | 'both';
export type OidcSigningAlg = 'RS256' | 'ES256';
export type WellKnownDocument = 'openid-configuration' | 'oauth-authorization-server';

export interface StartOidcProviderOptions {
  /** Which signing keys the provider holds. Default `both`. */
  keys?: OidcKeyChoice;
  /** Default resource indicator, used as the access tokens' audience. Default `http://127.0.0.1/mcp`. */
  resource?: string;
  /** Scopes the resource server offers. Default `['mcp:tools', 'mcp:admin']`. */
  scopes?: readonly string[];
  /** Access token lifetime in seconds. Default 300. */
  accessTokenTtlSec?: number;
  /** Algorithm of the access and ID tokens issued to the native client. Default: RS256 when held, else ES256. */
  accessTokenAlg?: OidcSigningAlg;
  /** Discovery documents answered with 404, to test fallbacks. Default none. */
  hideWellKnown?: readonly WellKnownDocument[];
  /** Offer dynamic client registration (RFC 7591) at `/reg`. Default false. */
  registration?: boolean;
  /** Offer token revocation (RFC 7009) at `/token/revocation`. Default false. */
  revocation?: boolean;
  /** Leave `code_challenge_methods_supported` out of the discovery documents (PKCE stays enforced). Default false. */
  hideS256?: boolean;
}

/** Token endpoint response (RFC 6749 §5.1, OIDC Core §3.1.3.3). */
export interface OidcTokenSet {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope?: string;
  id_token?: string;
  refresh_token?: string;
}

export interface LoginWithPkceOptions {
  /** Default `openid offline_access` plus every resource scope. */
  scope?: string;
  /** Default: the fixture's resource. */
  resource?: string;
  /** Account id typed into the login form. Default `alice`. */
  login?: string;
  /** OIDC `nonce` sent in the authorization request (echoed in the ID token); `false` sends none. Default: a random one. */
  nonce?: string | false;
}

export interface ClientCredentialsOptions {
  /** Default: every resource scope. */
  scope?: string;
  /** Default: the fixture's resource. */
  resource?: string;
  /** Signing algorithm of the token (one service client per algorithm). Default: the primary algorithm. */
  alg?: OidcSigningAlg;
}

export interface SignJwtOptions {
  payload: Record<string, unknown>;
  /** Extra protected header fields; `alg` and `kid` are set from the key unless given here. */
  header?: Record<string, unknown>;
  /** Key to sign with: the current signing key of that algorithm. Default: the primary algorithm. */
  alg?: OidcSigningAlg;
}

export interface RecordedRequest {
  readonly method: string;
  readonly pathname: string;
}

export interface OidcProviderFixture {
  /** `http://127.0.0.1:<port>`. */
  readonly issuer: string;
  readonly port: number;
  readonly jwksUri: string;
  /** Public native client (token_endpoint_auth_method `none`, PKCE S256 enforced). */
  readonly clientId: string;
  /** Registered loopback redirect; any port on 127.0.0.1 is accepted (RFC 8252 §7.3). */
  readonly redirectUri: string;
  /** Default resource indicator; also the access tokens' `aud`. */
  readonly resource: string;
  /** Same as `resource`. */
  readonly audience: string;
  readonly scopes: readonly string[];
  /** Algorithm of the first listed key, which signs by default. */
  readonly primaryAlg: OidcSigningAlg;
  /** Every request the HTTP server received, in order. */
  readonly requests: readonly RecordedRequest[];
  /** How many requests hit `pathname` (e.g. `/jwks`). */
  countRequests(pathname: string): number;
  /** Key ids currently published in the JWKS, signing keys first. */
  publishedKids(): string[];
  /** Key id that currently signs tokens of `alg`. */
  signingKid(alg?: OidcSigningAlg): string;
  getClientCredentialsToken(options?: ClientCredentialsOptions): Promise<string>;
  loginWithPkce(options?: LoginWithPkceOptions): Promise<OidcTokenSet>;
  signJwt(options: SignJwtOptions): Promise<string>;
  /** Publishes a new key per algorithm, listed first so it signs; old keys stay published. */
  rotateKeys(): Promise<void>;
  /** Stops publishing every key but the current signing ones. */
  removeOldKeys(): Promise<void>;
  /** While offline, every connection is reset before an answer: the issuer is unreachable. */
  setOffline(offline: boolean): void;
  /** Revokes a refresh token of public client `clientId` (RFC 7009; needs `revocation: true`), which ends its grant. */
  revokeRefreshToken(token: string, clientId: string): Promise<void>;
  stop(): Promise<void>;
}

const NATIVE_CLIENT_ID = 'mcp-toolkit-native';
const SERVICE_CLIENT_SECRET = 'service-client-secret-for-tests-only';
const REDIRECT_URI = 'http://127.0.0.1/callback';

type PrivateJwk = JWK & { kid: string; alg: OidcSigningAlg };

async function generateSigningKey(alg: OidcSigningAlg): Promise<PrivateJwk> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = `${alg.toLowerCase()}-${randomBytes(6).toString('hex')}`;
  return { ...jwk, kid, alg, use: 'sig' };
}

function algorithmsFor(choice: OidcKeyChoice): OidcSigningAlg[] {
  if (choice === 'rs256') return ['RS256'];
  if (choice === 'es256') return ['ES256'];
  return ['RS256', 'ES256'];
}

function serviceClientId(alg: OidcSigningAlg): string {
  return `mcp-toolkit-service-${alg.toLowerCase()}`;
}

/** Starts the provider; call `stop()` in `afterAll`/`afterEach`. */
export async function startOidcProvider(options: StartOidcProviderOptions = {}): Promise<OidcProviderFixture> {
  const algs = algorithmsFor(options.keys ?? 'both');
  const primaryAlg = options.accessTokenAlg ?? algs[0]!;
  if (!algs.includes(primaryAlg)) throw new Error(`accessTokenAlg ${primaryAlg} needs a key of that algorithm`);
  const resource = options.resource ?? 'http://127.0.0.1/mcp';
  const scopes = options.scopes ?? ['mcp:tools', 'mcp:admin'];
  const ttl = options.accessTokenTtlSec ?? 300;
  const hidden = new Set(options.hideWellKnown ?? []);

  /** Published keys, newest first; the first key of each algorithm signs. */
  let keys: PrivateJwk[] = await Promise.all(algs.map(generateSigningKey));
  const requests: RecordedRequest[] = [];
  let offline = false;
  let handler: (req: IncomingMessage, res: ServerResponse) => void = () => undefined;

  const server: Server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push({ method: req.method ?? 'GET', pathname });
    if (offline) {
      req.socket.destroy();
      return;
    }
    if (hidden.has(pathname.replace('/.well-known/', '') as WellKnownDocument)) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not_found"}');
      return;
    }
    if (options.hideS256 && pathname.startsWith('/.well-known/')) withoutField(res, 'code_challenge_methods_supported');
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;

  const configuration = (): Configuration => ({
    jwks: { keys: keys as JWKS['keys'] },
    clients: [
      {
        client_id: NATIVE_CLIENT_ID,
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        redirect_uris: [REDIRECT_URI],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        id_token_signed_response_alg: primaryAlg,
      },
      ...algs.map((alg) => ({
        client_id: serviceClientId(alg),
        client_secret: SERVICE_CLIENT_SECRET,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_post' as const,
      })),
    ],
    cookies: { keys: ['oidc-fixture-cookie-key'] },
    scopes: ['openid', 'offline_access', ...scopes],
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: true },
      registration: { enabled: options.registration ?? false },
      revocation: { enabled: options.revocation ?? false },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => resource,
        useGrantedResource: async () => true,
        // Any resource indicator is accepted so tests can ask for a wrong audience.
        getResourceServerInfo: async (_ctx, resourceIndicator, client) => ({
          scope: scopes.join(' '),
          audience: resourceIndicator,
          accessTokenTTL: ttl,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: algForClient(client.clientId) } },
        }),
      },
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    findAccount: async (_ctx, accountId) => ({ accountId, claims: async () => ({ sub: accountId }) }),
    ttl: {
      AccessToken: ttl,
      ClientCredentials: ttl,
      IdToken: ttl,
      RefreshToken: 3600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
  });

  function algForClient(clientId: string): OidcSigningAlg {
    return algs.find((alg) => serviceClientId(alg) === clientId) ?? primaryAlg;
  }

  /** Keys load when a Provider is built: rotation builds a new one behind the same server. */
  function buildProvider(): void {
    const provider = new Provider(issuer, configuration());
    const callback = provider.callback();
    handler = (req, res) => void callback(req, res);
  }
  buildProvider();

  const signingKey = (alg: OidcSigningAlg): PrivateJwk => {
    const key = keys.find((candidate) => candidate.alg === alg);
    if (!key) throw new Error(`the provider holds no ${alg} key`);
    return key;
  };

  return {
    issuer,
    port,
    jwksUri: `${issuer}/jwks`,
    clientId: NATIVE_CLIENT_ID,
    redirectUri: REDIRECT_URI,
    resource,
    audience: resource,
    scopes,
    primaryAlg,
    requests,
    countRequests: (pathname) => requests.filter((request) => request.pathname === pathname).length,
    publishedKids: () => keys.map((key) => key.kid),
    signingKid: (alg = primaryAlg) => signingKey(alg).kid,
    getClientCredentialsToken: (tokenOptions = {}) =>
      requestClientCredentialsToken(issuer, {
        clientId: serviceClientId(tokenOptions.alg ?? primaryAlg),
        scope: tokenOptions.scope ?? scopes.join(' '),
        resource: tokenOptions.resource ?? resource,
      }),
    loginWithPkce: (loginOptions = {}) =>
      runPkceLogin(issuer, {
        scope: loginOptions.scope ?? ['openid', 'offline_access', ...scopes].join(' '),
        resource: loginOptions.resource ?? resource,
        login: loginOptions.login ?? 'alice',
        nonce: loginOptions.nonce ?? base64url(randomBytes(16)),
      }),
    async signJwt({ payload, header = {}, alg = primaryAlg }) {
      const jwk = signingKey(alg);
      const key = await importJWK(jwk, alg);
      return new SignJWT(payload).setProtectedHeader({ alg, kid: jwk.kid, ...header }).sign(key);
    },
    async rotateKeys() {
      keys = [...(await Promise.all(algs.map(generateSigningKey))), ...keys];
      buildProvider();
    },
    async removeOldKeys() {
      keys = algs.map(signingKey);
      buildProvider();
    },
    setOffline(value) {
      offline = value;
    },
    async revokeRefreshToken(token, clientId) {
      const response = await fetch(`${issuer}/token/revocation`, {
        method: 'POST',
        body: new URLSearchParams({ token, token_type_hint: 'refresh_token', client_id: clientId }),
      });
      if (!response.ok) throw new Error(`revocation failed: ${response.status} ${await response.text()}`);
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Rewrites the JSON document the provider is about to send, without `field` (koa sends it in one `end`). */
function withoutField(res: ServerResponse, field: string): void {
  const end = res.end.bind(res) as (chunk?: unknown) => ServerResponse;
  res.end = ((chunk?: unknown) => {
    if (chunk === undefined || typeof chunk === 'function') return end(chunk);
    const body = JSON.parse(Buffer.from(chunk as Buffer | string).toString('utf8')) as Record<string, unknown>;
    delete body[field];
    const text = JSON.stringify(body);
    res.setHeader('content-length', Buffer.byteLength(text));
    return end(text);
  }) as ServerResponse['end'];
}

async function requestClientCredentialsToken(
  issuer: string,
  request: { clientId: string; scope: string; resource: string },
): Promise<string> {
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: request.clientId,
      client_secret: SERVICE_CLIENT_SECRET,
      scope: request.scope,
      resource: request.resource,
    }),
  });
  const body = (await response.json()) as OidcTokenSet & { error?: string; error_description?: string };
  if (!response.ok) throw new Error(`client_credentials failed: ${body.error} ${body.error_description ?? ''}`);
  return body.access_token;
}

/** Minimal cookie jar: the provider's interaction cookies, by name. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some((attribute) => /expires=.*1970/i.test(attribute));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

const base64url = (bytes: Buffer): string => bytes.toString('base64url');

/**
 * Authorization code flow with PKCE (RFC 7636, S256) through the devInteractions
 * forms, without a browser. At most 12 hops, so a misconfiguration fails fast.
 */
async function runPkceLogin(
  issuer: string,
  request: { scope: string; resource: string; login: string; nonce: string | false },
): Promise<OidcTokenSet> {
  const verifier = base64url(randomBytes(32));
  const state = base64url(randomBytes(16));
  const authorizationUrl = new URL('/auth', issuer);
  authorizationUrl.search = new URLSearchParams({
    client_id: NATIVE_CLIENT_ID,
    response_type: 'code',
    redirect_uri: REDIRECT_URI,
    scope: request.scope,
    state,
    code_challenge: base64url(createHash('sha256').update(verifier).digest()),
    code_challenge_method: 'S256',
    resource: request.resource,
    prompt: 'consent',
    ...(request.nonce ? { nonce: request.nonce } : {}),
  }).toString();

  const jar = new CookieJar();
  let next: { url: string; init?: RequestInit } = { url: authorizationUrl.href };
  for (let hop = 0; hop < 12; hop += 1) {
    const response = await fetch(next.url, {
      ...next.init,
      redirect: 'manual',
      headers: { ...next.init?.headers, cookie: jar.header() },
    });
    jar.store(response);
    const location = response.headers.get('location');
    if (location?.startsWith(REDIRECT_URI)) {
      const callback = new URL(location);
      if (callback.searchParams.get('state') !== state) throw new Error('state mismatch in the PKCE login');
      const code = callback.searchParams.get('code');
      if (!code) throw new Error(`authorization failed: ${callback.search}`);
      return exchangeCode(issuer, { code, verifier, resource: request.resource });
    }
    if (location) {
      next = { url: new URL(location, next.url).href };
      continue;
    }
    const html = await response.text();
    const prompt = /name="prompt" value="(login|consent)"/.exec(html)?.[1];
    if (!response.ok || !prompt) throw new Error(`unexpected page in the PKCE login (${response.status}): ${html.slice(0, 200)}`);
    const form: Record<string, string> =
      prompt === 'login' ? { prompt, login: request.login, password: 'any-password' } : { prompt };
    next = { url: next.url, init: { method: 'POST', body: new URLSearchParams(form) } };
  }
  throw new Error('the PKCE login did not reach the redirect URI');
}

async function exchangeCode(
  issuer: string,
  request: { code: string; verifier: string; resource: string },
): Promise<OidcTokenSet> {
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: NATIVE_CLIENT_ID,
      code: request.code,
      redirect_uri: REDIRECT_URI,
      code_verifier: request.verifier,
      resource: request.resource,
    }),
  });
  const body = (await response.json()) as OidcTokenSet & { error?: string; error_description?: string };
  if (!response.ok) throw new Error(`code exchange failed: ${body.error} ${body.error_description ?? ''}`);
  return body;
}
