import { homedir } from 'node:os';
import { namedKeysIndexFile, type PathContext } from '../../core/config/paths.js';
import { createKeychainStore, isKeychainUnavailable, type SecretStore } from '../../core/keychain/index.js';
import { NamedKeyError } from '../../core/keys/key-names.js';
import { createNamedKeys, type NamedKeyInfo, type NamedKeys } from '../../core/keys/named-keys.js';
import { API_KEY_HEADER } from '../../shared/api-key.js';
import { UsageError, type CliIO, type Command, type ParsedArgs } from '../command.js';
import { KEYS_HELP, KEYS_SUMMARY, keysHelpFor } from './keys/help.js';

type Subcommand = (keys: NamedKeys, args: readonly string[], values: ParsedArgs['values'], io: CliIO) => Promise<number>;

const SUBCOMMANDS: Record<string, { usage: string; options: readonly string[]; run: Subcommand }> = {
  create: {
    usage: 'create NAME',
    options: [],
    run: async (keys, [name], _values, io) => {
      io.stdout.write(`${await keys.create(name!)}\n`);
      io.stderr.write(`mcp-toolkit keys: key "${name}" stored in the OS keychain\n`);
      return 0;
    },
  },
  list: {
    usage: 'list',
    options: ['json'],
    run: async (keys, _args, values, io) => {
      const listed = await keys.list();
      io.stdout.write(values.json === true ? `${JSON.stringify(listed.map(toJson), null, 2)}\n` : table(listed));
      if (io.env.MCP_API_KEY?.trim()) io.stderr.write('mcp-toolkit keys: MCP_API_KEY is set: the server also accepts it, as the key "env"\n');
      return 0;
    },
  },
  show: {
    usage: 'show NAME',
    options: ['header-json'],
    run: async (keys, [name], values, io) => {
      const value = await keys.show(name!);
      io.stdout.write(values['header-json'] === true ? `${JSON.stringify({ [API_KEY_HEADER]: value })}\n` : `${value}\n`);
      return 0;
    },
  },
  revoke: {
    usage: 'revoke NAME',
    options: [],
    run: async (keys, [name], _values, io) => {
      await keys.revoke(name!);
      io.stderr.write(`mcp-toolkit keys: key "${name}" revoked\n`);
      return 0;
    },
  },
};

/** `mcp-toolkit keys create | list | show | revoke`, with the keychain injectable for tests. */
export function createKeysCommand(openStore: () => SecretStore = () => createKeychainStore()): Command {
  return {
    name: 'keys',
    summary: KEYS_SUMMARY,
    help: KEYS_HELP,
    helpFor: keysHelpFor,
    options: { json: { type: 'boolean' }, 'header-json': { type: 'boolean' } },
    allowPositionals: true,
    async run({ values, positionals }, io) {
      const [word, ...args] = positionals;
      const subcommand = word === undefined ? undefined : SUBCOMMANDS[word];
      if (subcommand === undefined) {
        throw new UsageError(`${word === undefined ? 'expected a subcommand' : `unknown subcommand "${word}"`}: ${Object.keys(SUBCOMMANDS).join(', ')} (see \`mcp-toolkit keys --help\`)`);
      }
      const expected = subcommand.usage.split(' ').length - 1;
      if (args.length !== expected) throw new UsageError(`expected \`keys ${subcommand.usage}\``);
      for (const [option, value] of Object.entries(values)) {
        if (value !== undefined && !subcommand.options.includes(option)) throw new UsageError(`--${option} is not an option of "keys ${word}" (see \`mcp-toolkit keys ${word} --help\`)`);
      }
      const keys = createNamedKeys({ secrets: openStore(), indexFile: namedKeysIndexFile(pathContext(io)), envKey: io.env.MCP_API_KEY });
      try {
        return await subcommand.run(keys, args, values, io);
      } catch (error) {
        if (error instanceof NamedKeyError) throw new UsageError(error.message);
        if (isKeychainUnavailable(error)) {
          io.stderr.write(`mcp-toolkit keys: ${(error as Error).message}\n`);
          return 1;
        }
        throw error;
      }
    },
  };
}

/** The user's settings folder, from the environment first (`MCP_TOOLKIT_HOME`, `HOME`) so tests can point it elsewhere. */
function pathContext(io: CliIO): PathContext {
  return { platform: process.platform, env: io.env, homedir: io.env.HOME || io.env.USERPROFILE || homedir() };
}

function toJson(key: NamedKeyInfo) {
  return { name: key.name, createdAt: iso(key.createdAt), lastUsedAt: key.lastUsedAt === undefined ? null : iso(key.lastUsedAt) };
}

function table(keys: readonly NamedKeyInfo[]): string {
  if (keys.length === 0) return 'No keys yet: `mcp-toolkit keys create NAME` makes one.\n';
  const rows = [['NAME', 'CREATED', 'LAST USED'], ...keys.map((key) => [key.name, iso(key.createdAt), key.lastUsedAt === undefined ? 'never' : iso(key.lastUsedAt)])];
  const width = Math.max(...rows.map((row) => row[0]!.length));
  const createdWidth = Math.max(...rows.map((row) => row[1]!.length));
  return rows.map(([name, created, used]) => `${name!.padEnd(width)}  ${created!.padEnd(createdWidth)}  ${used}`).join('\n') + '\n';
}

/** A time to the second, UTC: `2025-01-02T03:04:05Z`. */
function iso(time: number): string {
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const keysCommand = createKeysCommand();
