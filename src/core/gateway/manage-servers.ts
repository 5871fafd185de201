import { statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { SettingsValidation } from '../config/validate.js';
import type { Settings } from '../config/types.js';
import { isKeychainUnavailable } from '../keychain/keychain-error.js';
import type { SecretStore } from '../keychain/secret-store.js';
import type { UpstreamLogins } from '../upstream-login/types.js';
import { createSerialQueue } from '../serial-queue.js';
import type { HttpUpstreamSettings, StdioUpstreamSettings, UpstreamSettings } from '../../shared/gateway-types.js';
import { commandNotFoundMessage, findCommand } from './find-command.js';
import { describeFieldErrors, ServerManageError } from './manage-error.js';
import { minimalEnvironment } from './minimal-env.js';
import { deleteUpstreamSecrets, SECRET_KEY_NAME, upstreamSecretAccount } from './upstream-secrets.js';
import { specFromSettings, upstreamNameProblem, validateUpstreamSpec, type HttpUpstream } from './upstream-spec.js';

/** The settings road the manager edits: `RunSettings` (CLI, UI controller) or a plain `SettingsStore`. */
export interface ManagedSettings {
  /** Reads the file again, so a change made by another host is not lost. */
  load(): Promise<unknown>;
  current(): Settings;
  /** Validates (field by field, secrets refused) and saves the file; flags and environment values are never written. */
  update(patch: unknown): Promise<SettingsValidation>;
}

export interface ServerManagerOptions {
  readonly settings: ManagedSettings;
  readonly secrets: SecretStore;
  /** The toolkit's environment, whose PATH a stdio child inherits (see `minimalEnvironment`). Default `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
  /** Folder a relative command is found from when the server has no `cwd`. Default `process.cwd()`. */
  readonly cwd?: string;
  readonly platform?: NodeJS.Platform;
  /**
   * The host's sign-in machinery for remote servers (opened on first use),
   * or undefined where the host has none. Removing a remote server signs out
   * of it first, so its tokens never outlive it: every host gets that here.
   */
  readonly logins: () => Pick<UpstreamLogins, 'signOut'> | undefined;
  /** Where the manager says what it could not do (no secret). Default: stderr. */
  readonly log?: (line: string) => void;
}

type Optional<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;
/** A new server as a form or the CLI gives it: lists and switches may be left out. */
export type NewUpstream =
  | Optional<StdioUpstreamSettings, 'enabled' | 'secrets' | 'disabledTools' | 'args' | 'env'>
  | Optional<HttpUpstreamSettings, 'enabled' | 'secrets' | 'disabledTools' | 'headers'>;

export interface ServerManager {
  /** The servers as saved (read afresh). */
  list(): Promise<UpstreamSettings[]>;
  /**
   * Field → problem for `server` as a new server, without saving anything:
   * a name that exists, a command not on the child's PATH, a URL that is not
   * http(s), a working folder that does not exist… Empty when it can be added
   * (the settings' own rules, secrets refused, are checked when saving).
   */
  check(server: NewUpstream): Promise<Record<string, string>>;
  /** Adds `server`, its `secrets` values first stored in the keychain (by KEY). */
  add(server: NewUpstream, secrets?: Readonly<Record<string, string>>): Promise<UpstreamSettings>;
  /**
   * Removes the server and deletes its secrets from the keychain; a remote
   * server is signed out of first (tokens revoked where the authorization
   * server offers it, best effort, then deleted with its `logins.json` entry).
   */
  remove(name: string): Promise<UpstreamSettings>;
  setEnabled(name: string, enabled: boolean): Promise<UpstreamSettings>;
  /** Switches tools on (`enable`) and off (`disable`) by their upstream names. */
  setTools(name: string, change: { readonly enable?: readonly string[]; readonly disable?: readonly string[] }): Promise<UpstreamSettings>;
  /** Stores the value in the keychain and lists KEY in the server's `secrets`; `added` is false when KEY was set before. */
  setSecret(name: string, key: string, value: string): Promise<{ added: boolean }>;
  /** Deletes the value from the keychain and KEY from the server's `secrets`. */
  removeSecret(name: string, key: string): Promise<void>;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function pathOf(env: Readonly<Record<string, string>>, platform: NodeJS.Platform): string | undefined {
  if (platform !== 'win32') return env.PATH;
  const key = Object.keys(env).find((name) => name.toUpperCase() === 'PATH');
  return key === undefined ? undefined : env[key];
}

function complete(server: NewUpstream, secretNames: readonly string[]): UpstreamSettings {
  const common = {
    name: server.name,
    enabled: server.enabled ?? true,
    secrets: [...new Set([...(server.secrets ?? []), ...secretNames])],
    disabledTools: [...(server.disabledTools ?? [])],
    ...(server.callTimeoutMs !== undefined ? { callTimeoutMs: server.callTimeoutMs } : {}),
  };
  if (server.kind === 'http') return { ...common, kind: 'http', url: server.url, headers: { ...server.headers }, ...(server.auth !== undefined ? { auth: { ...server.auth } } : {}) };
  return { ...common, kind: 'stdio', command: server.command, args: [...(server.args ?? [])], env: { ...server.env }, ...(server.cwd !== undefined ? { cwd: server.cwd } : {}) };
}

/** Settings field errors for the servers list, without the `servers.` prefix. */
function serverFieldErrors(errors: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([path, message]) => [path.replace(/^servers\.?/, ''), message]));
}

