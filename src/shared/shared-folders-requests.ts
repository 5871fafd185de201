/** Runtime checks of the `sharedFolders.*` call requests (see `contract-requests.ts`): shape and bounds only. */
import type { CallRequest } from './contract.js';
import { isPlainObject } from './plain-object.js';
import { fail, ok, type Result } from './result.js';
import { MAX_FOLDER_PATH } from './shared-folders-types.js';

/** `{ path }` with a non-empty path of at most {@link MAX_FOLDER_PATH} characters; what a valid folder is, the backend says at the field. */
export function parseSharedFolderRequest(value: unknown): Result<CallRequest<'sharedFolders.add'>> {
  if (isPlainObject(value) && typeof value.path === 'string' && value.path.trim() !== '' && value.path.length <= MAX_FOLDER_PATH) {
    return ok({ path: value.path });
  }
  return fail('BAD_REQUEST', `expected { path } with a path of 1 to ${MAX_FOLDER_PATH} characters`);
}
