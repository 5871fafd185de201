import type { Client, OAuthClientProvider, Transport } from '@modelcontextprotocol/client';
import { createSignInFetch } from '../upstream-login/sign-in-fetch.js';
import { boundedAuthProvider } from './bounded-auth-provider.js';
import { loadClientSdk, type ClientSdk } from './client-sdk.js';
import { PRODUCT_NAME, VERSION } from '../version.js';
import { crashMessage, errorText, exitReason } from './crash-message.js';
import { createRestartPolicy, type RestartPolicy } from './restart-policy.js';
import { resolveHeaderSecrets } from './secret-references.js';
import { plainHttpSignInRefused, signInMessage, signInNeeded, type SignInNeeded } from './sign-in-needed.js';
import { createStderrLog, type StderrLog } from './stderr-log.js';
import { createStdioProcess, type ProcessExit, type StdioProcess, type StdioProcessOptions } from './stdio-process.js';
import { UpstreamStartError } from './upstream-error.js';
import { validateUpstreamSpec, type HttpUpstream, type UpstreamSpec } from './upstream-spec.js';

/** `needs approval` (tool pinning) is the aggregation's state, laid over these. */
export type { UpstreamState } from '../../shared/gateway-types.js';
import type { UpstreamState } from '../../shared/gateway-types.js';

export interface UpstreamStatus {
  readonly name: string;
  readonly state: UpstreamState;
  /** When the state was entered (epoch ms). */
  readonly since: number;
  /** Why it is crashed, in the user's words, with the last lines of error output. */
  readonly lastError?: string;
  /** Crashed and retried at this time (epoch ms); absent when it stays crashed until restarted by hand. */
  readonly retryAt?: number;
  /** In `needs-sign-in`: why, and the extra scope the server asked for (the next sign-in asks for it). */
  readonly signIn?: SignInNeeded;
}

export type ListKind = 'tools' | 'prompts' | 'resources';

export interface UpstreamConnectionOptions {
  readonly spec: UpstreamSpec;
  /**
   * The sign-in of a remote server (see `UpstreamLogins.providerFor`): the
   * transport sends its token and refreshes it on a 401; where the user must
   * sign in, the upstream goes `needs-sign-in` and waits (no retries).
   */
  readonly authProvider?: OAuthClientProvider;
  /** The upstream's secrets: added to a stdio child's environment; `${secret:KEY}` in http headers. */
  readonly secrets?: Readonly<Record<string, string>>;
  /** The toolkit's state folder: error output is kept in `<state>/logs/<name>.log`. Memory only when absent. */
  readonly stateDir?: string;
  /** How long `initialize` may take. Default 30 s. */
  readonly initializeTimeoutMs?: number;
  readonly policy?: RestartPolicy;
  /** The SDK client to connect (capabilities, request handlers); a plain one by default. */
  readonly createClient?: () => Client;
  /** Process options of a stdio upstream (parent pid, grace periods, environment source). */
  readonly stdio?: Omit<StdioProcessOptions, 'secrets'>;
  /** The toolkit's own log (never given a secret). Defaults to stderr. */
  readonly report?: (line: string) => void;
  readonly now?: () => number;
}

export interface UpstreamConnection {
  readonly name: string;
  readonly spec: UpstreamSpec;
  /** The upstream's error output (and the toolkit's notes about it), bounded. */
  readonly log: StderrLog;
  status(): UpstreamStatus;
  /** The connected SDK client while `running`, else undefined. */
  client(): Client | undefined;
  /**
   * Starts the upstream by hand (or after a crash it gave up on): returns at
   * once; the state goes `starting` → `running`, or `crashed`. Crash counts
   * are forgotten. Nothing happens while it is already starting or running.
   */
  start(): void;
  /** Stops it (the process tree is gone when this resolves), then starts it again by hand. */
  restart(): Promise<void>;
  /** Stops it: state `stopped`; resolves once the process tree is gone (within about 5 s). */
  stop(): Promise<void>;
  /** Stops it as {@link stop} does, with state `disabled`. */
  disable(): Promise<void>;
  onStateChange(listener: (status: UpstreamStatus) => void): () => void;
  /** The upstream said its tools, prompts or resources changed (`notifications/…/list_changed`). */
  onListChanged(listener: (kind: ListKind) => void): () => void;
}

