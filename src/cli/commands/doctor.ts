import { homedir } from 'node:os';
import type { PathContext } from '../../core/config/index.js';
import { createDoctorProbes, doctorExitCode, inspectSettings, runDoctor, type DoctorCheck, type DoctorProbes } from '../../core/doctor/index.js';
import { createKeychainStore } from '../../core/keychain/index.js';
import type { CliIO, Command } from '../command.js';

export interface DoctorCommandDeps {
  /** The machine's probes; the real ones by default. */
  readonly probes?: (paths: PathContext) => DoctorProbes;
  readonly nodeVersion?: string;
}

const LABEL = { ok: 'ok   ', warn: 'warn ', error: 'ERROR' } as const;

/** One line per check, `Fix:` on the same line, then a summary line. */
export function formatChecks(checks: readonly DoctorCheck[]): string {
  const lines = checks.map((c) => `${LABEL[c.severity]} ${c.check}: ${c.message}${c.fix === undefined ? '' : ` Fix: ${c.fix}`}`);
  const errors = checks.filter((c) => c.severity === 'error').length;
  const warnings = checks.filter((c) => c.severity === 'warn').length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const summary = errors === 0 && warnings === 0 ? 'Everything checked is in order.' : `${plural(errors, 'problem')}, ${plural(warnings, 'warning')}.`;
  return `${[...lines, '', summary].join('\n')}\n`;
}

function pathContextOf(io: CliIO): PathContext {
  return { platform: process.platform, env: io.env, homedir: io.env.HOME || io.env.USERPROFILE || homedir() };
}

const realProbes = (paths: PathContext): DoctorProbes => createDoctorProbes({ secrets: createKeychainStore({ timeoutMs: 5_000 }), pathContext: paths });

/** `mcp-toolkit doctor [--json]`: what would stop the toolkit from working here, and what to do about it. */
export function createDoctorCommand(deps: DoctorCommandDeps = {}): Command {
  return {
    name: 'doctor',
    summary: 'Check this machine and the settings, one line each with a fix (exit 1 when something is wrong)',
    help: `Usage: mcp-toolkit doctor [--json]

Checks, one line each with what to do when something is wrong:
  node              Node 22.12 or newer
  keychain          the OS keychain answers (an error only when the settings need it now)
  settings          the settings file and MCP_* variables are valid
  port              the server's port is free, or served by a running MCP Toolkit
  issuer.*          in oauth mode: issuer metadata, its keys, and the clock against the issuer's
  shared-folders    each shared folder exists and can be read
  upstream-command  each enabled stdio server's command is found
  client            the agent clients installed here, connected or not

Nothing is changed: a broken settings file is reported, not moved aside.
Exit code 0 when nothing is wrong (warnings included), 1 otherwise.

Options:
  --json   print the checks as a JSON array of { check, ok, severity, message, fix? }`,
    options: { json: { type: 'boolean' } },
    async run({ values }, io) {
      const paths = pathContextOf(io);
      const checks = await runDoctor(
        { nodeVersion: deps.nodeVersion ?? process.versions.node, settings: await inspectSettings(paths) },
        (deps.probes ?? realProbes)(paths),
      );
      io.stdout.write(values.json === true ? `${JSON.stringify(checks, null, 2)}\n` : formatChecks(checks));
      return doctorExitCode(checks);
    },
  };
}

export const doctorCommand = createDoctorCommand();
