/**
 * The `sharedFolders.*` calls and the native folder picker: the folders the
 * file tools may read, each checked on the server's disk. Adding and removing
 * go through the settings road (`settings.update`), which applies them to the
 * running server; a path is refused at the field before anything is saved.
 */
import { homedir } from 'node:os';
import path from 'node:path';
import { checkFolder } from '../core/tools/builtin/files/folder-check.js';
import type { CallHandlers } from '../shared/contract.js';
import type { SharedFolderView } from '../shared/shared-folders-types.js';
import type { Settings, SettingsPatch } from '../shared/view-types.js';
import { ControllerError } from './controller-error.js';

export type SharedFoldersHandlers = Pick<CallHandlers, 'sharedFolders.list' | 'sharedFolders.add' | 'sharedFolders.remove' | 'dialog.pickFolder'>;

/** A path the file tools could not read, or one already shared; `fields.path` says why. */
export const SHARED_FOLDER_REFUSED = 'SHARED_FOLDER_REFUSED';
/** This host has no native folder picker (the browser dashboard). */
export const FOLDER_PICKER_UNAVAILABLE = 'FOLDER_PICKER_UNAVAILABLE';

export interface SharedFoldersDeps {
  /** The shared folders the server runs with now (settings file, flags and `MCP_SHARED_FOLDERS`). */
  readonly folders: () => readonly string[];
  /** The settings road: validates, saves and applies to the running server; throws a `ControllerError` with `fields`. */
  readonly update: (patch: SettingsPatch) => Promise<Settings>;
  /** The host's native folder picker; `null` when the user cancelled. */
  readonly pickFolder?: () => Promise<string | null>;
  /** The home folder `~/` stands for (the server user's); `os.homedir()` by default. */
  readonly home?: string;
}

export function createSharedFoldersHandlers(deps: SharedFoldersDeps): SharedFoldersHandlers {
  const home = deps.home ?? homedir();
  const views = (folders: readonly string[]): Promise<SharedFolderView[]> =>
    Promise.all(folders.map(async (folder) => ({ path: folder, ...(await checkFolder(folder)) })));
  const save = async (sharedFolders: string[]): Promise<SharedFolderView[]> => {
    const settings = await deps.update({ sharedFolders }).catch((error: unknown) => {
      throw atPathField(error);
    });
    return views(settings.sharedFolders);
  };

  return {
    'sharedFolders.list': () => views(deps.folders()),
    'sharedFolders.add': async (request) => {
      const folder = normalisedFolder(request.path, home);
      const current = deps.folders();
      if (current.some((shared) => path.resolve(shared) === folder)) refuse(`${folder} is already shared.`);
      const check = await checkFolder(folder);
      if (check.state !== 'readable') refuse(`${check.detail}: ${folder}`);
      return save([...current, folder]);
    },
    'sharedFolders.remove': async (request) => {
      const folder = normalisedFolder(request.path, home);
      const current = deps.folders();
      // Compared normalised: the settings file may spell a folder with a trailing slash or `..`.
      const kept = current.filter((shared) => path.resolve(shared) !== folder);
      return kept.length < current.length ? save(kept) : views(current);
    },
    'dialog.pickFolder': async () => {
      if (!deps.pickFolder) throw new ControllerError(FOLDER_PICKER_UNAVAILABLE, 'There is no folder picker here: type the folder’s path instead.');
      return { path: await deps.pickFolder() };
    },
  };
}

/** The absolute, normalised folder a user typed (`~/x` is below the home folder); refused at the field when it is relative. */
function normalisedFolder(typed: string, home: string): string {
  const trimmed = typed.trim();
  const expanded = trimmed === '~' ? home : /^~[/\\]/.test(trimmed) ? path.join(home, trimmed.slice(2)) : trimmed;
  if (!path.isAbsolute(expanded)) refuse(`Enter the folder’s full path, e.g. ${path.join(home, 'projects')}`);
  return path.resolve(expanded);
}

function refuse(message: string): never {
  throw new ControllerError(SHARED_FOLDER_REFUSED, message, { path: message });
}

/** A settings refusal (`fields.sharedFolders`, e.g. pinned by MCP_SHARED_FOLDERS) shown at the path field. */
function atPathField(error: unknown): unknown {
  if (!(error instanceof ControllerError)) return error;
  const message = error.fields?.sharedFolders ?? error.message;
  return new ControllerError(error.code, message, { ...error.fields, path: message }, { cause: error });
}
