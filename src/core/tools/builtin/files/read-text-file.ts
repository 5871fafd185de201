import { z } from 'zod';
import { defineTool } from '../../define-tool.js';
import { ToolFailure } from '../../tool-result.js';
import type { ToolDefinition } from '../../types.js';
import { formatBytes } from '../format-bytes.js';
import type { FileToolLimits } from './limits.js';
import { openRegularFile, readAtMost } from './open-file.js';
import type { SharedFolders } from './shared-folders.js';
import { decodeText, splitLines } from './text-content.js';

export const READ_ERROR_CODES = {
  tooLarge: 'FILES_TOO_LARGE',
  binary: 'FILES_BINARY',
  pastEnd: 'FILES_PAST_END',
} as const;

const DEFAULT_MAX_LINES = 2000;
const HIGHEST_MAX_LINES = 10_000;

/** The lines `[startLine, startLine + maxLines)` of `lines`, cut earlier so they fit in `maxChars`. */
export function selectLines(lines: readonly string[], startLine: number, maxLines: number, maxChars: number): string[] {
  const selected: string[] = [];
  let chars = 0;
  for (let index = startLine - 1; index < lines.length && selected.length < maxLines; index += 1) {
    const line = lines[index] as string;
    if (selected.length > 0 && chars + line.length + 1 > maxChars) break;
    selected.push(selected.length === 0 && line.length > maxChars ? line.slice(0, maxChars) : line);
    chars += line.length + 1;
  }
  return selected;
}

/** `read_text_file`: a UTF-8 text file inside a shared folder, whole or a range of lines. */
export function createReadTextFileTool(folders: SharedFolders, limits: FileToolLimits): ToolDefinition {
  return defineTool({
    name: 'read_text_file',
    title: 'Read a text file',
    description:
      `Reads a UTF-8 text file inside a shared folder and returns its lines (by default up to ${DEFAULT_MAX_LINES} from the start). ` +
      `Use startLine and maxLines to read further. Refuses binary files and files over ${formatBytes(limits.maxReadBytes)}. ` +
      'A relative path is resolved against the first shared folder.',
    inputSchema: z.object({
      path: z.string().min(1).max(4096).describe('Absolute path, or a path relative to the first shared folder'),
      startLine: z.number().int().min(1).optional().describe('First line to return, counting from 1 (default 1)'),
      maxLines: z
        .number()
        .int()
        .min(1)
        .max(HIGHEST_MAX_LINES)
        .optional()
        .describe(`Most lines to return (default ${DEFAULT_MAX_LINES}, at most ${HIGHEST_MAX_LINES})`),
    }),
    annotations: { readOnlyHint: true, openWorldHint: false },
    run: async ({ path, startLine = 1, maxLines = DEFAULT_MAX_LINES }) => {
      const resolved = await folders.resolve(path);
      const { handle, stats } = await openRegularFile(resolved.real, path);
      let bytes: Uint8Array;
      try {
        if (stats.size > limits.maxReadBytes) {
          throw new ToolFailure(
            READ_ERROR_CODES.tooLarge,
            `"${path}" is ${formatBytes(stats.size)}; read_text_file reads files up to ${formatBytes(limits.maxReadBytes)}. ` +
              'Use search_files with "content" to find the lines you need.',
          );
        }
        bytes = await readAtMost(handle, stats.size);
      } finally {
        await handle.close();
      }
      const text = decodeText(bytes);
      if (text === undefined) {
        throw new ToolFailure(READ_ERROR_CODES.binary, `"${path}" is not a UTF-8 text file (it looks binary), so it is not read.`);
      }
      const lines = splitLines(text);
      if (startLine > Math.max(lines.length, 1)) {
        throw new ToolFailure(READ_ERROR_CODES.pastEnd, `startLine ${startLine} is past the end of "${path}", which has ${lines.length} lines.`);
      }
      const selected = selectLines(lines, startLine, maxLines, limits.maxOutputChars);
      const lastLine = startLine + selected.length - 1;
      const content = [{ type: 'text' as const, text: selected.join('\n') }];
      if (lines.length === 0) {
        content.push({ type: 'text', text: `[${resolved.real} is empty.]` });
      } else if (startLine > 1 || lastLine < lines.length) {
        const next = lastLine < lines.length ? ` Call again with startLine=${lastLine + 1} to continue.` : '';
        content.push({ type: 'text', text: `[Lines ${startLine}–${lastLine} of ${lines.length} of ${resolved.real}.${next}]` });
      }
      return { content };
    },
  });
}
