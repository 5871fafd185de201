import type { DoctorCheck, DoctorSeverity } from '../../../shared/doctor-types.js';
import { useAppStore, useStores } from '../stores-context.js';
import { ErrorNote, Section } from './Field.js';

/** The checks' ids in the UI's words. */
const CHECK_LABELS: Readonly<Record<string, string>> = {
  node: 'Node',
  keychain: 'Keychain',
  settings: 'Settings',
  port: 'Port',
  'issuer.discovery': 'Issuer',
  'issuer.jwks': 'Issuer keys',
  'issuer.clock': 'Clock',
  'shared-folders': 'Shared folder',
  'upstream-command': 'Server command',
  client: 'Agent client',
};

const SEVERITY_LABELS: Readonly<Record<DoctorSeverity, string>> = { ok: 'OK', warn: 'Warning', error: 'Problem' };

function summary(checks: readonly DoctorCheck[]): string {
  const problems = checks.filter((c) => c.severity === 'error').length;
  const warnings = checks.filter((c) => c.severity === 'warn').length;
  if (problems === 0 && warnings === 0) return 'Everything checked is in order.';
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(problems, 'problem')}, ${plural(warnings, 'warning')}.`;
}

/** The checks of `mcp-toolkit doctor`, run on request, one row each with what to do. */
export function ChecksSection() {
  const checks = useAppStore((s) => s.doctor, (state) => state.checks);
  const running = useAppStore((s) => s.doctor, (state) => state.running);
  const error = useAppStore((s) => s.doctor, (state) => state.error);
  const { doctor } = useStores();

  return (
    <Section
      id="checks"
      title="Checks"
      actions={
        <button type="button" className="button" disabled={running} onClick={() => void doctor.getState().run()}>
          {running ? 'Checking…' : 'Run checks'}
        </button>
      }
    >
      <p className="muted">
        What could stop the toolkit from working here: Node, the keychain, the settings, the port, the OAuth issuer, shared folders, server commands and agent clients. The same as <code>mcp-toolkit doctor</code>.
      </p>
      <ErrorNote message={error?.message} />
      {checks && (
        <>
          <p role="status">{summary(checks)}</p>
          <ul className="checks" aria-label="Check results">
            {checks.map((check, index) => (
              <li key={`${check.check}-${index}`} className={`check check--${check.severity}`}>
                <span className={`badge badge--check-${check.severity}`}>{SEVERITY_LABELS[check.severity]}</span>
                <div>
                  <p className="check__message">
                    <strong>{CHECK_LABELS[check.check] ?? check.check}</strong> {check.message}
                  </p>
                  {check.fix && <p className="check__fix">{check.severity === 'ok' ? check.fix : `Fix: ${check.fix}`}</p>}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}
