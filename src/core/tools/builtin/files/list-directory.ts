import { lstat, readdir } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { defineTool } from '../../define-tool.js';
import { ToolFailure, jsonResult } from '../../tool-result.js';
import type { ToolDefinition } from '../../types.js';
import { entryType } from './entry-type.js';
import type { FileToolLimits } from './limits.js';
import { FILES_ERROR_CODES } from './shared-folders.js';
import type { SharedFolders } from './shared-folders.js';

export const NOT_A_DIRECTORY_CODE = 'FILES_NOT_A_DIRECTORY';

/** Directories first, then by name. */
function byTypeThenName(a: Dirent, b: Dirent): number {
  const aDirectory = a.isDirectory() ? 0 : 1;
  const bDirectory = b.isDirectory() ? 0 : 1;
  return aDirectory - bDirectory || a.name.localeCompare(b.name, 'en');
}

async function describeEntry(directory: string, entry: Dirent) {
  const type = entryType(entry);
  try {
    const stats = await lstat(path.join(directory, entry.name));
    return { name: entry.name, type, ...(type === 'file' && { size: stats.size }), modified: stats.mtime.toISOString() };
  } catch {
    return { name: entry.name, type };
  }
}

async function readDirectory(real: string, shown: string): Promise<Dirent[]> {
  try {
    return await readdir(real, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') {
      throw new ToolFailure(NOT_A_DIRECTORY_CODE, `"${shown}" is a file, not a directory; use read_text_file or file_info.`);
    }
    if (code === 'EACCES' || code === 'EPERM') throw new ToolFailure(FILES_ERROR_CODES.accessDenied, `Permission denied: "${shown}".`);
    throw error;
  }
}

/** `list_directory`: the entries of a directory inside a shared folder, or the shared folders themselves. */
export function createListDirectoryTool(folders: SharedFolders, limits: FileToolLimits): ToolDefinition {
  return defineTool({
    name: 'list_directory',
    title: 'List a directory',
    description:
      'Lists the entries of a directory inside a shared folder: name, type (file, directory, symlink, other), size of files and ' +
      `last modification time; directories first, at most ${limits.maxListEntries} entries. ` +
      'Without a path, lists the shared folders themselves. A relative path is resolved against the first shared folder. ' +
      'Symbolic links are shown, not followed.',
    inputSchema: z.object({
      path: z
        .string()
        .max(4096)
        .optional()
        .describe('Directory to list: absolute, or relative to the first shared folder. Omit to list the shared folders.'),
    }),
    annotations: { readOnlyHint: true, openWorldHint: false },
    run: async ({ path: requested }) => {
      if (requested === undefined) {
        const existing = new Set((await folders.roots()).map((root) => root.configured));
        return jsonResult({
          sharedFolders: folders.folders.map((folder) => ({ path: folder, exists: existing.has(folder) })),
        });
      }
      const resolved = await folders.resolve(requested);
      const entries = (await readDirectory(resolved.real, requested)).sort(byTypeThenName);
      const shown = entries.slice(0, limits.maxListEntries);
      return jsonResult({
        path: resolved.real,
        entries: await Promise.all(shown.map((entry) => describeEntry(resolved.real, entry))),
        total: entries.length,
        truncated: entries.length > shown.length,
      });
    },
  });
}
