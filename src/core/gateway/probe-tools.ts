import type { OAuthClientProvider } from '@modelcontextprotocol/client';
import type { SecretStore } from '../keychain/secret-store.js';
import type { UpstreamSettings } from '../../shared/gateway-types.js';
import { loadPins, savePins } from './pin-store.js';
import { createRestartPolicy } from './restart-policy.js';
import { approve, checkPins, type PinCheck, type PinnedDefinition } from './tool-pins.js';
import { createUpstreamConnection, type UpstreamStatus } from './upstream-connection.js';
import { UpstreamStartError } from './upstream-error.js';
import { readUpstreamSecrets } from './upstream-secrets.js';

export interface ProbeOptions {
  readonly server: UpstreamSettings;
  readonly secrets: SecretStore;
  /** The toolkit's state folder: the run's error output goes to the server's log, for `servers logs`. */
  readonly stateDir?: string;
  readonly initializeTimeoutMs?: number;
  /** A remote server's sign-in (`UpstreamLogins.providerFor`); without a usable token the probe fails with the sign-in message. */
  readonly authProvider?: OAuthClientProvider;
}

/** The parts of a tool definition that are pinned (see `tool-pins.ts`). */
function pinned(tool: PinnedDefinition): PinnedDefinition {
  const { name, title, description, inputSchema, outputSchema, annotations } = tool;
  return { name, title, description, inputSchema, outputSchema, annotations };
}

function settled(status: UpstreamStatus): boolean {
  return status.state === 'running' || status.state === 'crashed' || status.state === 'needs-sign-in';
}

/**
 * Starts `server` once (no retry), lists its tools and stops it (its process
 * tree is gone when this resolves): for `servers tools` and `servers approve`
 * when no gateway runs. Rejects with `UpstreamStartError` (message in the
 * user's words, the last error output included) when it does not start.
 */
export async function probeUpstreamTools(options: ProbeOptions): Promise<PinnedDefinition[]> {
  const connection = createUpstreamConnection({
    spec: options.server,
    secrets: await readUpstreamSecrets(options.secrets, options.server),
    stateDir: options.stateDir,
    initializeTimeoutMs: options.initializeTimeoutMs,
    policy: createRestartPolicy({ maxCrashes: 1 }),
    ...(options.authProvider !== undefined ? { authProvider: options.authProvider } : {}),
    report: () => undefined,
  });
  try {
    const status = await new Promise<UpstreamStatus>((resolve) => {
      const off = connection.onStateChange((next) => {
        if (!settled(next)) return;
        off();
        resolve(next);
      });
      connection.start();
    });
    const client = connection.client();
    if (status.state !== 'running' || client === undefined) {
      throw new UpstreamStartError('UPSTREAM_CONNECT_FAILED', status.lastError ?? 'did not start');
    }
    const tools: PinnedDefinition[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor === undefined ? {} : { cursor });
      tools.push(...page.tools.map(pinned));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return tools;
  } finally {
    await connection.stop();
  }
}

/**
 * `tools` compared with the pins of `server` in the pins file; a first
 * recording is saved, as the gateway records a server's tools the first time
 * it sees them.
 */
export async function comparePins(pinsFile: string, server: string, tools: readonly PinnedDefinition[]): Promise<PinCheck> {
  const all = await loadPins(pinsFile);
  const check = checkPins(all[server], tools);
  if (all[server] === undefined) await savePins(pinsFile, { ...all, [server]: check.pins });
  return check;
}

/**
 * Accepts definitions for `server`: each one replaces (or adds) its pin. With
 * `replace`, the server's pins become exactly `definitions` (its current tools).
 * A running gateway watches the pins file and serves the approved tools.
 */
export async function approvePins(pinsFile: string, server: string, definitions: readonly PinnedDefinition[], { replace = false } = {}): Promise<void> {
  const all = await loadPins(pinsFile);
  const pins = replace ? approve(definitions) : { ...all[server], ...approve(definitions) };
  await savePins(pinsFile, { ...all, [server]: pins });
}
