/**
 * Runtime checks of the `agents.connect` / `agents.disconnect` requests (see
 * `contract-requests.ts`): a client id of the right shape, and `http` a
 * boolean. Which clients exist is the clients core's to say (`CLIENT_UNKNOWN`).
 * There is deliberately no way to ask for the key to be written into a file.
 */
import { AGENT_CLIENT_ID, type AgentClientRequest, type AgentConnectRequest } from './agent-clients-types.js';
import { isPlainObject } from './plain-object.js';
import { fail, ok, type Result } from './result.js';

const CLIENT_RULE = 'a client id such as "cursor" (see agents.listClients)';

export function parseAgentClientRequest(value: unknown): Result<AgentClientRequest> {
  return isPlainObject(value) && typeof value.client === 'string' && AGENT_CLIENT_ID.test(value.client)
    ? ok({ client: value.client })
    : fail('BAD_REQUEST', `expected { client } with ${CLIENT_RULE}`);
}

export function parseAgentConnectRequest(value: unknown): Result<AgentConnectRequest> {
  const parsed = parseAgentClientRequest(value);
  if (!parsed.ok) return parsed;
  const { http } = value as { http?: unknown };
  if (http === undefined) return parsed;
  return typeof http === 'boolean' ? ok({ ...parsed.value, http }) : fail('BAD_REQUEST', 'http is true or false');
}
