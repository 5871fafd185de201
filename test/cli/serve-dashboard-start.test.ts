import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { cliMissing } from '../support/paths.js';
import { runCli } from '../support/cli-process.js';

let blocker: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (blocker ? blocker.close(resolve) : resolve(undefined)));
  blocker = undefined;
});

async function occupiedPort(): Promise<number> {
  blocker = createServer();
  await new Promise<void>((resolve) => blocker!.listen(0, '127.0.0.1', resolve));
  return (blocker.address() as { port: number }).port;
}

describe.skipIf(cliMissing())('mcp-toolkit serve --dashboard at start', () => {
  it('announces nothing and exits 1 with one line when the dashboard port is taken', async () => {
    const dashboardPort = await occupiedPort();
    const result = await runCli(['serve', '--dashboard', '--port', '0', '--dashboard-port', String(dashboardPort)]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      `mcp-toolkit serve: Dashboard port ${dashboardPort} on 127.0.0.1 is already in use: pick another with --dashboard-port (0 for any free port)`,
    ]);
  });
});
