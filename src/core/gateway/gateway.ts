import type { Client } from '@modelcontextprotocol/client';
import type { Tool } from '@modelcontextprotocol/server';
import type { UpstreamSettings, UpstreamSignInView, UpstreamView } from '../../shared/gateway-types.js';
import type { Metrics } from '../metrics/index.js';
import type { RawToolDefinition, ToolProvider } from '../tools/types.js';
import type { UpstreamLogins } from '../upstream-login/types.js';
import { createSerialQueue } from '../serial-queue.js';
import { loadPins, savePins, type AllPins } from './pin-store.js';
import { checkPins, approve as approveDefinitions, type PinCheck, type PinnedDefinition } from './tool-pins.js';
import { ToolNameTable, type NameTarget } from './tool-names.js';
import { signInMessage, signInNeeded } from './sign-in-needed.js';
import { callUpstreamTool } from './upstream-call.js';
import { createUpstreamConnection, type UpstreamConnection, type UpstreamConnectionOptions } from './upstream-connection.js';
import { callTimeoutOf, specFromSettings, usesSignIn } from './upstream-spec.js';
import { createExtrasRegistrar, listExtras, NO_EXTRAS, type ExtrasSource, type UpstreamExtras } from './upstream-extras.js';
import { upstreamView } from './upstream-view.js';

export interface GatewayOptions {
  /** The secrets of one upstream (values by name), read from the keychain when it starts. */
  readonly readSecrets: (server: UpstreamSettings) => Promise<Record<string, string>>;
  /** The toolkit's state folder (upstream error logs); memory only when absent. */
  readonly stateDir?: string;
  /** The pins file (approved tool definitions); pins live in memory only when absent. */
  readonly pinsFile?: string;
  readonly metrics?: Metrics;
  readonly log?: (line: string) => void;
  /**
   * Sign-ins to remote servers: a remote upstream without a static
   * `Authorization` header calls with its token, goes `needs-sign-in` when
   * the user must sign in, and starts again when a sign-in is made (here or
   * in another process). Absent: remote upstreams use their headers only.
   */
  readonly logins?: UpstreamLogins;
  /** How each upstream is supervised (tests inject short timeouts and policies). */
  readonly connect?: (options: UpstreamConnectionOptions) => UpstreamConnection;
}

/**
 * The MCP servers a user already has, run (stdio) or reached (Streamable
 * HTTP) by the toolkit and served behind its auth: `apply()` the `servers`
 * settings whenever they change, register `provider` with the tool registry.
 */
export interface Gateway {
  /** The served catalogue: register it with the tool registry; it is replaced there on every change. */
  readonly provider: ToolProvider;
  /** Starts, stops, restarts and reconfigures upstreams to match; returns at once. */
  apply(servers: readonly UpstreamSettings[]): void;
  views(): UpstreamView[];
  /** Which upstream and tool a served name (`github__search_repos`) leads to; undefined for a name the gateway does not serve. */
  toolTarget(servedName: string): NameTarget | undefined;
  /** Called after every change of states, tools or approvals. */
  onChange(listener: (catalogueChanged: boolean) => void): () => void;
  restart(name: string): Promise<void>;
  /** Accepts the current tool definitions of `name` (tool pinning). */
  approve(name: string): Promise<void>;
  /** Reads the pins file again (another process approved a change). */
  reloadPins(): Promise<void>;
  close(): Promise<void>;
}

interface Entry {
  settings: UpstreamSettings;
  /** What needs a restart when it changes: the spec and the names of the secrets. */
  readonly identity: string;
  readonly connection: UpstreamConnection;
  /** The upstream's tools as last listed (kept while it restarts, so calls get a readable error). */
  tools: readonly Tool[];
  /** Its prompts, resources and resource templates as last listed. */
  extras: UpstreamExtras;
  pins: PinCheck | undefined;
  /** Whether the toolkit signs in to it (a remote server without a static `Authorization` header, logins given). */
  readonly signsIn: boolean;
  /** What the keychain holds of its sign-in, as last read (no token). */
  signIn: UpstreamSignInView | undefined;
  readonly unsubscribe: (() => void)[];
}

const GATEWAY_PROVIDER_ID = 'gateway';

/** What needs a new connection when it changes (switching a server off and on keeps its connection and its error output). */
function identityOf(settings: UpstreamSettings): string {
  return JSON.stringify({ spec: specFromSettings(settings), secrets: [...settings.secrets].sort() });
}

function pinned(tool: Tool): PinnedDefinition {
  return {
    name: tool.name,
    ...(tool.title !== undefined ? { title: tool.title } : {}),
    ...(tool.description !== undefined ? { description: tool.description } : {}),
    inputSchema: tool.inputSchema,
    ...(tool.outputSchema !== undefined ? { outputSchema: tool.outputSchema } : {}),
    ...(tool.annotations !== undefined ? { annotations: tool.annotations } : {}),
  };
}

