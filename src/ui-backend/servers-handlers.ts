import type { CallHandlers, CallName } from '../shared/contract.js';
import type { UpstreamView } from '../shared/gateway-types.js';
import { DEFAULT_LOG_LINES, type ServersControl } from './servers-control.js';

type ServersCallName = Extract<CallName, `servers.${string}`>;
export type ServersHandlers = Pick<CallHandlers, ServersCallName>;

/** The `servers.*` calls over a `ServersControl`: each change answers with the list as it is once the change applied. */
export function createServersHandlers(control: ServersControl): ServersHandlers {
  const thenList = async (change: Promise<void>): Promise<readonly UpstreamView[]> => {
    await change;
    return control.list();
  };
  return {
    'servers.list': async () => control.list(),
    'servers.add': (request) => thenList(control.add(request)),
    'servers.remove': ({ name }) => thenList(control.remove(name)),
    'servers.setEnabled': ({ name, enabled }) => thenList(control.setEnabled(name, enabled)),
    'servers.setToolEnabled': ({ name, tool, enabled }) => thenList(control.setToolEnabled(name, tool, enabled)),
    'servers.restart': ({ name }) => thenList(control.restart(name)),
    'servers.approve': ({ name }) => thenList(control.approve(name)),
    'servers.setSecret': ({ name, key, value }) => thenList(control.setSecret(name, key, value)),
    'servers.removeSecret': ({ name, key }) => thenList(control.removeSecret(name, key)),
    'servers.logs': ({ name, lines }) => control.logs(name, lines ?? DEFAULT_LOG_LINES),
    'servers.importPreview': ({ from }) => control.importPreview(from),
    'servers.import': ({ from }) => control.import(from),
  };
}
