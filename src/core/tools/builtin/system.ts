import os from 'node:os';
import { z } from 'zod';
import { defineTool } from '../define-tool.js';
import { jsonResult } from '../tool-result.js';
import { formatBytes } from './format-bytes.js';
import type { ToolProvider } from '../types.js';

/** The facts `get_system_info` reports. */
export interface SystemInfo {
  readonly os: { platform: NodeJS.Platform; type: string; release: string; arch: string };
  readonly cpu: { model: string; logicalCores: number; speedMHz?: number };
  readonly memory: { totalBytes: number; freeBytes: number; total: string; free: string };
  /** 1, 5 and 15 minute load averages; absent on Windows, where they are always 0. */
  readonly loadAverage?: readonly [number, number, number];
  readonly uptimeSeconds: number;
  readonly node: { version: string };
}

/**
 * Reads the machine's description from `node:os`.
 *
 * Deliberately left out: the hostname and user name (they identify the person
 * and the machine, and an agent does not need them to pick commands), network
 * interfaces, environment variables and paths (they may hold secrets).
 */
export function readSystemInfo(): SystemInfo {
  const cpus = os.cpus();
  const first = cpus[0];
  const totalBytes = os.totalmem();
  const freeBytes = os.freemem();
  const load = os.loadavg();
  return {
    os: { platform: process.platform, type: os.type(), release: os.release(), arch: os.arch() },
    cpu: {
      model: first?.model.trim() || 'unknown',
      logicalCores: os.availableParallelism(),
      ...(first && first.speed > 0 && { speedMHz: first.speed }),
    },
    memory: { totalBytes, freeBytes, total: formatBytes(totalBytes), free: formatBytes(freeBytes) },
    ...(process.platform !== 'win32' && { loadAverage: [round2(load[0]), round2(load[1]), round2(load[2])] as const }),
    uptimeSeconds: Math.round(os.uptime()),
    node: { version: process.version },
  };
}

function round2(value: number | undefined): number {
  return Math.round((value ?? 0) * 100) / 100;
}

/** `get_system_info`: OS, CPU, memory, uptime and Node version of this machine. No secrets, no identity. */
export function createSystemProvider(): ToolProvider {
  const getSystemInfo = defineTool({
    name: 'get_system_info',
    title: 'System information',
    description:
      'Describes this machine: operating system (platform, type, kernel release, architecture), CPU model and logical core count, total and free memory, load average, uptime and the Node.js version. Does not reveal the hostname, user name, network addresses or environment variables.',
    inputSchema: z.object({}),
    annotations: { readOnlyHint: true, openWorldHint: false },
    run: async () => jsonResult({ ...readSystemInfo() }),
  });
  return { id: 'system', tools: () => [getSystemInfo] };
}
