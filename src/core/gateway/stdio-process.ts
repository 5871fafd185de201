import { spawn, type ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Transport } from '@modelcontextprotocol/client';
import type { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { loadedClientSdk } from './client-sdk.js';
import { commandNotFoundMessage, findCommand } from './find-command.js';
import { envValue, minimalEnvironment } from './minimal-env.js';
import { UpstreamStartError } from './upstream-error.js';
import type { StdioUpstream } from './upstream-spec.js';
import { watchdogArgs } from './watchdog-script.js';

/** How the process the toolkit started ended. */
export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface StdioProcessOptions {
  /** The upstream's secrets, added to its environment (over `spec.env`). */
  readonly secrets?: Readonly<Record<string, string>>;
  /** The toolkit's environment the minimal one is taken from. Defaults to `process.env`. */
  readonly parentEnv?: NodeJS.ProcessEnv;
  /** The process whose death ends the upstream. Defaults to `process.pid`. */
  readonly parentPid?: number;
  /** After SIGTERM, how long the server's group has before SIGKILL. Default 2 s. */
  readonly graceMs?: number;
  /** After closing stdin, how long `stop()` waits before SIGTERM. Default 0.5 s. */
  readonly stdinGraceMs?: number;
  readonly platform?: NodeJS.Platform;
}

/** One stdio upstream's process, not yet started: `client.connect(transport)` starts it. */
export interface StdioProcess {
  /** The SDK's stdio transport, for `Client.connect`. */
  readonly transport: Transport;
  /** The server's error output (the transport's piped stderr), readable before start. */
  readonly stderr: Readable;
  /** The process the toolkit spawned (the watchdog `sh` on POSIX), once started. */
  readonly pid: number | undefined;
  /** Resolves when that process exited, which it does only once the server's whole tree is gone. */
  readonly exit: Promise<ProcessExit>;
  /**
   * Ends the server and every process of its tree: closes its stdin, then
   * SIGTERM to its process group, then SIGKILL; resolves when all are gone
   * (within about 4 s). On Windows: `taskkill /T /F` on the tree.
   */
  stop(): Promise<void>;
}

const DEFAULT_GRACE_MS = 2_000;
const DEFAULT_STDIN_GRACE_MS = 500;
/** Extra time the watchdog gets after the grace period, to see its group go. */
const WATCHDOG_SLACK_MS = 1_500;

function delay(ms: number): Promise<'timeout'> {
  return new Promise((resolve) => setTimeout(() => resolve('timeout'), ms).unref());
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The SDK's `StdioClientTransport`, which keeps its child process to itself:
 * the exit code and the pipes are read from its `_process` field right after
 * it started. If a later SDK renames that field, starting fails loudly here
 * (and the supervision tests with it) rather than losing processes silently.
 */
/**
 * Largest message an upstream may send on stdout. Above the SDK's 10 MiB, so
 * a 10 MB tool result (plus its JSON framing) passes; a larger one closes the
 * connection and the upstream restarts, as any broken stream does.
 */
const MAX_UPSTREAM_MESSAGE_BYTES = 64 * 1024 * 1024;

type TreeStdioTransport = StdioClientTransport & { child: ChildProcess | undefined };
type TreeStdioTransportClass = new (parameters: ConstructorParameters<typeof StdioClientTransport>[0], onChild: (child: ChildProcess) => void) => TreeStdioTransport;

let treeStdioTransport: TreeStdioTransportClass | undefined;

/** The class, made once over the SDK's transport (loaded by then: `loadClientSdk()` comes before any upstream starts). */
function treeStdioTransportClass(): TreeStdioTransportClass {
  if (treeStdioTransport !== undefined) return treeStdioTransport;
  const sdk = loadedClientSdk();
  if (sdk === undefined) throw new Error('the MCP client SDK is not loaded: call loadClientSdk() before starting an upstream');
  treeStdioTransport = class extends sdk.stdio.StdioClientTransport {
    child: ChildProcess | undefined;
    private readonly onChild: (child: ChildProcess) => void;

    constructor(parameters: ConstructorParameters<typeof StdioClientTransport>[0], onChild: (child: ChildProcess) => void) {
      super(parameters);
      this.onChild = onChild;
    }

    override async start(): Promise<void> {
      await super.start();
      const child = (this as unknown as { _process?: unknown })._process;
      if (typeof child !== 'object' || child === null || !('once' in child) || !('kill' in child)) {
        await super.close();
        throw new Error('the MCP SDK stdio transport no longer exposes its child process; update src/core/gateway/stdio-process.ts');
      }
      this.child = child as ChildProcess;
      this.onChild(this.child);
    }
  };
  return treeStdioTransport;
}

/**
 * Prepares a stdio upstream: its minimal environment (`minimal-env.ts`) with
 * its own variables and secrets, its command looked up on that PATH (a clear
 * {@link UpstreamStartError} when it is not there), and on POSIX the
 * `watchdog-script.ts` wrapper that keeps its process tree from outliving the
 * toolkit. On Windows there is no watchdog: `stop()` ends the tree with
 * `taskkill /T /F`, but a toolkit killed outright leaves a server that ignores
 * the end of its stdin running.
 */
export function createStdioProcess(spec: StdioUpstream, options: StdioProcessOptions = {}): StdioProcess {
  const platform = options.platform ?? process.platform;
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  const stdinGraceMs = options.stdinGraceMs ?? DEFAULT_STDIN_GRACE_MS;
  const env = minimalEnvironment(options.parentEnv ?? process.env, { ...spec.env, ...options.secrets }, { platform });
  const cwd = spec.cwd ?? process.cwd();
  if (spec.cwd !== undefined && !isFolder(spec.cwd)) throw new UpstreamStartError('UPSTREAM_INVALID_SPEC', `the working folder \`${spec.cwd}\` does not exist`);
  const resolved = findCommand(spec.command, { path: envValue(env, 'PATH', platform), cwd, platform, pathext: envValue(env, 'PATHEXT', platform) });
  if (resolved === undefined) throw new UpstreamStartError('UPSTREAM_COMMAND_NOT_FOUND', commandNotFoundMessage(spec.command));

  const parameters =
    platform === 'win32'
      ? { command: resolved, args: [...spec.args] }
      : { command: '/bin/sh', args: watchdogArgs(options.parentPid ?? process.pid, graceMs, resolved, spec.args) };

  let child: ChildProcess | undefined;
  let exited = false;
  let settleExit: (exit: ProcessExit) => void = () => undefined;
  const exit = new Promise<ProcessExit>((resolve) => (settleExit = resolve));
  exit.then(() => (exited = true), () => undefined);

  const TreeStdio = treeStdioTransportClass();
  const transport = new TreeStdio({ ...parameters, env, cwd: spec.cwd, stderr: 'pipe', maxBufferSize: MAX_UPSTREAM_MESSAGE_BYTES }, (started) => {
    child = started;
    if (started.exitCode !== null || started.signalCode !== null) settleExit({ code: started.exitCode, signal: started.signalCode });
    else started.once('exit', (code, signal) => settleExit({ code, signal }));
  });
  const stderr = transport.stderr as Readable;

  async function endTree(running: ChildProcess): Promise<void> {
    if (platform === 'win32') {
      const killer = spawn('taskkill', ['/T', '/F', '/PID', String(running.pid)], { stdio: 'ignore', windowsHide: true });
      killer.on('error', () => running.kill());
      if ((await Promise.race([exit, delay(graceMs + WATCHDOG_SLACK_MS)])) !== 'timeout') return;
      running.kill('SIGKILL');
      return;
    }
    running.kill('SIGTERM');
    if ((await Promise.race([exit, delay(graceMs + WATCHDOG_SLACK_MS)])) !== 'timeout') return;
    // The watchdog did not finish: kill it; its watcher then ends the group within a second.
    running.kill('SIGKILL');
  }

  return {
    transport,
    stderr,
    get pid() {
      return child?.pid;
    },
    exit,
    async stop() {
      const running = child;
      if (running === undefined) {
        settleExit({ code: null, signal: null });
        return;
      }
      if (exited) return;
      running.stdin?.end();
      if ((await Promise.race([exit, delay(stdinGraceMs)])) !== 'timeout') return;
      await endTree(running);
      await Promise.race([exit, delay(1_000)]);
    },
  };
}
