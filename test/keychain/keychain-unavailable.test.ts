import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROBE_SECRET } from '../support/keyring-unavailable-probe.js';

/**
 * With no Secret Service on the session bus, the keychain store must fail
 * loudly (KEYCHAIN_UNAVAILABLE) instead of quietly keeping secrets in the
 * kernel keyring or in memory. The probe runs in a child process whose
 * DBUS_SESSION_BUS_ADDRESS points at a socket that does not exist, so this
 * test needs no keyring and runs everywhere.
 */

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const probePath = fileURLToPath(new URL('../support/keyring-unavailable-probe.ts', import.meta.url));

// vite (a dev dependency) loads the TypeScript probe in a plain Node child.
const launcher = `
  const { runnerImport } = await import('vite');
  const { module } = await runnerImport(${JSON.stringify(probePath)}, { configFile: false, logLevel: 'silent' });
  await module.runProbe();
`;

interface StepReport {
  step: string;
  outcome: 'resolved' | 'rejected';
  name?: string;
  code?: string;
  message?: string;
  source?: string;
}

function runProbeWithoutSecretService(): Promise<{ steps: StepReport[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '--eval', launcher],
      {
        cwd: repoRoot,
        timeout: 20_000,
        env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/mcp-toolkit-test-bus', DISPLAY: '' },
      },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`probe failed: ${error.message}\n${stderr}`));
        const steps = stdout
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as StepReport);
        resolve({ steps, stderr });
      },
    );
  });
}

describe('keychain store on a machine without a Secret Service', () => {
  it('rejects every operation with KEYCHAIN_UNAVAILABLE, and the API key falls back only to MCP_API_KEY', async () => {
    const { steps, stderr } = await runProbeWithoutSecretService();
    const byStep = Object.fromEntries(steps.map((report) => [report.step, report]));

    for (const operation of ['get', 'set', 'delete'] as const) {
      expect(byStep[operation], operation).toMatchObject({
        outcome: 'rejected',
        name: 'KeychainUnavailableError',
        code: 'KEYCHAIN_UNAVAILABLE',
      });
      expect(byStep[operation]?.message).toMatch(/^No OS keychain answered: could not \w+ "api-key" in service "mcp-toolkit"/);
    }

    // Without an env key the caller is told how to get going anyway.
    expect(byStep['resolve-without-env']).toMatchObject({ outcome: 'rejected', code: 'KEYCHAIN_UNAVAILABLE' });
    expect(byStep['resolve-without-env']?.message).toContain('Set MCP_API_KEY');
    // With one, no keychain is needed at all.
    expect(byStep['resolve-with-env']).toMatchObject({ outcome: 'resolved', source: 'env' });

    expect(JSON.stringify(steps) + stderr).not.toContain(PROBE_SECRET);
  });
});
