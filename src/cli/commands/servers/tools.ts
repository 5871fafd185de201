import { isPlainObject } from '../../../shared/plain-object.js';
import type { UpstreamSettings, UpstreamToolView } from '../../../shared/gateway-types.js';
import { approvePins, comparePins, probeUpstreamTools } from '../../../core/gateway/probe-tools.js';
import { ToolNameTable } from '../../../core/gateway/tool-names.js';
import type { PinnedDefinition } from '../../../core/gateway/tool-pins.js';
import { UpstreamStartError } from '../../../core/gateway/upstream-error.js';
import { specFromSettings, usesSignIn } from '../../../core/gateway/upstream-spec.js';
import { UsageError, type ParsedArgs } from '../../command.js';
import { expectArgs, findServer, gatewayView, listOption, onlyOptions, type ServersContext } from './context.js';

/** Starts the server briefly and lists its tools, or says in one line why it did not start. */
async function probe(context: ServersContext, server: UpstreamSettings): Promise<PinnedDefinition[] | undefined> {
  context.io.stderr.write(`mcp-toolkit servers: no running gateway serves ${server.name}; starting it briefly to list its tools\n`);
  try {
    const spec = specFromSettings(server);
    const logins = usesSignIn(spec) ? context.logins() : undefined;
    return await probeUpstreamTools({ server, secrets: context.secrets, stateDir: context.stateDir, ...(logins !== undefined && spec.kind === 'http' ? { authProvider: logins.providerFor(spec) } : {}) });
  } catch (error) {
    if (!(error instanceof UpstreamStartError)) throw error;
    context.io.stderr.write(`mcp-toolkit servers: ${server.name} did not start: ${error.message.replace(/\s*\n\s*/g, ' ')}\n`);
    return undefined;
  }
}

/** The tools of a server the gateway does not run: listed by starting it, compared with the approved definitions. */
async function probedToolViews(context: ServersContext, server: UpstreamSettings): Promise<UpstreamToolView[] | undefined> {
  const tools = await probe(context, server);
  if (tools === undefined) return undefined;
  const check = await comparePins(context.pinsFile, server.name, tools);
  const changed = new Set(check.changed.map((c) => c.name));
  const names = new ToolNameTable();
  return tools.map((tool) => ({
    name: tool.name,
    served: names.add(server.name, tool.name),
    ...(tool.description !== undefined ? { description: tool.description } : {}),
    enabled: !server.disabledTools.includes(tool.name),
    needsApproval: changed.has(tool.name),
  }));
}

function toolTable(tools: readonly UpstreamToolView[]): string {
  if (tools.length === 0) return 'no tools\n';
  const width = Math.max(4, ...tools.map((t) => t.name.length));
  const servedWidth = Math.max(8, ...tools.map((t) => t.served.length));
  const line = (name: string, state: string, served: string, note: string) => `${name.padEnd(width)}  ${state.padEnd(5)}  ${note === '' ? served : `${served.padEnd(servedWidth)}  ${note}`}`;
  const rows = tools.map((t) => line(t.name, t.enabled ? 'on' : 'off', t.served, t.needsApproval ? 'needs approval' : ''));
  return `${[line('TOOL', 'STATE', 'SERVED AS', ''), ...rows].join('\n')}\n`;
}

export async function serverTools(context: ServersContext, args: readonly string[], values: ParsedArgs['values']): Promise<number> {
  onlyOptions(values, 'tools', ['enable', 'disable']);
  const [name] = expectArgs(args, 1, 'NAME: servers tools NAME [--enable TOOL]... [--disable TOOL]...') as [string];
  const enable = listOption(values, 'enable');
  const disable = listOption(values, 'disable');
  const both = enable.filter((tool) => disable.includes(tool));
  if (both.length > 0) throw new UsageError(`${both[0]} is both enabled and disabled`);
  if (enable.length > 0 || disable.length > 0) {
    const server = await context.manager.setTools(name, { enable, disable });
    const off = new Set(server.disabledTools);
    context.io.stdout.write(`${name}: ${[...enable, ...disable].map((tool) => `${tool} ${off.has(tool) ? 'off' : 'on'}`).join(', ')}\n`);
    return 0;
  }
  const server = await findServer(context, name);
  const view = await gatewayView(context, name);
  const tools = view?.state === 'running' ? view.tools : await probedToolViews(context, server);
  if (tools === undefined) return 1;
  context.io.stdout.write(toolTable(tools));
  if (tools.some((t) => t.needsApproval)) context.io.stderr.write(`mcp-toolkit servers: changed tools are withheld until approved: \`mcp-toolkit servers approve ${name}\`\n`);
  return 0;
}

function isDefinition(value: unknown): value is PinnedDefinition {
  return isPlainObject(value) && typeof value.name === 'string';
}

export async function approveServer(context: ServersContext, args: readonly string[], values: ParsedArgs['values']): Promise<number> {
  onlyOptions(values, 'approve', []);
  const [name] = expectArgs(args, 1, 'NAME: servers approve NAME') as [string];
  const server = await findServer(context, name);
  const view = await gatewayView(context, name);
  let approved: string[];
  if (view?.state === 'running') {
    // The running gateway's pending definitions, exactly as it showed them; it watches the pins file.
    const definitions = view.pending.map((change) => change.after).filter(isDefinition);
    if (definitions.length > 0) await approvePins(context.pinsFile, name, definitions);
    approved = definitions.map((d) => d.name);
  } else {
    const tools = await probe(context, server);
    if (tools === undefined) return 1;
    const check = await comparePins(context.pinsFile, name, tools);
    if (check.changed.length > 0) await approvePins(context.pinsFile, name, tools, { replace: true });
    approved = check.changed.map((c) => c.name);
  }
  context.io.stdout.write(approved.length === 0 ? `${name}: nothing to approve\n` : `${name}: approved ${approved.join(', ')}\n`);
  return 0;
}
