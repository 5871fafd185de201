import { homedir } from 'node:os';
import { createRunSettings, createSettingsStore, type PathContext } from '../../../core/config/index.js';
import { settingsFilePath, stateDirectory, toolPinsFilePath } from '../../../core/config/paths.js';
import { readGatewayState, type GatewayState } from '../../../core/gateway/gateway-state-file.js';
import { ServerManageError } from '../../../core/gateway/manage-error.js';
import { createServerManager, type ServerManager } from '../../../core/gateway/manage-servers.js';
import { isKeychainUnavailable, type SecretStore } from '../../../core/keychain/index.js';
import type { HostUpstreamLoginsOptions } from '../../../core/upstream-login/host-logins.js';
import type { UpstreamLogins } from '../../../core/upstream-login/types.js';
import type { UpstreamSettings, UpstreamView } from '../../../shared/gateway-types.js';
import { UsageError, type CliIO, type ParsedArgs } from '../../command.js';

/** What `servers` needs from outside, injectable for tests. */
export interface ServersDeps {
  readonly openStore: () => SecretStore;
  /** A secret's value for `secret set` (stdin, or a hidden prompt on a terminal). */
  readonly readSecret: (prompt: string) => Promise<string>;
  /** The sign-in machinery for remote servers (`servers login`/`logout`); undefined where there is none. */
  readonly openLogins: (options: HostUpstreamLoginsOptions) => UpstreamLogins | undefined;
  /** Shows a sign-in page: `$BROWSER` or the OS opener, as `mcp-toolkit login` does. */
  readonly openUrl: (url: string, env: CliIO['env']) => Promise<void>;
}

/** One `servers …` run: the manager over the settings road, the folders, and the running gateway (if any). */
export interface ServersContext {
  readonly io: CliIO;
  readonly manager: ServerManager;
  /** The keychain, opened on first use. */
  readonly secrets: SecretStore;
  readonly stateDir: string;
  readonly pinsFile: string;
  /** The user's home, from which client configs are found (`HOME` first, so tests can point it elsewhere). */
  readonly paths: PathContext;
  readonly readSecret: ServersDeps['readSecret'];
  readonly openUrl: ServersDeps['openUrl'];
  /** The sign-in machinery, opened (over the keychain) on first use. */
  logins(): UpstreamLogins | undefined;
  /** What the running `serve` or desktop app published, or undefined when none runs. */
  gateway(): Promise<GatewayState | undefined>;
}

export async function createServersContext(io: CliIO, deps: ServersDeps): Promise<ServersContext> {
  const paths: PathContext = { platform: process.platform, env: io.env, homedir: io.env.HOME || io.env.USERPROFILE || homedir() };
  const settings = createRunSettings({ file: createSettingsStore({ filePath: settingsFilePath(paths) }), env: io.env });
  const loaded = await settings.ready().catch((error: Error) => {
    throw new UsageError(error.message);
  });
  if (loaded.warning !== undefined) io.stderr.write(`mcp-toolkit: ${loaded.warning}\n`);
  let store: SecretStore | undefined;
  const secrets = () => (store ??= deps.openStore());
  const stateDir = stateDirectory(paths);
  // The store opens on first use: listing or enabling a server never touches the keychain.
  const lazyStore: SecretStore = {
    get: (account) => secrets().get(account),
    set: (account, value) => secrets().set(account, value),
    delete: (account) => secrets().delete(account),
  };
  let opened: { value: UpstreamLogins | undefined } | undefined;
  const logins = () => (opened ??= { value: deps.openLogins({ secrets: lazyStore, paths }) }).value;
  return {
    io,
    logins,
    openUrl: deps.openUrl,
    manager: createServerManager({ settings, secrets: lazyStore, env: io.env, logins }),
    secrets: lazyStore,
    stateDir,
    pinsFile: toolPinsFilePath(paths),
    paths,
    readSecret: deps.readSecret,
    gateway: () => readGatewayState(stateDir),
  };
}

/** The server named `name`, or a usage error. */
export async function findServer(context: ServersContext, name: string): Promise<UpstreamSettings> {
  const server = (await context.manager.list()).find((s) => s.name === name);
  if (server === undefined) throw new UsageError(`no server is named "${name}" (see \`mcp-toolkit servers list\`)`);
  return server;
}

/** The running gateway's view of `name`, when a gateway runs and knows it. */
export async function gatewayView(context: ServersContext, name: string): Promise<UpstreamView | undefined> {
  return (await context.gateway())?.servers.find((view) => view.name === name);
}

/** A repeated option's values (`--env A=1 --env B=2`). */
export function listOption(values: ParsedArgs['values'], name: string): string[] {
  const value = (values as Record<string, unknown>)[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

/** Refuses options that do not belong to the subcommand. */
export function onlyOptions(values: ParsedArgs['values'], subcommand: string, allowed: readonly string[]): void {
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && !allowed.includes(name)) throw new UsageError(`--${name} is not an option of "servers ${subcommand}" (see \`mcp-toolkit servers ${subcommand} --help\`)`);
  }
}

/** Exactly `count` arguments after the subcommand, named in `usage`. */
export function expectArgs(args: readonly string[], count: number, usage: string): string[] {
  if (args.length !== count) throw new UsageError(`expected ${usage}`);
  return [...args];
}

/**
 * Runs a subcommand, turning refusals into one line and an exit code:
 * a refused change is bad usage (2); an unavailable keychain is a failure (1).
 */
export async function guarded(io: CliIO, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ServerManageError) throw new UsageError(error.message);
    if (isKeychainUnavailable(error)) {
      io.stderr.write(`mcp-toolkit servers: ${(error as Error).message}\n`);
      return 1;
    }
    throw error;
  }
}
