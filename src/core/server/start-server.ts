import type { Server } from 'node:http';
import net from 'node:net';
import type { McpServer } from '@modelcontextprotocol/server';
import type { ServerConfig } from '../config/types.js';
import type { IssuerHealth } from '../../shared/view-types.js';
import { createAuthenticator } from '../auth/create-authenticator.js';
import { buildProtectedResourceMetadata, canonicalResourceUrl, MCP_PATH, resourceMetadataUrl } from '../auth/oauth/protected-resource-metadata.js';
import type { Authenticator } from '../auth/types.js';
import { createKeychainStore, type SecretStore } from '../keychain/index.js';
import { createMetrics, toPrometheus, type Metrics } from '../metrics/index.js';
import { createLimitedServer, DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from '../http/limited-server.js';
import { loggable, rateLimitedLog } from '../log/bounded-log.js';
import { createBuiltinTools } from '../tools/builtin/index.js';
import { ToolRegistry } from '../tools/registry.js';
import type { ToolProvider } from '../tools/types.js';
import { PRODUCT_NAME, VERSION } from '../version.js';
import { createGateway, type Gateway, type GatewayOptions } from '../gateway/gateway.js';
import { followGatewayFiles, type GatewayFiles } from '../gateway/gateway-files.js';
import { readUpstreamSecrets } from '../gateway/upstream-secrets.js';
import { createCatalogueServers, oneShotServer } from './catalogue-servers.js';
import { createHttpApp } from './http-app.js';
import { trackInFlight } from './in-flight.js';
import { createLiveParts, type ReconfigureOptions } from './live-parts.js';
import { createMcpEndpoint } from './mcp-endpoint.js';
import { listen, type ListenError } from '../http/listen.js';
import { listenError } from '../start-error.js';

export interface StartServerOptions {
  readonly config: ServerConfig;
  /** Tool providers served besides the built-in ones. */
  readonly providers?: readonly ToolProvider[];
  /** Serve only `providers` (tests, conformance fixtures). */
  readonly withoutBuiltins?: boolean;
  /** Shared so a host can keep counting across restarts; created when absent. */
  readonly metrics?: Metrics;
  /** Keychain holding the API key; the OS keychain when absent. */
  readonly secrets?: SecretStore;
  /** The named API keys' index (`namedKeysIndexFile`); without it, api_key mode accepts only the single key. */
  readonly keysIndexFile?: string;
  /** Overrides the authenticator the mode would build (tests). */
  readonly authenticator?: Authenticator;
  /** Log sink (stderr when absent). Lines never contain secrets. */
  readonly log?: (line: string) => void;
  /**
   * Where the gateway keeps upstream logs and approved tool definitions; the
   * gateway runs without files (memory only) when absent.
   */
  readonly gateway?: Partial<GatewayFiles> & { readonly connect?: GatewayOptions['connect']; readonly logins?: GatewayOptions['logins'] };
  /** Request deadlines and connection caps (defaults: `DEFAULT_CONNECTION_LIMITS`). */
  readonly limits?: Partial<ConnectionLimits>;
}

export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:8000`; the MCP endpoint is `${url}/mcp`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly metrics: Metrics;
  readonly registry: ToolRegistry;
  /** The upstream MCP servers served behind this one. */
  readonly gateway: Gateway;
  /** oauth mode: whether the issuer's signing keys can be had; undefined in the other modes. */
  issuerHealth(): IssuerHealth | undefined;
  /**
   * Applies new settings without a restart: rate limit, auth (mode and its
   * parameters), allowed hosts and origins, shared folders, public base URL.
   * New requests see them at once; requests in flight finish, and open
   * sessions stay open (each still answers only the client that opened it, so
   * a caller must pass the new auth as that same client to reach it).
   * Rejects with `ServerStartError` and changes nothing when the new auth
   * cannot be built, or when host or port differ (see `needsRebind`).
   */
  reconfigure(config: ServerConfig, options?: ReconfigureOptions): Promise<void>;
  /** Stops accepting, lets in-flight requests finish, ends sessions. */
  close(): Promise<void>;
}

/** How long `close()` waits for in-flight requests, then for connections, before cutting them. */
const CLOSE_GRACE_MS = 5_000;

/** Builds one MCP server instance with every registered tool (a server for one request). */
export function mcpServerFactory(registry: ToolRegistry): () => McpServer {
  return () => oneShotServer(registry);
}

/**
 * Starts the HTTP server: `/mcp` (Streamable HTTP, both protocol eras),
 * `/tools`, `/metrics`, `/health`. Throws `ServerStartError` (with a `code`)
 * when the configuration, the keychain or the port stands in the way.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const metrics = options.metrics ?? createMetrics();
  const { config } = options;
  let boundPort = config.port;
  // Read when a challenge or a metadata document is written, by then `live` exists.
  const resourceUrl = (): string => canonicalResourceUrl({ host: config.host, port: boundPort, publicBaseUrl: live.config.publicBaseUrl });
  const secrets = options.secrets ?? createKeychainStore();
  const builtins = options.withoutBuiltins ? undefined : createBuiltinTools({ sharedFolders: config.sharedFolders });
  const gateway = createGateway({
    readSecrets: (server) => readUpstreamSecrets(secrets, server),
    ...(options.gateway?.stateDir !== undefined ? { stateDir: options.gateway.stateDir } : {}),
    ...(options.gateway?.pinsFile !== undefined ? { pinsFile: options.gateway.pinsFile } : {}),
    ...(options.gateway?.connect !== undefined ? { connect: options.gateway.connect } : {}),
    ...(options.gateway?.logins !== undefined ? { logins: options.gateway.logins } : {}),
    metrics,
    log,
  });
  const live = await createLiveParts(config, {
    buildAuthenticator: async (next) =>
      options.authenticator ?? createAuthenticator(next, { secrets, keysIndexFile: options.keysIndexFile, log, count: (counter) => metrics.increment(counter), resourceUrl }),
    ...(builtins && { setSharedFolders: builtins.setSharedFolders }),
    setServers: (servers) => gateway.apply(servers),
    log,
  }).catch(async (error: unknown) => {
    await gateway.close();
    throw error;
  });
  const registry = new ToolRegistry([...(builtins?.providers ?? []), ...(options.providers ?? []), gateway.provider], { log });
  // An upstream started, stopped or changed its tools: the registry reads the gateway's catalogue again.
  const stopFollowing = gateway.onChange((catalogueChanged) => {
    if (catalogueChanged) registry.replace(gateway.provider);
  });
  // SDK errors may quote client input (a 16 KB protocol version header): bounded, escaped, rate-limited.
  const logProtocolError = rateLimitedLog(log, { linesPerWindow: 20, windowMs: 10_000 });
  // Sessions follow catalogue changes (the gateway's upstreams); 2026-07-28 listeners hear of them too.
  const servers = createCatalogueServers(registry, () => mcp.catalogueChanged());
  const mcp = createMcpEndpoint({
    createServer: servers.oneShot,
    pooledServer: servers.pooled,
    exchanges: servers.exchanges,
    createSessionServer: servers.live,
    onError: (error) => logProtocolError(`[mcp] ${loggable(error.message)}`),
  });

  let baseUrl = '';
  const documents = protectedResourceDocuments(() => live.config, resourceUrl);
  // Getters: the app reads the live parts per request, so `reconfigure` applies to the next request.
  const app = createHttpApp({
    get authenticator() {
      return live.authenticator;
    },
    get limiter() {
      return live.limiter;
    },
    metrics,
    mcp,
    get allowedHosts() {
      return live.allowedHosts;
    },
    get allowedOrigins() {
      return live.config.allowedOrigins;
    },
    baseUrl: () => baseUrl,
    health: () => ({ status: 'ok', name: PRODUCT_NAME, version: VERSION, auth: live.authenticator.mode }),
    listTools: () => registry.describe(),
    renderMetrics: () => toPrometheus(metrics.snapshot()),
    toolTarget: (servedName) => gateway.toolTarget(servedName),
    get openDocument() {
      return live.authenticator.mode === 'oauth' ? documents : undefined;
    },
    log,
  });

  const server = createLimitedServer({ ...DEFAULT_CONNECTION_LIMITS, ...options.limits }, app);
  const inFlight = trackInFlight(server);
  const port = await listen(server, config.host, config.port).catch((error: ListenError) => {
    stopFollowing();
    servers.close();
    live.close();
    void mcp.close();
    void gateway.close();
    throw listenError(error);
  });
  boundPort = port;
  baseUrl = `http://${urlHost(config.host)}:${port}`;
  // Upstreams start in the background: a slow or broken one never delays readiness or the built-in tools.
  gateway.apply(config.servers);
  const { stateDir, pinsFile } = options.gateway ?? {};
  const stopFiles = stateDir !== undefined && pinsFile !== undefined ? followGatewayFiles(gateway, { stateDir, pinsFile }, log) : () => undefined;

  return {
    url: baseUrl,
    host: config.host,
    port,
    metrics,
    registry,
    gateway,
    issuerHealth: () => live.authenticator.issuerHealth?.(),
    reconfigure: (next, reconfigureOptions) => live.apply(next, reconfigureOptions),
    async close() {
      // Stop accepting, read what clients already sent, let in-flight requests finish, then end sessions (and their SSE streams).
      const closed = stopAccepting(server);
      await new Promise((resolve) => setTimeout(resolve, READ_PENDING_MS));
      server.closeIdleConnections();
      await inFlight.drained(CLOSE_GRACE_MS);
      await mcp.close();
      server.closeIdleConnections();
      const cutoff = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
      await closed;
      clearTimeout(cutoff);
      stopFiles();
      stopFollowing();
      servers.close();
      live.close();
      await gateway.close();
    },
  };
}

