import type { Tool } from '@modelcontextprotocol/server';
import type { UpstreamSettings, UpstreamSignInView, UpstreamView } from '../../shared/gateway-types.js';
import { combinedToolName } from './tool-names.js';
import { upstreamTarget } from './upstream-target.js';
import type { PinCheck } from './tool-pins.js';
import type { UpstreamConnection } from './upstream-connection.js';

/** Lines of error output a view carries. */
const RECENT_OUTPUT_LINES = 20;

export interface UpstreamViewInput {
  readonly settings: UpstreamSettings;
  readonly connection: Pick<UpstreamConnection, 'status' | 'log'>;
  readonly tools: readonly Tool[];
  readonly pins: PinCheck | undefined;
  /** A remote server's sign-in (no token), when the toolkit signs in to it. */
  readonly signIn?: UpstreamSignInView | undefined;
  /** The name a tool is served under, when it is in the catalogue. */
  readonly servedName: (tool: string) => string | undefined;
}

/** What the CLI, the tray and the UI show of one upstream: no secret values, only names. */
export function upstreamView({ settings, connection, tools, pins, signIn, servedName }: UpstreamViewInput): UpstreamView {
  const status = connection.status();
  const pending = pins?.changed ?? [];
  const withheld = new Set(pending.map((change) => change.name));
  const disabled = new Set(settings.disabledTools);
  return {
    name: settings.name,
    kind: settings.kind,
    enabled: settings.enabled,
    state: settings.enabled ? status.state : 'disabled',
    needsApproval: pending.length > 0,
    target: upstreamTarget(settings),
    tools: tools.map((tool) => ({
      name: tool.name,
      served: servedName(tool.name) ?? combinedToolName(settings.name, tool.name),
      ...(tool.description !== undefined ? { description: tool.description } : {}),
      enabled: !disabled.has(tool.name),
      needsApproval: withheld.has(tool.name),
    })),
    pending: pending.map((change) => ({ name: change.name, ...(change.before !== undefined ? { before: change.before } : {}), after: change.after })),
    secrets: [...settings.secrets],
    ...(status.lastError !== undefined ? { lastError: status.lastError } : {}),
    ...(status.retryAt !== undefined ? { retryAt: status.retryAt } : {}),
    recentErrorOutput: connection.log.tail(RECENT_OUTPUT_LINES).map((line) => line.text),
    ...(signIn !== undefined ? { signIn } : {}),
  };
}
