import { failed, type DoctorCheck } from './check-result.js';
import { checkClients } from './clients-check.js';
import { describeError } from './describe-error.js';
import { checkIssuer } from './issuer-check.js';
import { checkKeychain } from './keychain-check.js';
import { checkNodeVersion } from './node-version.js';
import { checkPort } from './port-check.js';
import type { DoctorProbes } from './probes.js';
import { checkSettings, type SettingsHealth } from './settings-check.js';
import { checkSharedFolders } from './shared-folders-check.js';
import { checkUpstreamCommands } from './upstream-commands-check.js';

export interface DoctorInput {
  /** `process.versions.node` of the process that will serve. */
  readonly nodeVersion: string;
  readonly settings: SettingsHealth;
}

/** A check that threw (a probe failing in a way nobody foresaw) is a failed line, never a crash of the whole run. */
async function guarded(check: string, run: () => Promise<DoctorCheck | DoctorCheck[]>): Promise<DoctorCheck[]> {
  try {
    return [await run()].flat();
  } catch (error) {
    return [failed(check, `Could not check: ${describeError(error)}.`, 'Run mcp-toolkit doctor again; report it if it persists.')];
  }
}

/**
 * Every check, in a fixed order: Node, keychain, settings, port, the OAuth
 * issuer (oauth mode), shared folders, upstream commands, agent clients.
 * The independent probes run at once.
 */
export async function runDoctor(input: DoctorInput, probes: DoctorProbes): Promise<DoctorCheck[]> {
  const { config } = input.settings;
  const groups = await Promise.all([
    guarded('node', async () => checkNodeVersion(input.nodeVersion)),
    guarded('keychain', () => checkKeychain(() => probes.keychain(), config)),
    guarded('settings', async () => checkSettings(input.settings)),
    guarded('port', () => checkPort(config, probes)),
    config.auth === 'oauth' ? guarded('issuer.discovery', () => checkIssuer(config.oauth, probes)) : Promise.resolve([]),
    guarded('shared-folders', () => checkSharedFolders(config.sharedFolders, (folder) => probes.folderProblem(folder))),
    guarded('upstream-command', async () => checkUpstreamCommands(config.servers, (server) => probes.commandFound(server))),
    guarded('client', async () => checkClients(await probes.listClients())),
  ]);
  return groups.flat();
}