/**
 * Adds, removes and changes the upstream servers in `settings.json` and their
 * secrets in the keychain, for the CLI (`servers …`) and the UI. Every change
 * goes through the settings road (validated, atomic, never a flag or a
 * secret written); a running gateway sees it through its settings watcher.
 * Changes run one at a time, each on the file as it is then.
 */
export function createServerManager(options: ServerManagerOptions): ServerManager {
  const { settings, secrets: store } = options;
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const queue = createSerialQueue();

  async function servers(): Promise<UpstreamSettings[]> {
    await settings.load();
    return settings.current().servers;
  }

  function find(list: readonly UpstreamSettings[], name: string): UpstreamSettings {
    const server = list.find((s) => s.name === name);
    if (server === undefined) throw new ServerManageError('SERVER_NOT_FOUND', `no server is named "${name}"`);
    return server;
  }

  async function save(list: UpstreamSettings[], what: string): Promise<void> {
    const result = await settings.update({ servers: list });
    if (!result.ok) {
      const errors = serverFieldErrors(result.errors);
      throw new ServerManageError('SERVER_INVALID', `${what}: ${describeFieldErrors(errors)}`, errors);
    }
  }

  /** Replaces the server named `name` with `change(server)` and saves. */
  async function change(name: string, edit: (server: UpstreamSettings) => UpstreamSettings): Promise<UpstreamSettings> {
    const list = await servers();
    const next = edit(find(list, name));
    await save(list.map((s) => (s.name === name ? next : s)), `cannot change "${name}"`);
    return next;
  }

  function checkAgainst(list: readonly UpstreamSettings[], server: NewUpstream): Record<string, string> {
    const errors: Record<string, string> = {};
    const valid = validateUpstreamSpec(complete(server, []));
    if (!valid.ok) Object.assign(errors, valid.errors);
    const nameProblem = upstreamNameProblem(server.name);
    if (nameProblem !== undefined) errors.name = nameProblem;
    else if (list.some((s) => s.name === server.name)) errors.name = `a server named "${server.name}" already exists`;
    if (server.kind === 'stdio') {
      if (server.cwd !== undefined && !isAbsolute(server.cwd)) errors.cwd = 'expected an absolute folder';
      else if (server.cwd !== undefined && !isFolder(server.cwd)) errors.cwd = `the folder ${server.cwd} does not exist`;
      if (errors.command === undefined && errors.cwd === undefined) {
        const childEnv = minimalEnvironment(env, server.env ?? {}, { platform });
        const found = findCommand(server.command, { path: pathOf(childEnv, platform), cwd: server.cwd ?? options.cwd ?? process.cwd(), platform, pathext: childEnv.PATHEXT });
        if (found === undefined) errors.command = commandNotFoundMessage(server.command);
      }
    }
    return errors;
  }

  /**
   * Signs out of a remote server before it goes (finding its sign-in by name,
   * whatever its URL was signed in for). A failed revocation never stops the
   * removal (the sign-out logs it); a keychain that does not answer neither
   * (no sign-in can be kept without one); any other failure refuses the
   * removal, nothing changed, so the tokens are not left without their server.
   */
  async function signOutOf(server: UpstreamSettings): Promise<void> {
    const logins = server.kind === 'http' ? options.logins() : undefined;
    if (logins === undefined) return;
    try {
      await logins.signOut(specFromSettings(server) as HttpUpstream);
    } catch (error) {
      if (!isKeychainUnavailable(error)) throw new Error(`cannot remove "${server.name}": signing out of it failed: ${(error as Error).message}`, { cause: error });
      log(`[gateway] removing \`${server.name}\` without signing out of it: ${error.message}`);
    }
  }

  function checkSecretKey(key: string): void {
    if (!SECRET_KEY_NAME.test(key)) throw new ServerManageError('SECRET_NAME_INVALID', `"${key}" is not a secret name: use letters, digits and "_", not starting with a digit`);
  }

  function refusal(errors: Record<string, string>, name: string): ServerManageError {
    const code = errors.name?.includes('already exists') ? 'SERVER_EXISTS' : upstreamNameProblem(name) !== undefined ? 'SERVER_NAME_INVALID' : 'SERVER_INVALID';
    return new ServerManageError(code, `cannot add "${name}": ${describeFieldErrors(errors)}`, errors);
  }

  return {
    list: () => queue.run(servers),
    check: (server) => queue.run(async () => checkAgainst(await servers(), server)),
    add: (server, secretValues = {}) =>
      queue.run(async () => {
        const list = await servers();
        const errors = checkAgainst(list, server);
        if (Object.keys(errors).length > 0) throw refusal(errors, server.name);
        for (const [key, value] of Object.entries(secretValues)) {
          checkSecretKey(key);
          if (value === '') throw new ServerManageError('SECRET_EMPTY', `the secret ${key} is empty`);
        }
        const added = complete(server, Object.keys(secretValues));
        const stored: string[] = [];
        try {
          for (const [key, value] of Object.entries(secretValues)) {
            await store.set(upstreamSecretAccount(added.name, key), value);
            stored.push(key);
          }
          await save([...list, added], `cannot add "${added.name}"`);
        } catch (error) {
          await deleteUpstreamSecrets(store, { name: added.name, secrets: stored }).catch(() => undefined);
          throw error;
        }
        return added;
      }),
    remove: (name) =>
      queue.run(async () => {
        const list = await servers();
        const removed = find(list, name);
        // Before its secrets go: a configured client's secret authenticates the revocation.
        await signOutOf(removed);
        await save(list.filter((s) => s.name !== name), `cannot remove "${name}"`);
        await deleteUpstreamSecrets(store, removed);
        return removed;
      }),
    setEnabled: (name, enabled) => queue.run(() => change(name, (server) => ({ ...server, enabled }))),
    setTools: (name, { enable = [], disable = [] }) =>
      queue.run(() =>
        change(name, (server) => {
          const off = new Set([...server.disabledTools, ...disable]);
          for (const tool of enable) off.delete(tool);
          return { ...server, disabledTools: [...off] };
        }),
      ),
    setSecret: (name, key, value) =>
      queue.run(async () => {
        checkSecretKey(key);
        if (value === '') throw new ServerManageError('SECRET_EMPTY', `the secret ${key} is empty`);
        const server = find(await servers(), name);
        await store.set(upstreamSecretAccount(name, key), value);
        if (server.secrets.includes(key)) return { added: false };
        await change(name, (s) => ({ ...s, secrets: [...s.secrets, key] }));
        return { added: true };
      }),
    removeSecret: (name, key) =>
      queue.run(async () => {
        const server = find(await servers(), name);
        const deleted = await store.delete(upstreamSecretAccount(name, key));
        if (!server.secrets.includes(key)) {
          if (!deleted) throw new ServerManageError('SECRET_NOT_FOUND', `"${name}" has no secret named ${key}`);
          return;
        }
        await change(name, (s) => ({ ...s, secrets: s.secrets.filter((k) => k !== key) }));
      }),
  };
}
