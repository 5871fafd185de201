/**
 * The shared folders as the UI shows them: the folders the read-only file
 * tools may read (`Settings.sharedFolders`), each with whether the server can
 * read it now.
 */

/** The UI section's name; the file tools' errors send agents (and users) to it by this name. */
export const SHARED_FOLDERS_SECTION = 'Shared folders';

/** The variable that shares folders for one run (it pins the list in the UI). */
export const SHARED_FOLDERS_ENV_VAR = 'MCP_SHARED_FOLDERS';

/** Longest path an add or remove request may carry (far above any real path). */
export const MAX_FOLDER_PATH = 4096;

/**
 * What the server finds at a shared folder's path:
 * `readable` (a folder it can list), `missing`, `not_a_folder` (a file),
 * `unreadable` (no permission to list it).
 */
export type SharedFolderState = 'readable' | 'missing' | 'not_a_folder' | 'unreadable';

export interface SharedFolderView {
  readonly path: string;
  readonly state: SharedFolderState;
  /** The state in plain words, for the UI. */
  readonly detail: string;
}

export interface SharedFolderRequest {
  /** An absolute path on the machine the server runs on (`~/` is the server user's home). */
  readonly path: string;
}

/** The native folder picker's answer: `null` when the user cancelled. */
export interface PickedFolder {
  readonly path: string | null;
}