/**
 * RFC 9728 Protected Resource Metadata, always open: at the path derived from
 * the resource URL (`/.well-known/oauth-protected-resource/mcp`) and at the root
 * well-known path for clients that only try that one.
 */
function protectedResourceDocuments(current: () => ServerConfig, resourceUrl: () => string): (path: string) => unknown {
  return (path) => {
    const config = current();
    if (!path.startsWith(WELL_KNOWN_RESOURCE)) return undefined;
    const resource = resourceUrl();
    const derived = new URL(resourceMetadataUrl(resource)).pathname;
    if (path !== derived && path !== WELL_KNOWN_RESOURCE && path !== `${WELL_KNOWN_RESOURCE}${MCP_PATH}`) return undefined;
    return buildProtectedResourceMetadata({ resourceUrl: resource, issuer: config.oauth.issuer ?? '', requiredScopes: config.oauth.requiredScopes });
  };
}

const WELL_KNOWN_RESOURCE = '/.well-known/oauth-protected-resource';

/**
 * Stops accepting connections without dropping a request a client has already
 * sent on a kept-alive connection: `server.close()` would close idle
 * connections at once, before the event loop has read such a request. Every
 * answer from now on carries `Connection: close`; the caller closes idle
 * connections once the event loop has read what was waiting.
 */
function stopAccepting(server: Server): Promise<void> {
  server.prependListener('request', (_req, res) => res.setHeader('Connection', 'close'));
  return new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
}

/** Long enough for the event loop to read requests already in the sockets' buffers. */
const READ_PENDING_MS = 50;


/** A host as it appears in a URL (IPv6 in brackets). */
export function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
