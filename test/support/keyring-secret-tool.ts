import { execFile } from 'node:child_process';

/**
 * `secret-tool` (libsecret-tools): an independent Secret Service client, to
 * check what the keychain store really wrote. `@napi-rs/keyring` files
 * entries under the attributes `service` and `username`.
 * Secrets travel on stdin/stdout, never on the command line.
 */

const TIMEOUT_MS = 10_000;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function secretTool(args: readonly string[], input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = execFile('secret-tool', args, { timeout: TIMEOUT_MS }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(error);
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
    // `lookup` and `clear` never read stdin: when secret-tool has exited already, writing it fails with EPIPE, which is no failure of the test.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input ?? '');
  });
}

/** The secret stored for (service, username), or undefined when there is none. */
export async function secretToolLookup(service: string, username: string): Promise<string | undefined> {
  const run = await secretTool(['lookup', 'service', service, 'username', username]);
  return run.code === 0 ? run.stdout : undefined;
}

/** Stores a secret for (service, username) the way any other Secret Service client would. */
export async function secretToolStore(service: string, username: string, secret: string): Promise<void> {
  const run = await secretTool(
    ['store', `--label=${username}@${service} (test)`, 'service', service, 'username', username],
    secret,
  );
  if (run.code !== 0) throw new Error(`secret-tool store failed (${run.code}): ${run.stderr}`);
}

/** The attribute lines (`attribute.x = y`) of every item filed under `service`. */
export async function secretToolAttributes(service: string): Promise<string[]> {
  const run = await secretTool(['search', '--all', 'service', service]);
  return `${run.stdout}\n${run.stderr}`.split('\n').filter((line) => line.startsWith('attribute.'));
}
