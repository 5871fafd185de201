/**
 * Names around the API keys (`api_key` mode). `API_KEY_ENV_VAR` is the
 * server's override (accepted as the key named `env`); agents never read it:
 * each gets its own named key from the keychain (`mcp-toolkit keys show NAME`),
 * through the bridge or its client's secret-free mechanism.
 */

/** The header a client sends the key in (header names are case-insensitive). */
export const API_KEY_HEADER = 'X-API-Key';

/** The variable the server (CLI or desktop app) reads its API key from; it wins over the keychain. */
export const API_KEY_ENV_VAR = 'MCP_API_KEY';
