import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import type { SharedFolderState } from '../../../../shared/shared-folders-types.js';

export interface FolderCheck {
  readonly state: SharedFolderState;
  /** The state in plain words. */
  readonly detail: string;
}

const DETAILS: Record<SharedFolderState, string> = {
  readable: 'Readable',
  missing: 'Does not exist',
  not_a_folder: 'Not a folder (a file)',
  unreadable: 'Cannot be read: permission denied',
};

/**
 * What the file tools would find at `folder` now: a folder they can list
 * (`fs.access` with read and search rights), or why not. Never throws.
 */
export async function checkFolder(folder: string): Promise<FolderCheck> {
  const result = (state: SharedFolderState): FolderCheck => ({ state, detail: DETAILS[state] });
  try {
    if (!(await stat(folder)).isDirectory()) return result('not_a_folder');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return result(code === 'EACCES' || code === 'EPERM' ? 'unreadable' : 'missing');
  }
  try {
    await access(folder, constants.R_OK | constants.X_OK);
    return result('readable');
  } catch {
    return result('unreadable');
  }
}
