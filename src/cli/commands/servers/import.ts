import { resolve } from 'node:path';
import { clientConfigPath, IMPORT_CLIENTS, isImportClient, readClientConfig } from '../../../core/gateway/client-configs.js';
import { planImport } from '../../../core/gateway/import-plan.js';
import { importServers, type ImportOutcome } from '../../../core/gateway/import-servers.js';
import { upstreamTarget } from '../../../core/gateway/upstream-target.js';
import type { NewUpstream } from '../../../core/gateway/manage-servers.js';
import { UsageError, type ParsedArgs } from '../../command.js';
import { expectArgs, onlyOptions, type ServersContext } from './context.js';

function describe(outcome: ImportOutcome, server: NewUpstream | undefined, dryRun: boolean): string {
  const label = outcome.name !== undefined && outcome.name !== outcome.source ? `${outcome.source} as ${outcome.name}` : outcome.source;
  const notes = outcome.notes.map((note) => `\n    ${note}`).join('');
  switch (outcome.status) {
    case 'added':
    case 'planned': {
      const target = server === undefined ? '' : ` (${server.kind}: ${upstreamTarget(server)})`;
      return `${dryRun ? 'would add' : 'added'} ${label}${target}${notes}`;
    }
    case 'skipped':
      return `skipped ${label}: ${outcome.reason ?? ''}${notes}`;
    case 'failed':
      return `${dryRun ? 'would fail' : 'failed'} ${label}: ${outcome.reason ?? ''}${notes}`;
  }
}

export async function importFromClient(context: ServersContext, args: readonly string[], values: ParsedArgs['values']): Promise<number> {
  onlyOptions(values, 'import', ['from', 'dry-run']);
  expectArgs(args, 0, `--from ${IMPORT_CLIENTS.join('|')}|FILE only`);
  const from = values.from;
  if (typeof from !== 'string' || from === '') throw new UsageError(`expected --from ${IMPORT_CLIENTS.join('|')}|FILE`);
  const dryRun = values['dry-run'] === true;
  const file = isImportClient(from) ? clientConfigPath(from, context.paths) : resolve(from);
  const read = await readClientConfig(file);
  if (!read.ok) throw new UsageError(read.problem);
  const plan = planImport(read.entries, (await context.manager.list()).map((s) => s.name));
  const outcomes = await importServers(context.manager, plan, { dryRun });
  const out = context.io.stdout;
  out.write(`${dryRun ? 'plan for' : 'imported from'} ${file}${dryRun ? ' (nothing changed)' : ''}:\n`);
  if (outcomes.length === 0) out.write('  no servers in the file\n');
  outcomes.forEach((outcome, index) => out.write(`  ${describe(outcome, plan[index]?.server, dryRun)}\n`));
  return !dryRun && outcomes.some((o) => o.status === 'failed') ? 1 : 0;
}
