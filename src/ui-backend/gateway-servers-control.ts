import type { PathContext, RunSettings } from '../core/config/index.js';
import { clientConfigPath, readClientConfig } from '../core/gateway/client-configs.js';
import type { Gateway } from '../core/gateway/gateway.js';
import { planImport, type ImportItem } from '../core/gateway/import-plan.js';
import { importServers } from '../core/gateway/import-servers.js';
import { createServerManager } from '../core/gateway/manage-servers.js';
import { readStderrLogFile } from '../core/gateway/stderr-log.js';
import { upstreamTarget } from '../core/gateway/upstream-target.js';
import type { SecretStore } from '../core/keychain/index.js';
import type { UpstreamLogins } from '../core/upstream-login/types.js';
import type { UpstreamSettings, UpstreamView } from '../shared/gateway-types.js';
import type { ImportPlan, ImportSource } from '../shared/servers-types.js';
import { ControllerError, GATEWAY_NOT_RUNNING } from './controller-error.js';
import type { ServersControl } from './servers-control.js';

export interface GatewayServersControlDeps {
  readonly settings: RunSettings;
  readonly secrets: SecretStore;
  /** The gateway of the running server, if one runs. */
  readonly gateway: () => Gateway | undefined;
  /** Called when a server starts or stops (its gateway comes or goes). */
  readonly onServerChange: (listener: () => void) => () => void;
  /** Where the toolkit keeps upstream logs (for the logs of a server that does not run now). */
  readonly stateDir?: string;
  /** For the agent clients' config files (`servers.import`). */
  readonly pathContext: PathContext;
  /** The sign-ins of remote servers: removing a server signs out of it. Undefined where the host has none. */
  readonly logins: UpstreamLogins | undefined;
  readonly log?: (line: string) => void;
}

/** What the list shows of a configured server the gateway does not run (the server is stopped, or it is just being added). */
function settingsView(server: UpstreamSettings, serverRunning: boolean): UpstreamView {
  return {
    name: server.name,
    kind: server.kind,
    enabled: server.enabled,
    state: !server.enabled ? 'disabled' : serverRunning ? 'starting' : 'stopped',
    needsApproval: false,
    target: upstreamTarget(server),
    tools: [],
    pending: [],
    secrets: [...server.secrets],
    recentErrorOutput: [],
  };
}

function planView(from: ImportSource, configPath: string, items: readonly ImportItem[]): ImportPlan {
  return {
    from,
    configPath,
    add: items.flatMap((item) =>
      item.server === undefined ? [] : [{ name: item.server.name, kind: item.server.kind, target: upstreamTarget(item.server), secrets: Object.keys(item.secrets) }],
    ),
    skipped: items.flatMap((item) => (item.server === undefined ? [{ name: item.source, reason: item.skipped ?? 'cannot be imported' }] : [])),
  };
}

/**
 * The `servers.*` calls over the real thing: changes go through the server
 * manager (settings file and keychain; the running server applies them live
 * through the settings road), live state and actions through the running
 * server's gateway.
 */
export function createGatewayServersControl(deps: GatewayServersControlDeps): ServersControl {
  const manager = createServerManager({ settings: deps.settings, secrets: deps.secrets, logins: () => deps.logins, ...(deps.log ? { log: deps.log } : {}) });
  const listeners = new Set<(servers: readonly UpstreamView[]) => void>();

  function list(): UpstreamView[] {
    const gateway = deps.gateway();
    const live = new Map((gateway?.views() ?? []).map((view) => [view.name, view]));
    return deps.settings.config().servers.map((server) => live.get(server.name) ?? settingsView(server, gateway !== undefined));
  }

  function changed(): void {
    const views = list();
    for (const listener of listeners) listener(views);
  }

  let stopGateway: (() => void) | undefined;
  function follow(): void {
    stopGateway?.();
    stopGateway = deps.gateway()?.onChange(changed);
    changed();
  }
  deps.onServerChange(follow);
  deps.settings.subscribe(changed);

  function running(): Gateway {
    const gateway = deps.gateway();
    if (gateway === undefined) throw new ControllerError(GATEWAY_NOT_RUNNING, 'Start the server first: upstream servers run with it.');
    return gateway;
  }

  async function plan(from: ImportSource): Promise<{ configPath: string; items: ImportItem[] }> {
    const configPath = clientConfigPath(from, deps.pathContext);
    const read = await readClientConfig(configPath);
    if (!read.ok) throw new ControllerError('IMPORT_UNREADABLE', read.problem);
    return { configPath, items: planImport(read.entries, (await manager.list()).map((server) => server.name)) };
  }

  return {
    list,
    async add(request) {
      const { secrets = [], ...server } = request;
      await manager.add({ ...server, secrets: secrets.map((secret) => secret.key) }, Object.fromEntries(secrets.map((s) => [s.key, s.value])));
    },
    async remove(name) {
      await manager.remove(name);
    },
    async setEnabled(name, enabled) {
      await manager.setEnabled(name, enabled);
    },
    async setToolEnabled(name, tool, enabled) {
      await manager.setTools(name, enabled ? { enable: [tool] } : { disable: [tool] });
    },
    async restart(name) {
      await running().restart(name);
    },
    async approve(name) {
      await running().approve(name);
    },
    async setSecret(name, key, value) {
      const { added } = await manager.setSecret(name, key, value);
      // A new value under a known name changes nothing in the settings file: restart the upstream so it reads it.
      if (!added) await deps.gateway()?.restart(name).catch(() => undefined);
    },
    async removeSecret(name, key) {
      await manager.removeSecret(name, key);
    },
    async logs(name, lines) {
      const live = deps.gateway()?.views().find((view) => view.name === name);
      if (deps.stateDir !== undefined) return readStderrLogFile(deps.stateDir, name, lines);
      return live?.recentErrorOutput.slice(-lines) ?? [];
    },
    async importPreview(from) {
      const { configPath, items } = await plan(from);
      return planView(from, configPath, items);
    },
    async import(from) {
      const { configPath, items } = await plan(from);
      await importServers(manager, items);
      return { ...planView(from, configPath, items), servers: list() };
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
