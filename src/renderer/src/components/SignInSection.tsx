import { formatDateTime } from '../format.js';
import { isSignInActive } from '../stores/sign-in-store.js';
import { useAppStore, useStores } from '../stores-context.js';
import { ErrorNote, Section } from './Field.js';

const PHASE_TEXT: Record<string, string> = {
  starting: 'Contacting the authorization server…',
  waiting_for_browser: 'Finish signing in in your browser.',
  exchanging: 'Completing sign-in…',
  done: 'Signed in.',
  cancelled: 'Sign-in cancelled.',
};

export function SignInSection() {
  const progress = useAppStore((s) => s.signIn, (state) => state.progress);
  const session = useAppStore((s) => s.signIn, (state) => state.session);
  const error = useAppStore((s) => s.signIn, (state) => state.error);
  const { signIn } = useStores();
  const active = isSignInActive(progress);
  const fieldProblems = error?.fields ? Object.values(error.fields).join(' ') : '';

  return (
    <Section id="sign-in" title="Sign in">
      {session ? (
        <>
          <dl className="facts" aria-label="Signed-in session">
            <dt>Subject</dt>
            <dd>{session.subject}</dd>
            <dt>Issuer</dt>
            <dd>
              <code>{session.issuer}</code>
            </dd>
            <dt>Expires</dt>
            <dd>{formatDateTime(session.expiresAt)}</dd>
          </dl>
          <button type="button" className="button" onClick={() => void signIn.getState().signOut()}>
            Sign out
          </button>
        </>
      ) : (
        <>
          <p className="muted">Signs in with the issuer and client ID set under Authentication, in your browser (PKCE).</p>
          <div className="button-row">
            <button type="button" className="button button--primary" disabled={active} onClick={() => void signIn.getState().start()}>
              Sign in…
            </button>
            {active && (
              <button type="button" className="button" onClick={() => void signIn.getState().cancel()}>
                Cancel sign-in
              </button>
            )}
          </div>
        </>
      )}
      {progress.phase !== 'idle' && progress.phase !== 'failed' && (
        <p role="status" className="note">
          {PHASE_TEXT[progress.phase] ?? progress.message}
        </p>
      )}
      {progress.phase === 'failed' && <ErrorNote message={`Sign-in failed: ${progress.error?.message ?? progress.message ?? 'unknown error'}`} />}
      <ErrorNote message={error ? `${error.message} ${fieldProblems}`.trim() : null} />
    </Section>
  );
}