/** Every page of an upstream's `tools/list`. */
async function listAllTools(client: Client): Promise<Tool[]> {
  const tools: Tool[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor !== undefined ? { cursor } : undefined);
    tools.push(...(page.tools as Tool[]));
    cursor = page.nextCursor;
  } while (cursor !== undefined && tools.length < 10_000);
  return tools;
}

export function createGateway(options: GatewayOptions): Gateway {
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const connect = options.connect ?? createUpstreamConnection;
  const entries = new Map<string, Entry>();
  const listeners = new Set<(catalogueChanged: boolean) => void>();
  let pins: AllPins = {};
  let pinsLoaded = false;
  let served: readonly RawToolDefinition[] = [];
  /** Served name of each upstream tool in the catalogue, by `server\0tool`. */
  let servedNames = new Map<string, string>();
  /** The served catalogue's names, both ways. */
  let nameTable = new ToolNameTable();
  let closed = false;

  options.metrics?.counter('upstream_calls_total', 'Tool calls routed to upstream MCP servers, by server, tool and outcome (ok, tool_error, error, timeout, cancelled, unavailable, unauthorized).');
  options.metrics?.counter('upstream_call_seconds_total', 'Seconds spent in upstream tool calls, by server (divided by the calls: the mean latency).');
  const extrasRegistrar = createExtrasRegistrar(log);
  const provider: ToolProvider = {
    id: GATEWAY_PROVIDER_ID,
    tools: () => served,
    extend: (server) => extrasRegistrar.sync(server, extrasSources()),
  };

  function extrasSources(): ExtrasSource[] {
    return [...entries.values()]
      .filter((entry) => entry.settings.enabled)
      .map((entry) => ({
        server: entry.settings.name,
        extras: entry.extras,
        client: () => {
          const client = entry.connection.client();
          if (client === undefined) throw new Error(`upstream \`${entry.settings.name}\` is not running: ${reasonNotRunning(entry)}`);
          return client;
        },
      }));
  }

  function emit(catalogueChanged: boolean): void {
    if (catalogueChanged) served = buildCatalogue();
    for (const listener of listeners) listener(catalogueChanged);
  }

  // Every read and change of the pins, in memory and on disk, runs one at a time: a reload that read the
  // file while a save was in flight (or two saves renaming out of order) would otherwise drop a record,
  // and the upstream's next listing would be taken as a first one (a changed tool passing unnoticed).
  const pinsQueue = createSerialQueue();

  /** Runs `task` when every earlier pins operation is done, with the pins file read once. */
  function withPins<T>(task: () => Promise<T>): Promise<T> {
    return pinsQueue.run(async () => {
      if (!pinsLoaded) {
        if (options.pinsFile !== undefined) pins = await loadPins(options.pinsFile, log);
        pinsLoaded = true;
      }
      return task();
    });
  }

  /** Inside {@link withPins} only. */
  async function recordPins(name: string, serverPins: PinCheck['pins']): Promise<void> {
    pins = { ...pins, [name]: serverPins };
    if (options.pinsFile === undefined) return;
    await savePins(options.pinsFile, pins).catch((error: Error) => log(`[gateway] cannot save approved tools to ${options.pinsFile}: ${error.message}`));
  }

  /** Inside {@link withPins} only: compares an upstream's listed tools with what was approved; the first listing is recorded. */
  async function checkToolsNow(entry: Entry): Promise<void> {
    const recorded = pins[entry.settings.name];
    const check = checkPins(recorded, entry.tools.map(pinned));
    entry.pins = check;
    if (recorded === undefined) await recordPins(entry.settings.name, check.pins);
    if (check.changed.length > 0) {
      log(`[gateway] upstream \`${entry.settings.name}\` changed ${check.changed.map((c) => `\`${c.name}\``).join(', ')}: withheld until approved (mcp-toolkit servers approve ${entry.settings.name})`);
    }
  }

  function checkTools(entry: Entry): Promise<void> {
    return withPins(() => checkToolsNow(entry));
  }

  async function refreshTools(entry: Entry): Promise<void> {
    const client = entry.connection.client();
    if (client === undefined) return;
    try {
      entry.tools = await listAllTools(client);
      await checkTools(entry);
      entry.extras = await listExtras(client);
    } catch (error) {
      log(`[gateway] cannot list the tools of \`${entry.settings.name}\`: ${(error as Error).message}`);
    }
    if (entries.get(entry.settings.name) === entry) emit(true);
  }

  /** The agent's tool error for a call to an upstream waiting for a sign-in, or undefined when it is not. */
  function signInRefusal(entry: Entry): string | undefined {
    const status = entry.connection.status();
    if (status.state !== 'needs-sign-in') return undefined;
    return status.lastError ?? signInMessage(entry.settings.name, status.signIn?.reason ?? 'never signed in');
  }

  /** Reads what the keychain holds of `entry`'s sign-in again, then tells the listeners. */
  async function refreshSignIn(entry: Entry): Promise<void> {
    if (!entry.signsIn || options.logins === undefined) return;
    try {
      entry.signIn = await options.logins.view(entry.settings.name);
    } catch (error) {
      log(`[gateway] cannot read the sign-in of \`${entry.settings.name}\`: ${(error as Error).message}`);
    }
    if (entries.get(entry.settings.name) === entry) emit(false);
  }

  /** The sign-in an upstream's view shows: the keychain's facts, with the connection's verdict when it waits for a sign-in. */
  function signInView(entry: Entry): UpstreamSignInView | undefined {
    if (!entry.signsIn) return undefined;
    const { state, signIn } = entry.connection.status();
    if (state !== 'needs-sign-in') return entry.signIn;
    return {
      ...(entry.signIn ?? { scopes: [] }),
      state: 'needs-sign-in',
      ...(signIn !== undefined ? { reason: signIn.reason } : {}),
      ...(signIn?.scope !== undefined ? { wantedScope: signIn.scope } : {}),
    };
  }

  function reasonNotRunning(entry: Entry): string {
    const status = entry.connection.status();
    if (status.lastError !== undefined) return status.lastError;
    return status.state === 'starting' ? 'it is still starting' : `it is ${status.state}`;
  }

  function buildCatalogue(): RawToolDefinition[] {
    const names = new ToolNameTable();
    nameTable = names;
    servedNames = new Map();
    const tools: RawToolDefinition[] = [];
    for (const entry of entries.values()) {
      if (!entry.settings.enabled || entry.pins === undefined) continue;
      const allowed = new Set(entry.pins.allowed);
      const disabled = new Set(entry.settings.disabledTools);
      const { name: server } = entry.settings;
      const timeoutMs = callTimeoutOf(entry.connection.spec);
      for (const tool of entry.tools) {
        if (!allowed.has(tool.name) || disabled.has(tool.name)) continue;
        const connection = (): { client: Client } | { reason: string } | { refusal: string } => {
          const client = entry.connection.client();
          if (client !== undefined) return { client };
          const refusal = signInRefusal(entry);
          return refusal !== undefined ? { refusal } : { reason: reasonNotRunning(entry) };
        };
        const refusalOf = entry.signsIn
          ? (error: unknown) => {
              const needed = signInNeeded(error);
              return needed === undefined ? undefined : signInMessage(server, needed.reason);
            }
          : undefined;
        const servedName = names.add(server, tool.name);
        servedNames.set(`${server}\0${tool.name}`, servedName);
        tools.push({
          raw: true,
          name: servedName,
          ...(tool.title !== undefined ? { title: tool.title } : {}),
          ...(tool.description !== undefined ? { description: tool.description } : {}),
          inputSchema: tool.inputSchema,
          ...(tool.outputSchema !== undefined ? { outputSchema: tool.outputSchema } : {}),
          ...(tool.annotations !== undefined ? { annotations: tool.annotations } : {}),
          ...(tool._meta !== undefined ? { _meta: tool._meta } : {}),
          run: (args, ctx) =>
            callUpstreamTool({ server, tool: tool.name, timeoutMs, connection, ...(refusalOf ? { signInRefusal: refusalOf } : {}), ...(options.metrics ? { metrics: options.metrics } : {}) }, args, ctx),
        });
      }
    }
    return tools;
  }

  function createEntry(settings: UpstreamSettings, secrets: Readonly<Record<string, string>>): Entry {
    const spec = specFromSettings(settings);
    const signsIn = options.logins !== undefined && usesSignIn(spec);
    const connection = connect({
      spec,
      ...(signsIn && options.logins !== undefined && spec.kind === 'http' ? { authProvider: options.logins.providerFor(spec) } : {}),
      secrets,
      ...(options.stateDir !== undefined ? { stateDir: options.stateDir } : {}),
      report: log,
    });
    const entry: Entry = { settings, identity: identityOf(settings), connection, tools: [], extras: NO_EXTRAS, pins: undefined, signsIn, signIn: undefined, unsubscribe: [] };
    entry.unsubscribe.push(
      connection.onStateChange((status) => {
        if (status.state === 'running') void refreshTools(entry);
        else emit(false);
        if (status.state === 'running' || status.state === 'needs-sign-in') void refreshSignIn(entry);
      }),
      connection.onListChanged(() => void refreshTools(entry)),
    );
    return entry;
  }

  async function removeEntry(entry: Entry): Promise<void> {
    for (const unsubscribe of entry.unsubscribe) unsubscribe();
    await entry.connection.stop().catch((error: Error) => log(`[gateway] stopping \`${entry.settings.name}\`: ${error.message}`));
  }

  /** Builds an upstream's connection once its secrets are read, then starts it (unless the settings moved on meanwhile). */
  async function launch(settings: UpstreamSettings): Promise<void> {
    let secrets: Record<string, string> = {};
    try {
      secrets = await options.readSecrets(settings);
    } catch (error) {
      log(`[gateway] cannot read the secrets of \`${settings.name}\` from the keychain: ${(error as Error).message}`);
    }
    const identity = identityOf(settings);
    if (closed || pending.get(settings.name) !== identity) return;
    pending.delete(settings.name);
    const entry = createEntry(settings, secrets);
    entries.set(settings.name, entry);
    if (settings.enabled) entry.connection.start();
    else void entry.connection.disable();
    emit(true);
  }

  /** Upstreams whose secrets are being read before they start, by name → identity. */
  const pending = new Map<string, string>();

  // A sign-in made here or in another process (`servers login` while `serve` runs): a waiting upstream starts again.
  const stopFollowingLogins = options.logins?.onChange((name) => {
    const entry = entries.get(name);
    if (entry === undefined || !entry.signsIn) return;
    if (entry.settings.enabled && entry.connection.status().state === 'needs-sign-in') entry.connection.start();
    void refreshSignIn(entry).then(() => {
      // Signed out (here or in another process): the connection must not go on as if it still held a token.
      if (entries.get(name) === entry && entry.signIn === undefined && entry.connection.status().state === 'running') void entry.connection.restart();
    });
  });

  return {
    provider,

    apply(servers) {
      if (closed) return;
      const wanted = new Map(servers.map((server) => [server.name, server]));
      let catalogueChanged = false;
      for (const [name, entry] of entries) {
        const next = wanted.get(name);
        if (next !== undefined && identityOf(next) === entry.identity) {
          if (JSON.stringify(next.disabledTools) !== JSON.stringify(entry.settings.disabledTools)) catalogueChanged = true;
          if (next.enabled !== entry.settings.enabled) {
            catalogueChanged = true;
            if (next.enabled) entry.connection.start();
            else void entry.connection.disable();
          }
          entry.settings = next;
          continue;
        }
        entries.delete(name);
        catalogueChanged = true;
        void removeEntry(entry).then(() => {
          if (next !== undefined) void launch(next);
        });
        if (next !== undefined) pending.set(name, identityOf(next));
      }
      for (const [name, server] of wanted) {
        if (entries.has(name) || pending.get(name) === identityOf(server)) continue;
        if (!pending.has(name)) {
          pending.set(name, identityOf(server));
          void launch(server);
        } else {
          pending.set(name, identityOf(server));
        }
      }
      for (const name of pending.keys()) if (!wanted.has(name)) pending.delete(name);
      emit(catalogueChanged);
    },

    views() {
      return [...entries.values()].map((entry) =>
        upstreamView({ ...entry, signIn: signInView(entry), servedName: (tool) => servedNames.get(`${entry.settings.name}\0${tool}`) }),
      );
    },

    toolTarget: (servedName) => nameTable.target(servedName),

    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async restart(name) {
      const entry = entries.get(name);
      if (entry === undefined) throw new Error(`no upstream is named \`${name}\``);
      await entry.connection.restart();
    },

    async approve(name) {
      const entry = entries.get(name);
      if (entry === undefined) throw new Error(`no upstream is named \`${name}\``);
      await withPins(async () => {
        await recordPins(name, approveDefinitions(entry.tools.map(pinned)));
        await checkToolsNow(entry);
      });
      emit(true);
    },

    async reloadPins() {
      const changed = await withPins(async () => {
        if (options.pinsFile === undefined) return false;
        const before = JSON.stringify(pins);
        pins = await loadPins(options.pinsFile, log);
        // Our own saves come back through the file watcher too: only a real change counts.
        return JSON.stringify(pins) !== before;
      });
      if (!changed) return;
      // Only listings already checked: one still in flight would be recorded as an empty first listing, and then withheld whole.
      for (const entry of entries.values()) if (entry.pins !== undefined && entry.connection.client() !== undefined) await checkTools(entry);
      emit(true);
    },

    async close() {
      closed = true;
      stopFollowingLogins?.();
      pending.clear();
      const all = [...entries.values()];
      entries.clear();
      await Promise.all(all.map(removeEntry));
    },
  };
}
