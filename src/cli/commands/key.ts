import { createKeychainStore, isKeychainUnavailable, readApiKey, rotateApiKey, loadOrCreateApiKey, type SecretStore } from '../../core/keychain/index.js';
import { UsageError, type Command } from '../command.js';

/** `mcp-toolkit key show | rotate`, with the store injectable for tests. */
export function createKeyCommand(openStore: () => SecretStore = () => createKeychainStore()): Command {
  return {
    name: 'key',
    summary: 'Show or rotate the API key stored in the OS keychain',
    help: `Usage: mcp-toolkit key show | rotate

  show    print the stored API key (creating it on first use) on stdout
  rotate  replace the stored key with a new random one and print it;
          the old key stops working when the server next starts

The key lives in the OS keychain (service "mcp-toolkit"), never in a file.
This is the key named "default" of \`mcp-toolkit keys\` (one key per agent).
When MCP_API_KEY is set, the server also accepts that, as the key "env".`,
    options: {},
    allowPositionals: true,
    async run({ positionals }, io) {
      const [action, ...extra] = positionals;
      if ((action !== 'show' && action !== 'rotate') || extra.length > 0) {
        throw new UsageError('expected "show" or "rotate"');
      }
      const store = openStore();
      try {
        const key = action === 'show' ? ((await readApiKey(store)) ?? (await loadOrCreateApiKey(store))) : await rotateApiKey(store);
        io.stdout.write(`${key}\n`);
        if (action === 'rotate') io.stderr.write('mcp-toolkit key: new key stored; restart running servers to use it\n');
        if (io.env.MCP_API_KEY) io.stderr.write('mcp-toolkit key: note: MCP_API_KEY is set and overrides the stored key\n');
        return 0;
      } catch (error) {
        if (isKeychainUnavailable(error)) {
          io.stderr.write(`mcp-toolkit key: ${(error as Error).message}\n`);
          return 1;
        }
        throw error;
      }
    },
  };
}

export const keyCommand = createKeyCommand();
