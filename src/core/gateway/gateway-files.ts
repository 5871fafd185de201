import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Gateway } from './gateway.js';
import { writeGatewayState } from './gateway-state-file.js';

/** Where a host keeps the gateway's files: upstream logs and published state, approved tool definitions. */
export interface GatewayFiles {
  readonly stateDir: string;
  readonly pinsFile: string;
}

const SETTLE_MS = 100;

/**
 * Keeps the gateway's files in step with a running gateway: its state is
 * published for `mcp-toolkit servers …` in other terminals after every
 * change, and approvals written to the pins file by another process (`servers
 * approve`) are read back. Returns the function that stops both.
 */
export function followGatewayFiles(gateway: Gateway, files: GatewayFiles, log: (line: string) => void): () => void {
  let publishTimer: NodeJS.Timeout | undefined;
  const publish = (): void => {
    clearTimeout(publishTimer);
    publishTimer = setTimeout(() => {
      writeGatewayState(files.stateDir, gateway.views()).catch((error: Error) => log(`[gateway] cannot publish its state in ${files.stateDir}: ${error.message}`));
    }, SETTLE_MS);
    publishTimer.unref();
  };
  const stopPublishing = gateway.onChange(publish);
  publish();

  let pinsTimer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  try {
    // The folder, not the file: an atomic save replaces the file, which would end a watch on it.
    watcher = watch(dirname(files.pinsFile), (_event, name) => {
      if (name !== null && name.toString() !== basename(files.pinsFile)) return;
      clearTimeout(pinsTimer);
      pinsTimer = setTimeout(() => void gateway.reloadPins(), SETTLE_MS);
      pinsTimer.unref();
    });
    watcher.on('error', () => watcher?.close());
  } catch {
    // No folder yet (nothing was ever approved): approvals from elsewhere are read at the next start.
  }
  return () => {
    stopPublishing();
    clearTimeout(publishTimer);
    clearTimeout(pinsTimer);
    watcher?.close();
  };
}
