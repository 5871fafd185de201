import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { listClients } from '../clients/index.js';
import type { PathContext } from '../config/index.js';
import { findCommand } from '../gateway/find-command.js';
import { envValue, minimalEnvironment } from '../gateway/minimal-env.js';
import { boundedFetch } from '../http/bounded-fetch.js';
import { isKeychainUnavailable, type SecretStore } from '../keychain/index.js';
import { withTimeout } from '../keychain/with-timeout.js';
import type { StdioUpstreamSettings } from '../../shared/gateway-types.js';
import type { DoctorProbes, PortProbe } from './probes.js';

/** The keychain account the doctor reads; never written, so the read finds nothing and changes nothing. */
export const DOCTOR_PROBE_ACCOUNT = 'doctor-probe';

export interface RealProbesOptions {
  /** The keychain (or what the host uses instead). */
  readonly secrets: SecretStore;
  /** The user's folders and environment (agent clients, the upstreams' PATH). */
  readonly pathContext: PathContext;
  /** Folder a relative upstream command is resolved against when the server sets none. */
  readonly cwd?: string;
  /** Longest wait for the keychain (a locked one may show a prompt). */
  readonly keychainTimeoutMs?: number;
}

function bindPort(host: string, port: number): Promise<PortProbe> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve({ free: false, code: error.code ?? error.message }));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve({ free: true })));
  });
}

async function fetchHealth(url: string): Promise<unknown> {
  try {
    const response = await boundedFetch(url, { redirect: 'manual' }, { timeoutMs: 2_000, maxBytes: 64 * 1024 });
    return response.ok ? await response.json() : undefined;
  } catch {
    return undefined;
  }
}

async function folderProblem(folder: string): Promise<string | undefined> {
  try {
    if (!(await stat(folder)).isDirectory()) return 'is not a folder';
    await access(folder, constants.R_OK | constants.X_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`;
  }
}

/** The machine as it is: the doctor's probes for `mcp-toolkit doctor` and the UI's `doctor.run`. */
export function createDoctorProbes(options: RealProbesOptions): DoctorProbes {
  const { platform, env } = options.pathContext;
  const cwd = options.cwd ?? process.cwd();
  return {
    async keychain() {
      try {
        await withTimeout(options.secrets.get(DOCTOR_PROBE_ACCOUNT), options.keychainTimeoutMs ?? 5_000);
      } catch (error) {
        throw isKeychainUnavailable(error) ? new Error(error.reason, { cause: error }) : error;
      }
    },
    bindPort,
    fetchHealth,
    fetch: (input, init) => fetch(input, init),
    now: () => Date.now(),
    folderProblem,
    commandFound(server: StdioUpstreamSettings) {
      const childEnv = minimalEnvironment(env, server.env, { platform });
      return findCommand(server.command, { path: envValue(childEnv, 'PATH', platform), cwd: server.cwd ?? cwd, platform, pathext: envValue(childEnv, 'PATHEXT', platform) }) !== undefined;
    },
    listClients: () =>
      listClients({
        paths: options.pathContext,
        launcher: { command: 'mcp-toolkit', args: [] },
        mcpUrl: '',
        auth: 'none',
        keyFor: () => Promise.reject(new Error('listing clients reads no key')),
      }),
  };
}
