import { mcpUrlFor } from '../../shared/agent-snippets.js';
import { PRODUCT_NAME } from '../version.js';
import { failed, passed, type DoctorCheck } from './check-result.js';
import type { DoctorProbes } from './probes.js';

const CHOOSE_ANOTHER = 'choose another port (Port in the Server section of the app, --port, or MCP_PORT)';

function isOurs(health: unknown): health is { name: string; version?: unknown } {
  return typeof health === 'object' && health !== null && (health as { name?: unknown }).name === PRODUCT_NAME;
}

/** The server's port is free, or already served by a running MCP Toolkit (its `/health` says so). */
export async function checkPort({ host, port }: { host: string; port: number }, probes: Pick<DoctorProbes, 'bindPort' | 'fetchHealth'>): Promise<DoctorCheck> {
  const where = `Port ${port} on ${host}`;
  if (port === 0) return passed('port', 'Port 0: a free port is picked at each start.');
  const bound = await probes.bindPort(host, port);
  if (bound.free) return passed('port', `${where} is free.`);
  if (bound.code === 'EADDRINUSE') {
    const health = await probes.fetchHealth(mcpUrlFor(host, port, '/health'));
    if (isOurs(health)) {
      const version = typeof health.version === 'string' ? ` ${health.version}` : '';
      return passed('port', `${where} is served by a running MCP Toolkit${version}.`);
    }
    return failed('port', `${where} is used by another program.`, `Stop that program, or ${CHOOSE_ANOTHER}.`);
  }
  if (bound.code === 'EACCES') return failed('port', `${where} needs administrator rights to listen on.`, `Use a port above 1023: ${CHOOSE_ANOTHER}.`);
  if (bound.code === 'EADDRNOTAVAIL' || bound.code === 'ENOTFOUND' || bound.code === 'EAI_AGAIN') {
    return failed('port', `${host} is not an address of this machine (${bound.code}).`, 'Set Host to 127.0.0.1 (Host in the Server section of the app, --host, or MCP_HOST).');
  }
  return failed('port', `${where} cannot be listened on (${bound.code}).`, `Check the host, or ${CHOOSE_ANOTHER}.`);
}
