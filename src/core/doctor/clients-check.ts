import type { ClientStatus } from '../clients/index.js';
import { passed, warned, type DoctorCheck } from './check-result.js';

/** Installed agent clients and whether each is connected; not connected is information, not a problem. */
export function checkClients(statuses: readonly ClientStatus[]): DoctorCheck[] {
  const relevant = statuses.filter((status) => status.installed || status.connected || status.problem !== undefined);
  if (relevant.length === 0) return [passed('client', 'No supported agent client was found on this machine.')];
  return relevant.map((status) => {
    if (status.problem !== undefined) {
      return warned('client', `${status.name}: ${status.problem}`, `Correct ${status.configFile}; the toolkit never changes a file it cannot read.`);
    }
    if (status.connected) return passed('client', `${status.name}: connected${status.transport === undefined ? '' : ` (${status.transport})`}.`);
    return passed('client', `${status.name}: installed, not connected.`, `To use the toolkit from it: mcp-toolkit clients connect ${status.client}, or Connect an agent in the app.`);
  });
}
