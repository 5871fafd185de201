import { stat } from 'node:fs/promises';
import type { PathContext } from '../config/paths.js';
import { findCommand } from '../gateway/find-command.js';
import type { ClientSpec } from './client-table.js';

/** Whether a program of that name is on the user's PATH. */
export type ProgramFinder = (name: string) => boolean;

export function programFinder(paths: PathContext): ProgramFinder {
  const path = paths.env.PATH ?? paths.env.Path;
  return (name) => findCommand(name, { path, cwd: paths.homedir, platform: paths.platform, pathext: paths.env.PATHEXT }) !== undefined;
}

async function exists(path: string, folder: boolean): Promise<boolean> {
  try {
    const info = await stat(path);
    return folder ? info.isDirectory() : info.isFile();
  } catch {
    return false;
  }
}

/**
 * A client is installed when its config folder or file exists, or its program
 * is on PATH. Nothing is run and nothing goes on the network.
 */
export async function isInstalled(spec: ClientSpec, paths: PathContext, hasProgram: ProgramFinder): Promise<boolean> {
  for (const folder of spec.folders(paths)) if (await exists(folder, true)) return true;
  if (await exists(spec.file(paths), false)) return true;
  return spec.programs.some(hasProgram);
}
