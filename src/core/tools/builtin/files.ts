import type { ToolProvider } from '../types.js';
import { createFileInfoTool } from './files/file-info.js';
import { DEFAULT_FILE_TOOL_LIMITS } from './files/limits.js';
import type { FileToolLimits } from './files/limits.js';
import { createListDirectoryTool } from './files/list-directory.js';
import { createReadTextFileTool } from './files/read-text-file.js';
import { createSearchFilesTool } from './files/search-files.js';
import { SharedFolders } from './files/shared-folders.js';

export interface FilesProviderOptions {
  /** Absolute paths of the folders the tools may read. Empty: every call explains how to share one. */
  readonly sharedFolders: readonly string[];
  /** Overrides of {@link DEFAULT_FILE_TOOL_LIMITS}. */
  readonly limits?: Partial<FileToolLimits>;
}

/** The file tools, whose shared folders can change while they are served. */
export interface FilesProvider extends ToolProvider {
  /** Calls that start from now on read these folders. @throws TypeError when a folder is not absolute. */
  setSharedFolders(folders: readonly string[]): void;
}

/**
 * Read-only file tools confined to the shared folders: `list_directory`,
 * `read_text_file`, `search_files`, `file_info`. There are no write tools.
 * Path rules (relative paths resolve against the first shared folder, `..`
 * and symbolic links cannot leave the shared folders) are documented on
 * {@link SharedFolders}.
 *
 * @throws TypeError when a shared folder is not an absolute path.
 */
export function createFilesProvider(options: FilesProviderOptions): FilesProvider {
  const folders = new SharedFolders(options.sharedFolders);
  const limits: FileToolLimits = { ...DEFAULT_FILE_TOOL_LIMITS, ...options.limits };
  const tools = [
    createListDirectoryTool(folders, limits),
    createReadTextFileTool(folders, limits),
    createSearchFilesTool(folders, limits),
    createFileInfoTool(folders),
  ];
  return { id: 'files', tools: () => tools, setSharedFolders: (next) => folders.replace(next) };
}
