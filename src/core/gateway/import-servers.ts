import { describeFieldErrors, ServerManageError } from './manage-error.js';
import type { ImportItem } from './import-plan.js';
import type { ServerManager } from './manage-servers.js';

export interface ImportOutcome {
  readonly source: string;
  /** The toolkit's name for it (when it got one). */
  readonly name?: string;
  /** `planned`: a dry run found nothing against adding it. */
  readonly status: 'added' | 'planned' | 'skipped' | 'failed';
  readonly notes: readonly string[];
  /** Why it was skipped or failed. */
  readonly reason?: string;
}

/**
 * Applies an import plan (`planImport`) through the manager: each server
 * added with its secrets moved to the keychain, one at a time; one that is
 * refused (a command not on PATH…) is reported and the others go on. With
 * `dryRun` nothing changes: each server is only checked as `add` would.
 */
export async function importServers(manager: ServerManager, items: readonly ImportItem[], { dryRun = false } = {}): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  for (const item of items) {
    const { source, notes, server } = item;
    if (server === undefined) {
      outcomes.push({ source, status: 'skipped', notes, reason: item.skipped ?? 'cannot be imported' });
      continue;
    }
    try {
      if (dryRun) {
        const problems = await manager.check(server);
        if (Object.keys(problems).length > 0) throw new ServerManageError('SERVER_INVALID', describeFieldErrors(problems), problems);
      } else {
        await manager.add(server, item.secrets);
      }
      outcomes.push({ source, name: server.name, status: dryRun ? 'planned' : 'added', notes });
    } catch (error) {
      if (!(error instanceof ServerManageError)) throw error;
      const reason = dryRun ? error.message : error.message.replace(/^cannot add "[^"]*": /, '');
      outcomes.push({ source, name: server.name, status: 'failed', notes, reason });
    }
  }
  return outcomes;
}
