import { resolveLayers, settingsFilePath, type PathContext, type SettingsLayer } from '../config/index.js';
import { readRegularFile } from '../config/read-regular-file.js';
import { MAX_SETTINGS_FILE_BYTES } from '../config/settings-file.js';
import type { SettingsHealth } from './settings-check.js';

type FileRead = { readonly layer: SettingsLayer } | { readonly problem: string };

async function readLayer(filePath: string): Promise<FileRead> {
  try {
    const read = await readRegularFile(filePath, MAX_SETTINGS_FILE_BYTES);
    if (read.kind === 'missing') return { layer: {} };
    if (read.kind === 'refused') return { problem: read.problem };
    try {
      return { layer: JSON.parse(read.text.replace(/^\uFEFF/, '')) as SettingsLayer };
    } catch {
      return { problem: 'is not valid JSON' };
    }
  } catch (error) {
    return { problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
}

/**
 * The settings file with the environment on top, as `serve` would resolve
 * them, read without changing anything: unlike `loadSettingsFile`, a broken
 * file is reported, not moved aside.
 */
export async function inspectSettings(paths: PathContext): Promise<SettingsHealth> {
  const filePath = settingsFilePath(paths);
  const read = await readLayer(filePath);
  const { config, errors } = resolveLayers({ file: 'layer' in read ? read.layer : {}, env: paths.env });
  return {
    filePath,
    config,
    problems: errors.map((error) => error.message),
    ...('problem' in read ? { fileProblem: read.problem } : {}),
  };
}