const DEFAULT_INITIALIZE_TIMEOUT_MS = 30_000;
/** How long a failed connect waits for the process's exit, to report "exited with code 1" rather than "connection closed". */
const EXIT_REPORT_WAIT_MS = 1_000;
const NOTE = '[mcp-toolkit] ';
const QUOTED_OUTPUT_LINES = 3;

const LIST_NOTIFICATIONS: Record<ListKind, 'notifications/tools/list_changed' | 'notifications/prompts/list_changed' | 'notifications/resources/list_changed'> = {
  tools: 'notifications/tools/list_changed',
  prompts: 'notifications/prompts/list_changed',
  resources: 'notifications/resources/list_changed',
};

interface Live {
  readonly client: Client;
  readonly process: StdioProcess | undefined;
}

/** "30 s", "500 ms". */
function duration(ms: number): string {
  return ms < 1_000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

function delay<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms).unref());
}

function httpTransport(sdk: ClientSdk, spec: HttpUpstream, secrets: Readonly<Record<string, string>>, authProvider: OAuthClientProvider | undefined): Transport {
  const resolved = resolveHeaderSecrets(spec.headers, secrets);
  if (!resolved.ok) {
    throw new UpstreamStartError('UPSTREAM_SECRET_MISSING', `the secret${resolved.missing.length > 1 ? 's' : ''} ${resolved.missing.map((key) => `\`${key}\``).join(', ')} named in a header ${resolved.missing.length > 1 ? 'are' : 'is'} not set`);
  }
  // A 403 `insufficient_scope` is thrown, not re-authorized: the user signs in for the extra scope, the transport never loops.
  // The refresh after a 401 goes through the sign-in's bounded fetch, not the transport's.
  const signIn = authProvider !== undefined ? { authProvider: boundedAuthProvider(sdk.client, authProvider, createSignInFetch()), onInsufficientScope: 'throw' as const } : {};
  return new sdk.client.StreamableHTTPClientTransport(new URL(spec.url), { requestInit: { headers: resolved.headers }, ...signIn });
}

/** Supervises one upstream: starts it, connects an SDK client, restarts it on a crash as the policy says. */
export function createUpstreamConnection(options: UpstreamConnectionOptions): UpstreamConnection {
  const { spec } = options;
  const now = options.now ?? Date.now;
  const report = options.report ?? ((line: string) => console.error(line));
  const policy = options.policy ?? createRestartPolicy({ now });
  const initializeTimeoutMs = options.initializeTimeoutMs ?? DEFAULT_INITIALIZE_TIMEOUT_MS;
  const createClient = (sdk: ClientSdk): Client => options.createClient?.() ?? new sdk.client.Client({ name: PRODUCT_NAME, version: VERSION });
  const log = createStderrLog({ name: spec.name, stateDir: options.stateDir, report, now });

  let status: UpstreamStatus = { name: spec.name, state: 'stopped', since: now() };
  let generation = 0;
  /** The client and process of the current run, from the moment they exist (before `running`). */
  let live: Live | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let crashReasons: string[] = [];
  /** Everything started and not yet torn down, so `stop()` can wait for all of it. */
  const teardowns = new Set<Promise<void>>();
  const stateListeners = new Set<(status: UpstreamStatus) => void>();
  const listListeners = new Set<(kind: ListKind) => void>();

  function setStatus(state: UpstreamState, extra: { lastError?: string; retryAt?: number; signIn?: SignInNeeded } = {}, since = now()): void {
    status = { name: spec.name, state, since, ...extra };
    for (const listener of [...stateListeners]) listener(status);
  }

  function tearDown(client: Client, process: StdioProcess | undefined): Promise<void> {
    const done = (async () => {
      await process?.stop();
      await client.close().catch(() => undefined);
    })();
    teardowns.add(done);
    void done.finally(() => teardowns.delete(done));
    return done;
  }

  function errorOutputSince(seq: number): string[] {
    return log
      .since(seq)
      .map((line) => line.text)
      .filter((text) => !text.startsWith(NOTE) && text.trim() !== '')
      .slice(-QUOTED_OUTPUT_LINES);
  }

  function crashed(run: number, reason: string, retryable: boolean, outputSince: number, cleanUp: () => Promise<void>): void {
    if (run !== generation) return;
    generation += 1;
    const crashRun = generation;
    live = undefined;
    const cleanup = cleanUp();
    log.append(`${NOTE}${reason}`);
    report(`[gateway] upstream \`${spec.name}\` ${reason}`);
    const decision = retryable ? policy.recordCrash() : undefined;
    crashReasons = [...crashReasons, reason].slice(-(decision?.crashesInWindow ?? 1));
    const errorOutput = errorOutputSince(outputSince);
    if (decision?.kind !== 'retry') {
      const gaveUpWindowMs = decision === undefined ? undefined : policy.windowMs;
      setStatus('crashed', { lastError: crashMessage({ reasons: crashReasons, gaveUpWindowMs, errorOutput }) });
      return;
    }
    // One clock reading for both, so `retryAt - since` is exactly the delay.
    const crashedAt = now();
    const retryAt = crashedAt + decision.delayMs;
    setStatus('crashed', { lastError: crashMessage({ reasons: [reason], errorOutput }), retryAt }, crashedAt);
    void cleanup.then(() => {
      if (crashRun !== generation) return;
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        if (crashRun === generation) launch();
      }, Math.max(0, retryAt - now()));
    });
  }

  /** The sign-in this upstream needs when `error` says so (only for a server the toolkit signs in to). */
  function signInNeededBy(error: unknown): SignInNeeded | undefined {
    return options.authProvider !== undefined ? signInNeeded(error) : undefined;
  }

  /** Why the sign-in `error` asks for is refused (a 401 from a plain-http server on another computer), or undefined. */
  function signInRefusedBy(error: unknown): string | undefined {
    return options.authProvider === undefined && spec.kind === 'http' ? plainHttpSignInRefused(spec.url, error) : undefined;
  }

  /** The user must sign in: the run ends, and it waits in `needs-sign-in` until started again (no retry). */
  function needsSignIn(run: number, needed: SignInNeeded, cleanUp: () => Promise<void>): void {
    if (run !== generation) return;
    generation += 1;
    cancelRetry();
    live = undefined;
    void cleanUp();
    const message = signInMessage(spec.name, needed.reason);
    log.append(`${NOTE}needs sign-in: ${needed.reason}`);
    report(`[gateway] upstream \`${spec.name}\` needs sign-in: ${needed.reason}`);
    setStatus('needs-sign-in', { lastError: message, signIn: needed });
  }

  async function failureReason(error: unknown, process: StdioProcess | undefined): Promise<string> {
    if (error instanceof UpstreamStartError) return error.message;
    if (process !== undefined) {
      const exit = await Promise.race([process.exit, delay<ProcessExit | undefined>(EXIT_REPORT_WAIT_MS, undefined)]);
      if (exit !== undefined && process.pid !== undefined) return exitReason(exit);
    }
    const where = spec.kind === 'http' ? ` to ${new URL(spec.url).origin}` : '';
    return `could not connect${where}: ${errorText(error)}`;
  }

  function watch(run: number, client: Client, process: StdioProcess | undefined, outputSince: number): void {
    for (const [kind, method] of Object.entries(LIST_NOTIFICATIONS) as [ListKind, (typeof LIST_NOTIFICATIONS)[ListKind]][]) {
      client.setNotificationHandler(method, () => {
        if (run !== generation) return;
        for (const listener of [...listListeners]) listener(kind);
      });
    }
    const cleanUp = () => tearDown(client, process);
    if (process === undefined) {
      client.onclose = () => crashed(run, 'closed the connection', true, outputSince, cleanUp);
      return;
    }
    void process.exit.then((exit) => crashed(run, exitReason(exit), true, outputSince, cleanUp));
    // The transport closes in the same turn as the process exits: give the exit code the first word.
    client.onclose = () => {
      void Promise.race([process.exit, delay(EXIT_REPORT_WAIT_MS, undefined)]).then((exit) =>
        crashed(run, exit === undefined ? 'closed its output' : exitReason(exit), true, outputSince, cleanUp),
      );
    };
  }

  async function connect(run: number): Promise<void> {
    const outputSince = log.nextSeq;
    let process: StdioProcess | undefined;
    const sdk = await loadClientSdk();
    const client = createClient(sdk);
    try {
      const valid = validateUpstreamSpec(spec);
      if (!valid.ok) {
        const problems = Object.entries(valid.errors).map(([field, problem]) => `${field}: ${problem}`);
        throw new UpstreamStartError('UPSTREAM_INVALID_SPEC', `the server's settings are not valid (${problems.join('; ')})`);
      }
      let transport: Transport;
      if (spec.kind === 'stdio') {
        process = createStdioProcess(spec, { ...options.stdio, secrets: options.secrets });
        log.attach(process.stderr);
        transport = process.transport;
      } else {
        transport = httpTransport(sdk, spec, options.secrets ?? {}, options.authProvider);
      }
      live = { client, process };
      transport.onerror = (error) => {
        if (run !== generation) return;
        // A refused token or a step-up, on any request (a tool call, a list): the user must sign in.
        const needed = signInNeededBy(error);
        if (needed !== undefined) {
          needsSignIn(run, needed, () => tearDown(client, process));
          return;
        }
        const systemError = typeof (error as NodeJS.ErrnoException).code === 'string';
        log.append(spec.kind === 'stdio' && !systemError ? `${NOTE}ignored a line on stdout that is not a JSON-RPC message` : `${NOTE}transport error: ${errorText(error)}`);
      };
      const timedOut = delay(initializeTimeoutMs, 'timeout' as const);
      const outcome = await Promise.race([client.connect(transport, { timeout: initializeTimeoutMs }).then(() => 'connected' as const), timedOut]);
      if (outcome === 'timeout') {
        throw new UpstreamStartError('UPSTREAM_INIT_TIMEOUT', `did not answer initialize within ${duration(initializeTimeoutMs)}`);
      }
    } catch (error) {
      const needed = signInNeededBy(error);
      if (needed !== undefined) {
        needsSignIn(run, needed, () => tearDown(client, process));
        return;
      }
      const refused = signInRefusedBy(error);
      if (refused !== undefined) {
        crashed(run, refused, false, outputSince, () => tearDown(client, process));
        return;
      }
      const timeout = error instanceof Error && /timed out|timeout/i.test(error.message) && !(error instanceof UpstreamStartError);
      const reason = timeout ? `did not answer initialize within ${duration(initializeTimeoutMs)}` : await failureReason(error, process);
      const retryable = !(error instanceof UpstreamStartError) || error.retryable;
      crashed(run, reason, retryable, outputSince, () => tearDown(client, process));
      return;
    }
    if (run !== generation) {
      void tearDown(client, process);
      return;
    }
    watch(run, client, process, outputSince);
    policy.recordRunning();
    log.append(`${NOTE}connected`);
    setStatus('running');
  }

  function launch(): void {
    generation += 1;
    const run = generation;
    setStatus('starting');
    log.append(`${NOTE}starting`);
    void connect(run).catch((error: unknown) => crashed(run, `could not start: ${errorText(error)}`, true, log.nextSeq, () => Promise.resolve()));
  }

  function cancelRetry(): void {
    if (retryTimer !== undefined) clearTimeout(retryTimer);
    retryTimer = undefined;
  }

  function start(): void {
    if (status.state === 'starting' || status.state === 'running') return;
    cancelRetry();
    policy.reset();
    crashReasons = [];
    launch();
  }

  async function halt(state: 'stopped' | 'disabled'): Promise<void> {
    generation += 1;
    cancelRetry();
    const current = live;
    live = undefined;
    if (current !== undefined) void tearDown(current.client, current.process);
    if (status.state !== state) {
      log.append(`${NOTE}${state}`);
      setStatus(state);
    }
    await Promise.all([...teardowns]);
    await log.flush();
  }

  return {
    name: spec.name,
    spec,
    log,
    status: () => status,
    client: () => (status.state === 'running' ? live?.client : undefined),
    start,
    async restart() {
      await halt('stopped');
      start();
    },
    stop: () => halt('stopped'),
    disable: () => halt('disabled'),
    onStateChange(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    onListChanged(listener) {
      listListeners.add(listener);
      return () => listListeners.delete(listener);
    },
  };
}
