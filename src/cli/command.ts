import type { ParseArgsConfig } from 'node:util';

/** Where a command reads and writes: the process in real use, buffers in tests. */
export interface CliIO {
  readonly stdout: { write(chunk: string): unknown };
  readonly stderr: { write(chunk: string): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted on SIGINT/SIGTERM. */
  readonly signal: AbortSignal;
}

export interface ParsedArgs {
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: readonly string[];
}

/** One `mcp-toolkit <name>` command. */
export interface Command {
  readonly name: string;
  /** One line for the command list in `mcp-toolkit --help`. */
  readonly summary: string;
  /** Full `--help` text. */
  readonly help: string;
  /** The `--help` text for these arguments (a subcommand's own), when the command has several. */
  helpFor?(args: readonly string[]): string | undefined;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  readonly allowPositionals?: boolean;
  /** Resolves to the process exit code. Throws `UsageError` for bad usage (exit 2). */
  run(args: ParsedArgs, io: CliIO): Promise<number>;
}

/** Bad command-line usage or invalid configuration: printed as one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * A command the dispatcher knows by name only: its module (and whatever that
 * imports) is loaded when the command runs or shows its help, so `serve` does
 * not start by parsing `doctor`, `login` or `clients`.
 */
export interface LazyCommand {
  readonly name: string;
  load(): Promise<Command>;
}
