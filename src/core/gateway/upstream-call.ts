import type { Client } from '@modelcontextprotocol/client';
import type { CallToolResult, ServerContext } from '@modelcontextprotocol/server';
import type { Metrics } from '../metrics/index.js';
import { toolError } from '../tools/tool-result.js';

/** Where a served tool leads, and what to say when that upstream cannot take the call. */
export interface UpstreamCallTarget {
  readonly server: string;
  readonly tool: string;
  readonly timeoutMs: number;
  /**
   * The connected client, or why there is none ("exited with code 1 three
   * times in 60 s; …"), or the whole refusal to give the agent (the server
   * needs a sign-in: the message names it and says how).
   */
  readonly connection: () => { client: Client } | { reason: string } | { refusal: string };
  /** The agent's tool error when a failed call means the user must sign in (a remote server the toolkit signs in to). */
  readonly signInRefusal?: (error: unknown) => string | undefined;
  readonly metrics?: Metrics;
}

const MAX_REASON_CHARS = 500;

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n', 1)[0]!.trim() || 'unknown error';
  return line.length > MAX_REASON_CHARS ? `${line.slice(0, MAX_REASON_CHARS)}…` : line;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && /timed? ?out/i.test(error.message);
}

/**
 * Calls one upstream tool for an agent: arguments and result pass unchanged
 * (content, `structuredContent`, `isError`, `_meta`); the agent's progress
 * token is honoured (the upstream's progress reaches the agent), the agent's
 * cancellation (or its dropped connection) cancels the upstream request, and
 * the call ends after the server's timeout (reset by progress). Every failure
 * comes back as a readable tool error naming the server, never a hang.
 */
export async function callUpstreamTool(target: UpstreamCallTarget, args: Record<string, unknown>, ctx: ServerContext): Promise<CallToolResult> {
  const { server, tool, timeoutMs, metrics } = target;
  const live = target.connection();
  if (!('client' in live)) {
    metrics?.increment('upstream_calls_total', { server, tool, outcome: 'unavailable' });
    return toolError('refusal' in live ? live.refusal : `upstream \`${server}\` is not running: ${live.reason}`);
  }
  const progressToken = ctx.mcpReq._meta?.progressToken;
  const started = performance.now();
  const count = (outcome: string): void => {
    metrics?.increment('upstream_calls_total', { server, tool, outcome });
    metrics?.increment('upstream_call_seconds_total', { server }, (performance.now() - started) / 1000);
  };
  try {
    const result = (await live.client.callTool(
      { name: tool, arguments: args },
      {
        signal: ctx.mcpReq.signal,
        timeout: timeoutMs,
        resetTimeoutOnProgress: true,
        ...(progressToken !== undefined
          ? {
              onprogress: (progress) =>
                void ctx.mcpReq.notify({ method: 'notifications/progress', params: { ...progress, progressToken } }).catch(() => undefined),
            }
          : {}),
      },
    )) as CallToolResult;
    count(result.isError === true ? 'tool_error' : 'ok');
    return result;
  } catch (error) {
    if (ctx.mcpReq.signal.aborted) {
      count('cancelled');
      return toolError(`the call to \`${tool}\` on upstream \`${server}\` was cancelled`);
    }
    if (isTimeout(error)) {
      count('timeout');
      return toolError(`upstream \`${server}\` did not answer \`${tool}\` within ${seconds(timeoutMs)}`);
    }
    // The transport reports a refused token before the call fails, so the upstream may already wait for a sign-in.
    const after = target.connection();
    const refusal = target.signInRefusal?.(error) ?? ('refusal' in after ? after.refusal : undefined);
    if (refusal !== undefined) {
      count('unauthorized');
      return toolError(refusal);
    }
    count('error');
    return toolError(`upstream \`${server}\` failed on \`${tool}\`: ${reasonOf(error)}`);
  }
}
