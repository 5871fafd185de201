import { existsSync, readFileSync } from 'node:fs';
import { vi } from 'vitest';
import type { UpstreamConnection, UpstreamState } from '../../src/core/gateway/upstream-connection.js';
import type { StdioUpstream } from '../../src/core/gateway/upstream-spec.js';
import type { StdioUpstreamSettings } from '../../src/shared/gateway-types.js';
import { ROOT } from '../support/paths.js';

export const FIXTURES = `${ROOT}test/fixtures/upstream`;
export const JITI = `${ROOT}node_modules/jiti/lib/jiti-cli.mjs`;

/** A stdio upstream running one of the fixture servers with this Node. */
export function fixtureSpec(name: string, script: string, args: string[] = [], env: Record<string, string> = {}): StdioUpstream {
  return { kind: 'stdio', name, command: process.execPath, args: [`${FIXTURES}/${script}`, ...args], env };
}

/** Whether `pid` is a live process (a zombie counts as gone). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return true;
  try {
    // Field 3 of /proc/PID/stat is the state; Z is a zombie waiting to be reaped.
    return readFileSync(stat, 'utf8').split(') ')[1]?.startsWith('Z') !== true;
  } catch {
    return false;
  }
}

export async function waitForState(connection: UpstreamConnection, state: UpstreamState, timeoutMs = 20_000): Promise<void> {
  await vi.waitFor(
    () => {
      if (connection.status().state !== state) throw new Error(`state is ${connection.status().state} (${connection.status().lastError ?? ''}), waiting for ${state}`);
    },
    { timeout: timeoutMs, interval: 20 },
  );
}

/** The `pids SERVER GRANDCHILD` line the stubborn fixture writes. */
export async function stubbornPids(connection: UpstreamConnection): Promise<{ server: number; grandchild: number }> {
  return vi.waitFor(
    () => {
      const line = connection.log.tail().find((entry) => entry.text.startsWith('pids '));
      if (line === undefined) throw new Error('no pids line yet');
      const [server, grandchild] = line.text.split(' ').slice(1).map(Number);
      return { server: server as number, grandchild: grandchild as number };
    },
    { timeout: 10_000, interval: 20 },
  );
}

/** The settings of an upstream running the echo fixture (or `script`) with this Node. */
export function fixtureUpstream(name: string, args: string[] = [], extra: Partial<StdioUpstreamSettings> = {}, script = 'echo-server.mjs'): StdioUpstreamSettings {
  return { kind: 'stdio', name, enabled: true, command: process.execPath, args: [`${FIXTURES}/${script}`, ...args], env: {}, secrets: [], disabledTools: [], ...extra };
}
