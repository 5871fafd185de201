/**
 * The `doctor.run` call: the checks of `mcp-toolkit doctor` over this host's
 * settings (as the running server resolved them) and keychain, so the UI's
 * Checks panel and the CLI say the same things.
 */
import { processPathContext, type PathContext, type RunSettings } from '../core/config/index.js';
import { createDoctorProbes, runDoctor, type DoctorProbes } from '../core/doctor/index.js';
import type { SecretStore } from '../core/keychain/index.js';
import type { CallHandlers } from '../shared/contract.js';

export interface DoctorHandlerDeps {
  readonly settings: RunSettings;
  readonly secrets: SecretStore;
  /** The user's folders (agent clients, the upstreams' PATH); the process's when absent. */
  readonly pathContext?: PathContext | undefined;
  /** The machine's probes; the real ones by default. */
  readonly probes?: DoctorProbes;
}

export function createDoctorHandlers(deps: DoctorHandlerDeps): Pick<CallHandlers, 'doctor.run'> {
  return {
    'doctor.run': async () => {
      const probes = deps.probes ?? createDoctorProbes({ secrets: deps.secrets, pathContext: deps.pathContext ?? processPathContext() });
      const settings = { filePath: deps.settings.filePath, config: deps.settings.config(), problems: deps.settings.problems() };
      return runDoctor({ nodeVersion: process.versions.node, settings }, probes);
    },
  };
}
