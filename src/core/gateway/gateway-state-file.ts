import { join } from 'node:path';
import { writeFileAtomic } from '../config/atomic-write.js';
import { readRegularFile } from '../config/read-regular-file.js';
import type { UpstreamView } from '../../shared/gateway-types.js';

/**
 * What the process running the gateway (`serve`, the desktop app) publishes
 * about its upstreams, for `mcp-toolkit servers …` run in another terminal:
 * states, tools, pending approvals, last errors. Never a secret value.
 */
export interface GatewayState {
  readonly pid: number;
  readonly updatedAt: number;
  readonly servers: readonly UpstreamView[];
}

export const GATEWAY_STATE_FILE_NAME = 'gateway-state.json';

export function gatewayStateFile(stateDir: string): string {
  return join(stateDir, GATEWAY_STATE_FILE_NAME);
}

export async function writeGatewayState(stateDir: string, servers: readonly UpstreamView[]): Promise<void> {
  const state: GatewayState = { pid: process.pid, updatedAt: Date.now(), servers };
  await writeFileAtomic(gatewayStateFile(stateDir), `${JSON.stringify(state)}\n`);
}

/** The state published by a gateway that is still running, or undefined (none, or its process is gone). */
export async function readGatewayState(stateDir: string): Promise<GatewayState | undefined> {
  try {
    const read = await readRegularFile(gatewayStateFile(stateDir), 16 * 1024 * 1024);
    if (read.kind !== 'text') return undefined;
    const state = JSON.parse(read.text) as GatewayState;
    if (typeof state.pid !== 'number' || !Array.isArray(state.servers) || !isAlive(state.pid)) return undefined;
    return state;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
