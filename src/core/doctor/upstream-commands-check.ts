import type { UpstreamSettings } from '../../shared/gateway-types.js';
import { commandNotFoundMessage } from '../gateway/find-command.js';
import { failed, passed, type DoctorCheck } from './check-result.js';
import type { DoctorProbes } from './probes.js';

/** Each enabled stdio upstream's command is found as its child process would look for it. */
export function checkUpstreamCommands(servers: readonly UpstreamSettings[], commandFound: DoctorProbes['commandFound']): DoctorCheck[] {
  return servers.flatMap((server) => {
    if (server.kind !== 'stdio' || !server.enabled) return [];
    if (commandFound(server)) return [passed('upstream-command', `Server "${server.name}": \`${server.command}\` is found.`)];
    return [
      failed(
        'upstream-command',
        `Server "${server.name}": ${commandNotFoundMessage(server.command)}, so it cannot start.`,
        `Install it, or add the server again with the command's full path (servers get a minimal PATH); or disable it (mcp-toolkit servers disable ${server.name}, or Servers in the app).`,
      ),
    ];
  });
}
