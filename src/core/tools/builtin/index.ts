import type { ToolProvider } from '../types.js';
import { createFilesProvider } from './files.js';
import { createSystemProvider } from './system.js';
import { createTimeProvider } from './time.js';

export interface BuiltinProvidersOptions {
  /** Absolute paths the read-only file tools may read (`Settings.sharedFolders`). */
  readonly sharedFolders: readonly string[];
}

/** The tools MCP Toolkit serves out of the box: time, system information and read-only files. */
export function createBuiltinProviders(options: BuiltinProvidersOptions): ToolProvider[] {
  return [createTimeProvider(), createSystemProvider(), createFilesProvider({ sharedFolders: options.sharedFolders })];
}

export { createFilesProvider } from './files.js';
export type { FilesProviderOptions } from './files.js';
export { DEFAULT_FILE_TOOL_LIMITS } from './files/limits.js';
export type { FileToolLimits } from './files/limits.js';
export { createSystemProvider } from './system.js';
export { createTimeProvider } from './time.js';
export type { TimeProviderOptions } from './time.js';
