import { failed, passed, type DoctorCheck } from './check-result.js';
import type { DoctorProbes } from './probes.js';

/** Each shared folder exists and can be read; none shared is said plainly (the file tools refuse everything then). */
export async function checkSharedFolders(folders: readonly string[], folderProblem: DoctorProbes['folderProblem']): Promise<DoctorCheck[]> {
  if (folders.length === 0) {
    return [passed('shared-folders', 'No shared folders: the file tools refuse every path until you share one.', 'Share a folder in Shared folders in the app, or with --shared-folders or MCP_SHARED_FOLDERS.')];
  }
  return Promise.all(
    folders.map(async (folder) => {
      const problem = await folderProblem(folder);
      if (problem === undefined) return passed('shared-folders', `${folder} is readable.`);
      return failed('shared-folders', `${folder} ${problem}: the file tools cannot read it.`, 'Create it or give your user read access, or remove it from Shared folders.');
    }),
  );
}
