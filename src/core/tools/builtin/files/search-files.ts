import { stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { defineTool } from '../../define-tool.js';
import { ToolFailure, jsonResult } from '../../tool-result.js';
import type { ToolDefinition } from '../../types.js';
import { formatBytes } from '../format-bytes.js';
import type { FileToolLimits } from './limits.js';
import { findLineMatches } from './line-matches.js';
import type { LineMatch } from './line-matches.js';
import { MAX_NAME_PATTERN_CHARS, nameMatcher, namePatternTooLongMessage } from './name-matcher.js';
import type { NameMatcher } from './name-matcher.js';
import { openRegularFile, readAtMost } from './open-file.js';
import { isInside } from './shared-folders.js';
import type { SharedFolders } from './shared-folders.js';
import { looksBinary } from './text-content.js';
import { budgetExhausted, createWalkBudget, walk } from './walk.js';
import type { WalkBudget, WalkEntry } from './walk.js';

export const SEARCH_NEEDS_CRITERIA_CODE = 'FILES_SEARCH_NEEDS_CRITERIA';

const DEFAULT_MAX_RESULTS = 100;
const MATCHES_PER_FILE = 5;

type SearchResult =
  | { path: string; type: 'file' | 'directory' }
  | { path: string; matches: LineMatch[]; matchingLines: number };

interface SearchState {
  readonly results: SearchResult[];
  readonly maxResults: number;
  readonly budget: WalkBudget;
  readonly limits: FileToolLimits;
  bytesScanned: number;
  readonly skippedFiles: { large: number; binary: number; unreadable: number };
}

/** The folders without duplicates and without those inside another, so nothing is searched twice. */
export function outermost(folders: readonly string[]): string[] {
  const unique = [...new Set(folders)];
  return unique.filter((folder) => !unique.some((other) => other !== folder && isInside(folder, other)));
}

/** The matching lines of one file, or undefined when it is skipped (too large, binary, unreadable, over the byte budget). */
async function scanFile(file: string, needle: string, state: SearchState): Promise<{ matches: LineMatch[]; total: number } | undefined> {
  let opened;
  try {
    opened = await openRegularFile(file, file);
  } catch {
    state.skippedFiles.unreadable += 1;
    return undefined;
  }
  const { handle, stats } = opened;
  try {
    if (stats.size > state.limits.maxScanFileBytes) {
      state.skippedFiles.large += 1;
      return undefined;
    }
    if (state.bytesScanned + stats.size > state.limits.maxBytesScanned) {
      state.budget.stoppedBecause = `read the maximum of ${formatBytes(state.limits.maxBytesScanned)} of file content`;
      return undefined;
    }
    const bytes = await readAtMost(handle, stats.size);
    state.bytesScanned += bytes.length;
    if (looksBinary(bytes)) {
      state.skippedFiles.binary += 1;
      return undefined;
    }
    return findLineMatches(new TextDecoder().decode(bytes), needle, MATCHES_PER_FILE);
  } finally {
    await handle.close();
  }
}

async function consider(entry: WalkEntry, matcher: NameMatcher | undefined, needle: string | undefined, state: SearchState): Promise<void> {
  if (matcher && !matcher(entry.name, entry.relative)) return;
  if (needle === undefined) {
    state.results.push({ path: entry.absolute, type: entry.isDirectory ? 'directory' : 'file' });
    return;
  }
  if (entry.isDirectory) return;
  const found = await scanFile(entry.absolute, needle, state);
  if (found && found.total > 0) state.results.push({ path: entry.absolute, matches: found.matches, matchingLines: found.total });
}

/** Searches one start: a directory is walked, a file is considered on its own. */
async function searchFrom(start: string, includeHidden: boolean, matcher: NameMatcher | undefined, needle: string | undefined, state: SearchState) {
  const stats = await stat(start);
  const entries = stats.isDirectory()
    ? walk(start, includeHidden, state.budget)
    : single({ absolute: start, relative: path.basename(start), name: path.basename(start), isDirectory: false });
  for await (const entry of entries) {
    if (state.results.length >= state.maxResults) {
      state.budget.stoppedBecause ??= `found the maximum of ${state.maxResults} results`;
      return;
    }
    await consider(entry, matcher, needle, state);
    if (budgetExhausted(state.budget)) return;
  }
}

async function* single(entry: WalkEntry): AsyncGenerator<WalkEntry> {
  yield entry;
}

/** `search_files`: finds files by name and/or content below shared folders, within fixed bounds. */
export function createSearchFilesTool(folders: SharedFolders, limits: FileToolLimits): ToolDefinition {
  return defineTool({
    name: 'search_files',
    title: 'Search files',
    description:
      'Finds files inside the shared folders by name and/or by content. "name" is a glob (*, **, ?, [abc]) when it contains one of ' +
      'those characters, otherwise a substring; it is matched against the file name, or against the path relative to the searched ' +
      'folder when it contains "/". "content" is plain text found in a line, ignoring case; content matches list line numbers and lines. ' +
      'Hidden entries are skipped unless includeHidden; node_modules and .git are not entered (search them by passing their path); ' +
      `symbolic links are not followed; files over ${formatBytes(limits.maxScanFileBytes)} and binary files are not searched for content. ` +
      `A search stops after ${limits.maxEntriesVisited} entries, ${formatBytes(limits.maxBytesScanned)} read or ${limits.searchTimeMs / 1000} s, and says so.`,
    inputSchema: z.object({
      path: z.string().max(4096).optional().describe('Folder (or file) to search: absolute, or relative to the first shared folder. Omit to search every shared folder.'),
      name: z
        .string()
        .min(1)
        .max(MAX_NAME_PATTERN_CHARS, { error: (issue) => namePatternTooLongMessage(String(issue.input).length) })
        .optional()
        .describe(`File name glob (e.g. "*.ts", "src/**/test_*.py") or substring (e.g. "readme"), at most ${MAX_NAME_PATTERN_CHARS} characters`),
      content: z.string().min(1).max(1000).optional().describe('Text to find inside files, ignoring case'),
      includeHidden: z.boolean().optional().describe('Also search hidden files and folders (names starting with "."); default false'),
      maxResults: z
        .number()
        .int()
        .min(1)
        .max(limits.maxSearchResults)
        .optional()
        .describe(`Most results to return (default ${DEFAULT_MAX_RESULTS}, at most ${limits.maxSearchResults})`),
    }),
    annotations: { readOnlyHint: true, openWorldHint: false },
    run: async ({ path: requested, name, content, includeHidden = false, maxResults = DEFAULT_MAX_RESULTS }, ctx) => {
      if (name === undefined && content === undefined) {
        throw new ToolFailure(SEARCH_NEEDS_CRITERIA_CODE, 'Give "name", "content" or both to search for.');
      }
      const starts =
        requested === undefined ? outermost((await folders.roots()).map((root) => root.real)) : [(await folders.resolve(requested)).real];
      const state: SearchState = {
        results: [],
        maxResults,
        budget: createWalkBudget(limits.maxEntriesVisited, limits.searchTimeMs, ctx.mcpReq.signal),
        limits,
        bytesScanned: 0,
        skippedFiles: { large: 0, binary: 0, unreadable: 0 },
      };
      const matcher = name === undefined ? undefined : nameMatcher(name);
      for (const start of starts) {
        if (state.budget.stoppedBecause) break;
        await searchFrom(start, includeHidden, matcher, content, state);
      }
      return jsonResult({
        searched: starts,
        results: state.results,
        complete: state.budget.stoppedBecause === undefined,
        ...(state.budget.stoppedBecause && { stoppedBecause: `The search stopped early: it ${state.budget.stoppedBecause}. Narrow it with "path" or "name".` }),
        skipped: { ...state.budget.skipped, ...prefixed(state.skippedFiles) },
      });
    },
  });
}

function prefixed(files: SearchState['skippedFiles']) {
  return { largeFiles: files.large, binaryFiles: files.binary, unreadableFiles: files.unreadable };
}
