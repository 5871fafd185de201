import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectProviders } from '../../testing/tool-client.js';
import type { ToolClient } from '../../testing/tool-client.js';
import { createFilesProvider } from '../files.js';
import type { FileToolLimits } from './limits.js';

/**
 * A real folder tree with real symbolic links:
 *
 *   shared/                  first shared folder
 *     notes.txt, bom.txt, big.log, image.png, latin1.txt
 *     src/app.ts, src/util/helper.ts
 *     .hidden/secret.txt, node_modules/pkg/index.js
 *     link-inside        -> src/app.ts
 *     link-outside       -> ../outside/secret.txt
 *     dir-link-outside   -> ../outside
 *     link-to-other      -> ../other/readme.md
 *   other/readme.md          second shared folder
 *   outside/secret.txt       never shared
 */
let base: string;
let shared: string;
let other: string;
let outside: string;

async function put(file: string, content: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
}

beforeAll(async () => {
  base = await realpath(await mkdtemp(path.join(os.tmpdir(), 'mcp-files-')));
  shared = path.join(base, 'shared');
  other = path.join(base, 'other');
  outside = path.join(base, 'outside');
  await put(path.join(shared, 'notes.txt'), 'alpha\nbeta\r\ngamma\n');
  await put(path.join(shared, 'bom.txt'), '\uFEFFwith bom\n');
  await put(path.join(shared, 'big.log'), 'x'.repeat(5000));
  await put(path.join(shared, 'image.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
  await put(path.join(shared, 'latin1.txt'), new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]));
  await put(path.join(shared, 'src', 'app.ts'), 'export const app = 1;\n// TODO: fix the app\n');
  await put(path.join(shared, 'src', 'util', 'helper.ts'), 'export function help() {}\n\n// todo later\n');
  await put(path.join(shared, '.hidden', 'secret.txt'), 'TODO hidden\n');
  await put(path.join(shared, 'node_modules', 'pkg', 'index.js'), '// TODO in dependency\n');
  await put(path.join(other, 'readme.md'), '# Other folder\n');
  await put(path.join(outside, 'secret.txt'), 'TOP SECRET todo\n');
  await symlink(path.join(shared, 'src', 'app.ts'), path.join(shared, 'link-inside'));
  await symlink(path.join(outside, 'secret.txt'), path.join(shared, 'link-outside'));
  await symlink(outside, path.join(shared, 'dir-link-outside'));
  await symlink(path.join(other, 'readme.md'), path.join(shared, 'link-to-other'));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

let client: ToolClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

async function tools(limits: Partial<FileToolLimits> = { maxReadBytes: 1024 }, folders = [shared, other]): Promise<ToolClient> {
  client = await connectProviders(createFilesProvider({ sharedFolders: folders, limits }));
  return client;
}

describe('file tools with nothing shared', () => {
  it('explain on every call how to share a folder', async () => {
    const files = await tools({}, []);

    const calls = await Promise.all([
      files.call('list_directory'),
      files.call('list_directory', { path: '/etc' }),
      files.call('read_text_file', { path: '/etc/hostname' }),
      files.call('search_files', { name: '*' }),
      files.call('file_info', { path: 'anything' }),
    ]);

    for (const call of calls) {
      expect(call.isError).toBe(true);
      expect(call.text).toBe(
        'No folder is shared yet, so the file tools cannot read anything: add one under Shared folders in MCP Toolkit ' +
          '(or MCP_SHARED_FOLDERS), then call this tool again.',
      );
    }
  });

  it('say so when no shared folder exists', async () => {
    const files = await tools({}, [path.join(base, 'gone')]);

    const { isError, text } = await files.call('read_text_file', { path: 'notes.txt' });

    expect(isError).toBe(true);
    expect(text).toBe(`None of the shared folders exists: ${path.join(base, 'gone')}. Check them under Shared folders in MCP Toolkit.`);
  });

  it('refuse a shared folder given as a relative path', () => {
    expect(() => createFilesProvider({ sharedFolders: ['relative/dir'] })).toThrow('must be an absolute path');
  });
});

describe('path confinement', () => {
  it('refuses paths outside the shared folders, however they are spelled', async () => {
    const files = await tools();

    const attempts = ['../outside/secret.txt', path.join(outside, 'secret.txt'), 'src/../../outside/secret.txt', '/etc/passwd'];
    const results = await Promise.all(attempts.map((attempt) => files.call('read_text_file', { path: attempt })));

    for (const [index, result] of results.entries()) {
      expect(result.isError).toBe(true);
      expect(result.text).toBe(`"${attempts[index]}" is outside the shared folders, so it cannot be read. Shared folders: ${shared}, ${other}.`);
    }
  });

  it('refuses symbolic links that lead outside, to files and to folders', async () => {
    const files = await tools();

    const fileLink = await files.call('read_text_file', { path: 'link-outside' });
    const folderLink = await files.call('read_text_file', { path: 'dir-link-outside/secret.txt' });
    const listing = await files.call('list_directory', { path: 'dir-link-outside' });
    const info = await files.call('file_info', { path: path.join(shared, 'link-outside') });

    for (const result of [fileLink, folderLink, listing, info]) {
      expect(result.isError).toBe(true);
      expect(result.text).toContain('leads outside the shared folders through a symbolic link');
      expect(result.text).not.toContain('TOP SECRET');
    }
  });

  it('follows links that stay inside, or lead to another shared folder, and tidy .. inside a folder', async () => {
    const files = await tools();

    expect((await files.call('read_text_file', { path: 'link-inside' })).text).toContain('TODO: fix the app');
    expect((await files.call('read_text_file', { path: 'link-to-other' })).text).toBe('# Other folder');
    expect((await files.call('read_text_file', { path: 'src/../notes.txt' })).text).toBe('alpha\nbeta\ngamma');
    expect((await files.call('read_text_file', { path: path.join(other, 'readme.md') })).isError).toBe(false);
  });

  it('reports a missing path as missing', async () => {
    const files = await tools();

    const { isError, text } = await files.call('file_info', { path: 'no/such/file.txt' });

    expect(isError).toBe(true);
    expect(text).toBe('"no/such/file.txt" does not exist.');
  });
});

describe('list_directory', () => {
  it('lists the shared folders when no path is given', async () => {
    const missing = path.join(base, 'not-created');
    const files = await tools({}, [shared, other, missing]);

    const { json } = await files.call('list_directory');

    expect(json).toEqual({
      sharedFolders: [
        { path: shared, exists: true },
        { path: other, exists: true },
        { path: missing, exists: false },
      ],
    });
  });

  it('lists a directory, folders first, links shown as links', async () => {
    const files = await tools();

    const { json } = await files.call('list_directory', { path: '.' });
    const listing = json as { path: string; entries: { name: string; type: string; size?: number }[]; total: number; truncated: boolean };

    expect(listing.path).toBe(shared);
    expect(listing.entries.map((entry) => `${entry.type}:${entry.name}`)).toEqual([
      'directory:.hidden',
      'directory:node_modules',
      'directory:src',
      'file:big.log',
      'file:bom.txt',
      'symlink:dir-link-outside',
      'file:image.png',
      'file:latin1.txt',
      'symlink:link-inside',
      'symlink:link-outside',
      'symlink:link-to-other',
      'file:notes.txt',
    ]);
    expect(listing.entries.find((entry) => entry.name === 'notes.txt')?.size).toBe(18);
    expect(listing).toMatchObject({ total: 12, truncated: false });
  });

  it('stops at the entry limit and says so, and refuses a file', async () => {
    const files = await tools({ maxListEntries: 2 });

    const { json } = await files.call('list_directory', { path: shared });
    const notDirectory = await files.call('list_directory', { path: 'notes.txt' });

    expect(json).toMatchObject({ total: 12, truncated: true });
    expect((json as { entries: unknown[] }).entries).toHaveLength(2);
    expect(notDirectory).toMatchObject({ isError: true, text: '"notes.txt" is a file, not a directory; use read_text_file or file_info.' });
  });
});

describe('read_text_file', () => {
  it('reads a whole file, CRLF or not, and drops a BOM', async () => {
    const files = await tools();

    const notes = await files.call('read_text_file', { path: 'notes.txt' });
    const bom = await files.call('read_text_file', { path: 'bom.txt' });

    expect(notes.result.content).toEqual([{ type: 'text', text: 'alpha\nbeta\ngamma' }]);
    expect(bom.text).toBe('with bom');
  });

  it('reads a range of lines and tells how to continue', async () => {
    const files = await tools();

    const middle = await files.call('read_text_file', { path: 'notes.txt', startLine: 2, maxLines: 1 });
    const tail = await files.call('read_text_file', { path: 'notes.txt', startLine: 3 });
    const past = await files.call('read_text_file', { path: 'notes.txt', startLine: 9 });

    expect(middle.result.content).toEqual([
      { type: 'text', text: 'beta' },
      { type: 'text', text: `[Lines 2–2 of 3 of ${path.join(shared, 'notes.txt')}. Call again with startLine=3 to continue.]` },
    ]);
    expect(tail.text).toBe(`gamma\n[Lines 3–3 of 3 of ${path.join(shared, 'notes.txt')}.]`);
    expect(past).toMatchObject({ isError: true, text: 'startLine 9 is past the end of "notes.txt", which has 3 lines.' });
  });

  it('cuts long output at a line boundary', async () => {
    const files = await tools({ maxOutputChars: 12 });

    const { result } = await files.call('read_text_file', { path: 'notes.txt' });

    expect(result.content[0]).toEqual({ type: 'text', text: 'alpha\nbeta' });
    expect(result.content[1]).toMatchObject({ text: expect.stringContaining('Call again with startLine=3') });
  });

  it('refuses large, binary and non-UTF-8 files, directories and FIFOs without blocking', async () => {
    const files = await tools();
    const fifo = path.join(shared, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const pipe = await files.call('read_text_file', { path: 'pipe' });
    await rm(fifo);

    const big = await files.call('read_text_file', { path: 'big.log' });
    const image = await files.call('read_text_file', { path: 'image.png' });
    const latin1 = await files.call('read_text_file', { path: 'latin1.txt' });
    const folder = await files.call('read_text_file', { path: 'src' });

    expect(big).toMatchObject({ isError: true, text: expect.stringContaining('"big.log" is 4.9 KiB; read_text_file reads files up to 1.0 KiB') });
    expect(image).toMatchObject({ isError: true, text: '"image.png" is not a UTF-8 text file (it looks binary), so it is not read.' });
    expect(latin1.isError).toBe(true);
    expect(folder).toMatchObject({ isError: true, text: '"src" is a directory; use list_directory to see what it holds.' });
    expect(pipe).toMatchObject({ isError: true, text: '"pipe" is not a regular file.' });
  });
});

describe('search_files', () => {
  type Search = { searched: string[]; results: { path: string; type?: string; matches?: { line: number; text: string }[] }[]; complete: boolean; stoppedBecause?: string; skipped: Record<string, number> };
  const search = async (files: ToolClient, args: Record<string, unknown>) => (await files.call('search_files', args)).json as Search;
  const relativePaths = (result: Search) => result.results.map((found) => path.relative(base, found.path));

  it('finds files by glob or substring, skipping hidden folders, node_modules and links', async () => {
    const files = await tools();

    const byGlob = await search(files, { name: '*.ts' });
    const bySubstring = await search(files, { name: 'HELP' });
    const byPathGlob = await search(files, { name: 'src/**/*.ts' });
    const everything = await search(files, { name: '*' });

    expect(byGlob.searched).toEqual([shared, other]);
    expect(relativePaths(byGlob)).toEqual(['shared/src/app.ts', 'shared/src/util/helper.ts']);
    expect(relativePaths(bySubstring)).toEqual(['shared/src/util/helper.ts']);
    expect(relativePaths(byPathGlob)).toEqual(['shared/src/app.ts', 'shared/src/util/helper.ts']);
    expect(relativePaths(everything)).not.toContain('shared/link-outside');
    expect(relativePaths(everything)).toContain('shared/node_modules');
    expect(relativePaths(everything)).not.toContain('shared/node_modules/pkg/index.js');
    expect(everything.skipped).toMatchObject({ symlinks: 4 });
    expect(byGlob.complete).toBe(true);
  });

  it('finds content with line numbers, ignoring case, never through links', async () => {
    const files = await tools({ maxReadBytes: 1024, maxScanFileBytes: 1024 });

    const todo = await search(files, { content: 'todo' });
    const hiddenToo = await search(files, { content: 'todo', includeHidden: true });
    const inDependency = await search(files, { path: 'node_modules', content: 'todo' });

    expect(todo.results).toEqual([
      { path: path.join(shared, 'src', 'app.ts'), matches: [{ line: 2, text: '// TODO: fix the app' }], matchingLines: 1 },
      { path: path.join(shared, 'src', 'util', 'helper.ts'), matches: [{ line: 3, text: '// todo later' }], matchingLines: 1 },
    ]);
    expect(todo.skipped).toMatchObject({ largeFiles: 1, binaryFiles: 1 });
    expect(relativePaths(hiddenToo)).toContain('shared/.hidden/secret.txt');
    expect(JSON.stringify(hiddenToo)).not.toContain('TOP SECRET');
    expect(relativePaths(inDependency)).toEqual(['shared/node_modules/pkg/index.js']);
  });

  it('combines name and content, and searches a single file', async () => {
    const files = await tools();

    const both = await search(files, { name: '*.ts', content: 'export' });
    const oneFile = await search(files, { path: 'src/app.ts', content: 'const' });

    expect(relativePaths(both)).toEqual(['shared/src/app.ts', 'shared/src/util/helper.ts']);
    expect(oneFile.results).toEqual([{ path: path.join(shared, 'src', 'app.ts'), matches: [{ line: 1, text: 'export const app = 1;' }], matchingLines: 1 }]);
  });

  it('stops at its bounds and says why', async () => {
    const files = await tools({ maxEntriesVisited: 3 });

    const capped = await search(files, { name: '*', maxResults: 1 });
    const visited = await search(files, { name: 'nothing-matches-this' });

    expect(capped.results).toHaveLength(1);
    expect(capped).toMatchObject({ complete: false, stoppedBecause: expect.stringContaining('found the maximum of 1 results') });
    expect(visited).toMatchObject({ complete: false, stoppedBecause: expect.stringContaining('visited the maximum of 3 entries') });
  });

  it('asks for something to search for, and refuses a path outside', async () => {
    const files = await tools();

    const nothing = await files.call('search_files', {});
    const outsidePath = await files.call('search_files', { path: outside, content: 'secret' });

    expect(nothing).toMatchObject({ isError: true, text: 'Give "name", "content" or both to search for.' });
    expect(outsidePath).toMatchObject({ isError: true, text: expect.stringContaining('is outside the shared folders') });
  });

  it('refuses a name pattern over 256 characters, and takes content and name characters literally', async () => {
    const files = await tools();

    const tooLong = await files.call('search_files', { name: '*?'.repeat(129) });
    const regexLike = await search(files, { content: '.*', name: '(*)' });
    const dotStar = await search(files, { content: 'export.*' });

    expect(tooLong).toMatchObject({ isError: true, text: expect.stringContaining('"name" is 258 characters long; patterns are limited to 256 characters.') });
    expect(regexLike.results).toEqual([]);
    expect(dotStar.results).toEqual([]);
  });
});

describe('file_info', () => {
  it('describes a file, a directory and a link', async () => {
    const files = await tools();

    const file = (await files.call('file_info', { path: 'notes.txt' })).json;
    const folder = (await files.call('file_info', { path: 'src' })).json;
    const link = (await files.call('file_info', { path: 'link-inside' })).json;

    expect(file).toMatchObject({
      path: path.join(shared, 'notes.txt'),
      realPath: path.join(shared, 'notes.txt'),
      isSymbolicLink: false,
      type: 'file',
      size: 18,
      sizeText: '18 B',
      sharedFolder: shared,
      permissions: expect.stringMatching(/^r[w-][x-]/),
      mode: expect.stringMatching(/^0[0-7]{3}$/),
    });
    expect(folder).toMatchObject({ type: 'directory' });
    expect(link).toMatchObject({ path: path.join(shared, 'link-inside'), realPath: path.join(shared, 'src', 'app.ts'), isSymbolicLink: true, type: 'file' });
  });
});
