import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { SHARED_FOLDERS_ENV_VAR, SHARED_FOLDERS_SECTION } from '../../../../shared/shared-folders-types.js';
import { ToolFailure } from '../../tool-result.js';

/** A shared folder as configured and as it resolves on disk (symlinks followed). */
export interface SharedRoot {
  readonly configured: string;
  readonly real: string;
}

/** A path a caller asked for, resolved and proven to lie inside a shared folder. */
export interface ResolvedPath {
  /** The path with `.` and `..` removed, before following symbolic links. */
  readonly lexical: string;
  /** The canonical path (`fs.realpath`): the only path the tools touch. */
  readonly real: string;
  /** The shared folder that contains `real`. */
  readonly root: SharedRoot;
}

/** Stable codes of the {@link ToolFailure}s raised here. */
export const FILES_ERROR_CODES = {
  noSharedFolders: 'FILES_NO_SHARED_FOLDERS',
  outside: 'FILES_OUTSIDE_SHARED_FOLDERS',
  symlinkEscape: 'FILES_SYMLINK_ESCAPES',
  notFound: 'FILES_NOT_FOUND',
  accessDenied: 'FILES_ACCESS_DENIED',
  invalidPath: 'FILES_INVALID_PATH',
} as const;

/** The explanation every file tool gives while nothing is shared, in the words of the UI section that shares one. */
export const NO_SHARED_FOLDERS_MESSAGE =
  `No folder is shared yet, so the file tools cannot read anything: add one under ${SHARED_FOLDERS_SECTION} in MCP Toolkit ` +
  `(or ${SHARED_FOLDERS_ENV_VAR}), then call this tool again.`;

/** Whether `child` is `parent` or lies below it (both absolute and normalised). */
export function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/**
 * The folders the read-only file tools may read, and the one place that turns
 * a caller's path into a path the tools may touch.
 *
 * Rules, checked on every call:
 * - an absolute path is taken as is; a relative path is resolved against the
 *   **first** shared folder (the one listed first in the settings);
 * - after `.`/`..` are removed, the path must lie inside a shared folder (as
 *   configured or as its real path): `..` cannot climb out;
 * - the path is then canonicalised with `fs.realpath`, which follows every
 *   symbolic link, and the result must still lie inside a shared folder's
 *   real path: a link pointing outside is refused, a link between two shared
 *   folders is fine;
 * - the tools then only open the canonical path (files with `O_NOFOLLOW`).
 *
 * Folders are resolved per call, so a folder created or moved after start-up is
 * seen as it is now. A shared folder that does not exist is skipped. The list
 * itself can be replaced while the server runs (`replace`).
 */
export class SharedFolders {
  #folders: readonly string[] = [];

  /** @throws TypeError when a folder is not an absolute path (a configuration error). */
  constructor(folders: readonly string[]) {
    this.replace(folders);
  }

  get folders(): readonly string[] {
    return this.#folders;
  }

  /**
   * Shares `folders` instead, for every call that starts from now on (the
   * settings changed on a running server); a call already running keeps the
   * list it started with. @throws TypeError as the constructor, changing nothing.
   */
  replace(folders: readonly string[]): void {
    for (const folder of folders) {
      if (!path.isAbsolute(folder)) throw new TypeError(`Shared folder "${folder}" must be an absolute path.`);
    }
    this.#folders = Object.freeze(folders.map((folder) => path.resolve(folder)));
  }

  /** The shared folders (by default the current list) that exist, with their real paths. @throws ToolFailure when nothing is shared. */
  async roots(folders: readonly string[] = this.#folders): Promise<SharedRoot[]> {
    if (folders.length === 0) throw new ToolFailure(FILES_ERROR_CODES.noSharedFolders, NO_SHARED_FOLDERS_MESSAGE);
    const roots = await Promise.all(
      folders.map(async (configured) => {
        try {
          return { configured, real: await realpath(configured) };
        } catch {
          return undefined;
        }
      }),
    );
    return roots.filter((root): root is SharedRoot => root !== undefined);
  }

  /**
   * Resolves a caller's path under the rules above. An empty or missing path
   * means the first shared folder.
   * @throws ToolFailure with one of {@link FILES_ERROR_CODES}.
   */
  async resolve(requested: string | undefined): Promise<ResolvedPath> {
    const folders = this.#folders;
    const roots = await this.roots(folders);
    if (roots.length === 0) {
      throw new ToolFailure(FILES_ERROR_CODES.notFound, `None of the shared folders exists: ${folders.join(', ')}. Check them under ${SHARED_FOLDERS_SECTION} in MCP Toolkit.`);
    }
    const lexical = lexicalPath(requested, folders);
    if (!roots.some((root) => isInside(lexical, root.configured) || isInside(lexical, root.real))) {
      throw new ToolFailure(
        FILES_ERROR_CODES.outside,
        `"${requested}" is outside the shared folders, so it cannot be read. Shared folders: ${folders.join(', ')}.`,
      );
    }
    const real = await canonical(lexical, requested ?? lexical);
    const root = roots.find((candidate) => isInside(real, candidate.real));
    if (!root) {
      throw new ToolFailure(
        FILES_ERROR_CODES.symlinkEscape,
        `"${requested}" leads outside the shared folders through a symbolic link, so it cannot be read.`,
      );
    }
    return { lexical, real, root };
  }
}

/** The caller's path made absolute (against the first shared folder) with `.` and `..` removed. */
function lexicalPath(requested: string | undefined, folders: readonly string[]): string {
  const first = folders[0] as string;
  if (requested === undefined || requested.trim() === '') return first;
  if (requested.includes('\0')) throw new ToolFailure(FILES_ERROR_CODES.invalidPath, 'The path contains a NUL character.');
  return path.isAbsolute(requested) ? path.resolve(requested) : path.resolve(first, requested);
}

async function canonical(lexical: string, shown: string): Promise<string> {
  try {
    return await realpath(lexical);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') {
      throw new ToolFailure(FILES_ERROR_CODES.accessDenied, `Permission denied while resolving "${shown}".`);
    }
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new ToolFailure(FILES_ERROR_CODES.notFound, `"${shown}" does not exist.`);
    throw new ToolFailure(FILES_ERROR_CODES.notFound, `Cannot resolve "${shown}" (${code ?? 'unknown error'}).`);
  }
}
