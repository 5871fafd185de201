import { describe, expect, it } from 'vitest';
import { UsageError, type CliIO, type Command } from './command.js';
import { EXIT_USAGE, runCli } from './run.js';

function bufferIO(): CliIO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    env: {},
    signal: new AbortController().signal,
    out: () => out,
    err: () => err,
  };
}

const echo: Command = {
  name: 'echo',
  summary: 'Echo a word',
  help: 'Usage: mcp-toolkit echo [--loud] WORD',
  options: { loud: { type: 'boolean' } },
  allowPositionals: true,
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError('expected one word');
    io.stdout.write(`${values.loud ? positionals[0]!.toUpperCase() : positionals[0]}\n`);
    return 0;
  },
};

describe('runCli', () => {
  it('runs a command with its flags and positionals', async () => {
    const io = bufferIO();
    expect(await runCli(['echo', '--loud', 'hi'], io, [echo])).toBe(0);
    expect(io.out()).toBe('HI\n');
  });

  it('prints help for the program and for a command', async () => {
    const main = bufferIO();
    expect(await runCli(['--help'], main, [echo])).toBe(0);
    expect(main.out()).toContain('echo  Echo a word');
    const command = bufferIO();
    expect(await runCli(['echo', '--help'], command, [echo])).toBe(0);
    expect(command.out()).toContain('Usage: mcp-toolkit echo');
  });

  it('exits 2 with one clear line for unknown commands, unknown flags and usage errors', async () => {
    const unknown = bufferIO();
    expect(await runCli(['ehco'], unknown, [echo])).toBe(EXIT_USAGE);
    expect(unknown.err()).toBe('mcp-toolkit: unknown command "ehco". Commands: echo\n');

    const flag = bufferIO();
    expect(await runCli(['echo', '--lound', 'x'], flag, [echo])).toBe(EXIT_USAGE);
    expect(flag.err()).toMatch(/^mcp-toolkit echo: .*--lound/);

    const usage = bufferIO();
    expect(await runCli(['echo'], usage, [echo])).toBe(EXIT_USAGE);
    expect(usage.err()).toBe('mcp-toolkit echo: expected one word\n');
  });

  it('loads a lazily listed command only when it runs or shows its help', async () => {
    let loads = 0;
    const lazy = { name: 'echo', load: async () => (loads++, echo) };
    const io = bufferIO();
    expect(await runCli(['--version'], io, [lazy])).toBe(0);
    expect(await runCli(['ehco'], io, [lazy])).toBe(EXIT_USAGE);
    expect(loads).toBe(0);
    expect(await runCli(['echo', 'hi'], io, [lazy])).toBe(0);
    expect(await runCli(['--help'], io, [lazy])).toBe(0);
    expect(loads).toBe(2);
    expect(io.out()).toContain('echo  Echo a word');
  });

  it('without a command, shows the help on stdout and exits 2', async () => {
    const io = bufferIO();
    expect(await runCli([], io, [echo])).toBe(EXIT_USAGE);
    expect(io.out()).toContain('Usage: mcp-toolkit <command>');
  });
});
