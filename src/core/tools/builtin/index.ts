import type { ToolProvider } from '../types.js';
import { createFilesProvider } from './files.js';
import { createSystemProvider } from './system.js';
import { createTimeProvider } from './time.js';

export interface BuiltinProvidersOptions {
  /** Absolute paths the read-only file tools may read (`Settings.sharedFolders`). */
  readonly sharedFolders: readonly string[];
}

export interface BuiltinTools {
  readonly providers: ToolProvider[];
  /** Changes the folders the file tools read, for calls that start from now on. */
  setSharedFolders(folders: readonly string[]): void;
}

/** The tools MCP Toolkit serves out of the box: time, system information and read-only files. */
export function createBuiltinTools(options: BuiltinProvidersOptions): BuiltinTools {
  const files = createFilesProvider({ sharedFolders: options.sharedFolders });
  return { providers: [createTimeProvider(), createSystemProvider(), files], setSharedFolders: (folders) => files.setSharedFolders(folders) };
}

/** The built-in providers when their folders never change (stdio). */
export function createBuiltinProviders(options: BuiltinProvidersOptions): ToolProvider[] {
  return createBuiltinTools(options).providers;
}

export { createFilesProvider } from './files.js';
export type { FilesProvider, FilesProviderOptions } from './files.js';
export { DEFAULT_FILE_TOOL_LIMITS } from './files/limits.js';
export type { FileToolLimits } from './files/limits.js';
export { createSystemProvider } from './system.js';
export { createTimeProvider } from './time.js';
export type { TimeProviderOptions } from './time.js';
