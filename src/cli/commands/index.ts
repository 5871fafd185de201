import type { LazyCommand } from '../command.js';

/**
 * Every `mcp-toolkit` command, in the order `--help` lists them, each loaded
 * on demand (a dynamic import is a chunk of its own in the build).
 */
export const COMMANDS: readonly LazyCommand[] = [
  { name: 'serve', load: async () => (await import('./serve.js')).serveCommand },
  { name: 'stdio', load: async () => (await import('./stdio.js')).stdioCommand },
  { name: 'bridge', load: async () => (await import('./bridge.js')).bridgeCommand },
  { name: 'servers', load: async () => (await import('./servers.js')).serversCommand },
  { name: 'clients', load: async () => (await import('./clients.js')).clientsCommand },
  { name: 'key', load: async () => (await import('./key.js')).keyCommand },
  { name: 'keys', load: async () => (await import('./keys.js')).keysCommand },
  { name: 'login', load: async () => (await import('./login.js')).loginCommand },
  { name: 'token', load: async () => (await import('./token.js')).tokenCommand },
  { name: 'logout', load: async () => (await import('./logout.js')).logoutCommand },
  { name: 'whoami', load: async () => (await import('./whoami.js')).whoamiCommand },
  { name: 'doctor', load: async () => (await import('./doctor.js')).doctorCommand },
];
