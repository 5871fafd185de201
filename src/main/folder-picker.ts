import { dialog, type BrowserWindow } from 'electron';

/**
 * The native "choose a folder" dialog, attached to the settings window when it
 * is open: the chosen folder's absolute path, or `null` when the user cancelled.
 */
export async function pickFolder(parent: BrowserWindow | undefined): Promise<string | null> {
  const options = { title: 'Share a folder with the file tools', buttonLabel: 'Share folder', properties: ['openDirectory' as const] };
  const { canceled, filePaths } = parent && !parent.isDestroyed() ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return canceled ? null : (filePaths[0] ?? null);
}
