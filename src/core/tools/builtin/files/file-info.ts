import { lstat, stat } from 'node:fs/promises';
import { z } from 'zod';
import { defineTool } from '../../define-tool.js';
import { jsonResult } from '../../tool-result.js';
import type { ToolDefinition } from '../../types.js';
import { formatBytes } from '../format-bytes.js';
import { entryType, permissionString } from './entry-type.js';
import type { SharedFolders } from './shared-folders.js';

/** `file_info`: type, size, times and permissions of a path inside a shared folder. */
export function createFileInfoTool(folders: SharedFolders): ToolDefinition {
  return defineTool({
    name: 'file_info',
    title: 'File information',
    description:
      'Describes a file or directory inside a shared folder: type, size, modification/creation/access times, permissions, and ' +
      'whether the given path is a symbolic link, and its real path with all links followed. A relative path is resolved against the first shared folder.',
    inputSchema: z.object({
      path: z.string().min(1).max(4096).describe('Absolute path, or a path relative to the first shared folder'),
    }),
    annotations: { readOnlyHint: true, openWorldHint: false },
    run: async ({ path }) => {
      const resolved = await folders.resolve(path);
      const [link, target] = await Promise.all([lstat(resolved.lexical), stat(resolved.real)]);
      const isSymbolicLink = link.isSymbolicLink();
      return jsonResult({
        path: resolved.lexical,
        realPath: resolved.real,
        isSymbolicLink,
        type: entryType(target),
        size: target.size,
        sizeText: formatBytes(target.size),
        modified: target.mtime.toISOString(),
        ...(target.birthtimeMs > 0 && { created: target.birthtime.toISOString() }),
        accessed: target.atime.toISOString(),
        permissions: permissionString(target.mode),
        mode: `0${(target.mode & 0o777).toString(8).padStart(3, '0')}`,
        sharedFolder: resolved.root.configured,
      });
    },
  });
}
