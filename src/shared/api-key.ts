/**
 * Names around the API key (`api_key` mode). Two environment variables exist,
 * on either side of the connection, and they must not be confused:
 * `API_KEY_ENV_VAR` is read by the server, `AGENT_API_KEY_ENV_VAR`
 * (src/shared/agent-snippets.ts) by the agents' configurations.
 */

/** The header a client sends the key in (header names are case-insensitive). */
export const API_KEY_HEADER = 'X-API-Key';

/** The variable the server (CLI or desktop app) reads its API key from; it wins over the keychain. */
export const API_KEY_ENV_VAR = 'MCP_API_KEY';
