import type { LoginView, ServerSignInProgress, ServerSignInStep } from '../../../shared/logins-types.js';
import type { SignInProgress } from '../../../shared/view-types.js';
import { formatDateTime, formatRelative } from '../format.js';
import { isServerSignInRunning } from '../stores/logins-store.js';
import { isSignInActive } from '../stores/sign-in-store.js';
import { useAppStore, useStores } from '../stores-context.js';
import { ErrorNote, Section } from './Field.js';

const STATE_WORDS: Record<LoginView['state'], string> = { 'signed-in': 'signed in', 'needs-sign-in': 'needs sign-in', 'signed-out': 'signed out' };

/** The steps a sign-in shows, in order. */
const STEPS: readonly [ServerSignInStep, string][] = [
  ['discovering', 'Finding the authorization server'],
  ['registering', 'Registering the toolkit'],
  ['waiting-for-browser', 'Waiting for you in the browser'],
  ['exchanging', 'Exchanging the code for tokens'],
];

const TOOLKIT_PHASE_STEP: Partial<Record<SignInProgress['phase'], ServerSignInStep>> = {
  starting: 'discovering',
  waiting_for_browser: 'waiting-for-browser',
  exchanging: 'exchanging',
};

/** Every sign-in the toolkit holds — its own and each remote server's — with their facts and buttons. */
export function LoginsSection() {
  const logins = useAppStore((s) => s.logins, (state) => state.logins);
  const loadError = useAppStore((s) => s.logins, (state) => state.loadError);
  return (
    <Section id="logins" title="Logins">
      <p className="note">Every sign-in the toolkit holds: its own, and one per remote server that asks for one. Tokens stay in the OS keychain; agents never see them.</p>
      <ErrorNote message={loadError?.message} />
      {logins === null && !loadError && <p>Loading…</p>}
      {logins && (
        <ul className="logins" aria-label="Logins">
          {logins.map((login) => (
            <li key={login.id}>{login.kind === 'toolkit' ? <ToolkitLogin login={login} /> : <ServerLogin login={login} />}</li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function LoginCard({ login, name, children }: { login: LoginView; name: string; children: React.ReactNode }) {
  const id = `login-${login.id.replace(':', '-')}`;
  return (
    <article className="login" aria-labelledby={`${id}-title`}>
      <header className="login__header">
        <h3 id={`${id}-title`}>{name}</h3>
        <span className={`badge badge--${login.state}`} role="status" aria-label={`${name} sign-in state`}>
          {STATE_WORDS[login.state]}
        </span>
      </header>
      {login.state === 'needs-sign-in' && login.reason && <p className="note note--warn">{login.reason}</p>}
      <LoginFacts login={login} name={name} />
      {children}
    </article>
  );
}

function LoginFacts({ login, name }: { login: LoginView; name: string }) {
  if (!login.subject && !login.issuer && login.scopes.length === 0 && login.expiresAt === undefined) return null;
  return (
    <dl className="facts" aria-label={`Sign-in to ${name}`}>
      {login.subject && (
        <>
          <dt>Account</dt>
          <dd>{login.subject}</dd>
        </>
      )}
      {login.issuer && (
        <>
          <dt>Issuer</dt>
          <dd>
            <code>{login.issuer}</code>
          </dd>
        </>
      )}
      {login.scopes.length > 0 && (
        <>
          <dt>Scopes</dt>
          <dd>{login.scopes.join(' ')}</dd>
        </>
      )}
      {login.expiresAt !== undefined && (
        <>
          <dt>Expires</dt>
          <dd>
            {formatRelative(login.expiresAt)} <span className="muted">({formatDateTime(login.expiresAt)})</span>
          </dd>
        </>
      )}
    </dl>
  );
}

/** The toolkit's own sign-in (`mcp-toolkit login`): driven by the Sign in section's store. */
function ToolkitLogin({ login }: { login: LoginView }) {
  const progress = useAppStore((s) => s.signIn, (state) => state.progress);
  const error = useAppStore((s) => s.signIn, (state) => state.error);
  const { signIn } = useStores();
  const running = isSignInActive(progress);
  const step = TOOLKIT_PHASE_STEP[progress.phase];
  const fieldProblems = error?.fields ? Object.values(error.fields).join(' ') : '';
  return (
    <LoginCard login={login} name="toolkit">
      {running && step && <SignInSteps name="toolkit" step={step} />}
      <div className="button-row">
        <LoginButtons
          name="toolkit"
          state={login.state}
          running={running}
          onSignIn={() => void signIn.getState().start()}
          onCancel={() => void signIn.getState().cancel()}
          onSignOut={() => void signIn.getState().signOut()}
        />
      </div>
      {progress.phase === 'failed' && <ErrorNote message={`Sign-in failed: ${progress.error?.message ?? progress.message ?? 'unknown error'}`} />}
      <ErrorNote message={error ? `${error.message} ${fieldProblems}`.trim() : null} />
    </LoginCard>
  );
}

function ServerLogin({ login }: { login: LoginView }) {
  const server = login.server ?? login.id;
  const progress = useAppStore((s) => s.logins, (state) => state.progress[server]);
  const busy = useAppStore((s) => s.logins, (state) => state.busy.includes(server));
  const error = useAppStore((s) => s.logins, (state) => state.errors[server]);
  const { logins } = useStores();
  const running = isServerSignInRunning(progress);
  return (
    <LoginCard login={login} name={server}>
      {running && progress && <SignInSteps name={server} step={progress.step} url={progress.url} />}
      <div className="button-row">
        <LoginButtons
          name={server}
          state={login.state}
          running={running}
          busy={busy}
          onSignIn={() => void logins.getState().signIn(server)}
          onCancel={() => void logins.getState().cancel(server)}
          onSignOut={() => void logins.getState().signOut(server)}
        />
      </div>
      <SignInOutcome progress={progress} />
      <ErrorNote message={error?.message} />
    </LoginCard>
  );
}

interface LoginButtonsProps {
  readonly name: string;
  readonly state: LoginView['state'];
  readonly running: boolean;
  readonly busy?: boolean;
  readonly onSignIn: () => void;
  readonly onCancel: () => void;
  readonly onSignOut: () => void;
}

/** Sign in (or Sign in again), Sign out when something is held, Cancel while a sign-in runs. */
function LoginButtons({ name, state, running, busy = false, onSignIn, onCancel, onSignOut }: LoginButtonsProps) {
  if (running) {
    return (
      <button type="button" className="button" aria-label={`Cancel the sign-in to ${name}`} onClick={onCancel}>
        Cancel
      </button>
    );
  }
  const again = state === 'signed-in';
  return (
    <>
      <button type="button" className={`button${again ? '' : ' button--primary'}`} disabled={busy} aria-label={again ? `Sign in to ${name} again` : `Sign in to ${name}`} onClick={onSignIn}>
        {again ? 'Sign in again' : 'Sign in'}
      </button>
      {state !== 'signed-out' && (
        <button type="button" className="button" disabled={busy} aria-label={`Sign out of ${name}`} onClick={onSignOut}>
          Sign out
        </button>
      )}
    </>
  );
}

/** The steps of a running sign-in, the current one marked, and the link to open by hand while the browser is awaited. */
export function SignInSteps({ name, step, url }: { name: string; step: ServerSignInStep; url?: string | undefined }) {
  const current = STEPS.findIndex(([candidate]) => candidate === step);
  return (
    <div className="sign-in-steps">
      <ol aria-label={`Signing in to ${name}`}>
        {STEPS.map(([candidate, words], index) => (
          <li key={candidate} className={index < current ? 'done' : index === current ? 'current' : undefined} aria-current={index === current ? 'step' : undefined}>
            {words}
            {index < current && <span className="visually-hidden"> (done)</span>}
          </li>
        ))}
      </ol>
      {step === 'waiting-for-browser' && url && (
        <p className="note">
          If no browser opened, open this link:{' '}
          <a href={url} target="_blank" rel="noreferrer noopener" className="break-anywhere">
            {url}
          </a>
        </p>
      )}
    </div>
  );
}

function SignInOutcome({ progress }: { progress: ServerSignInProgress | undefined }) {
  if (progress?.step === 'failed') return <ErrorNote message={`Sign-in failed: ${progress.error?.message ?? progress.message ?? 'unknown error'}`} />;
  if (progress?.step === 'cancelled' || progress?.step === 'done') {
    return (
      <p role="status" className="note">
        {progress.step === 'done' ? 'Signed in.' : 'Sign-in cancelled.'}
      </p>
    );
  }
  return null;
}
