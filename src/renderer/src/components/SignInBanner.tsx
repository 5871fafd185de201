import type { UpstreamView } from '../../../shared/gateway-types.js';
import { isServerSignInRunning } from '../stores/logins-store.js';
import { useAppStore, useStores } from '../stores-context.js';
import { ErrorNote } from './Field.js';
import { SignInSteps } from './LoginsSection.js';

/** Above the server cards: each remote server waiting for a sign-in, with its Sign in button. */
export function ServersSignInBanner({ servers }: { servers: readonly UpstreamView[] }) {
  const waiting = servers.filter((server) => server.state === 'needs-sign-in');
  if (waiting.length === 0) return null;
  return (
    <div className="sign-in-banner" role="region" aria-label="Servers that need a sign-in">
      <p>
        {waiting.length === 1 ? 'A server needs' : `${waiting.length} servers need`} you to sign in before agents can use {waiting.length === 1 ? 'its' : 'their'} tools.
      </p>
      <div className="button-row">
        {waiting.map((server) => (
          <SignInButton key={server.name} server={server.name} />
        ))}
      </div>
    </div>
  );
}

/** In a server's card: why it needs a sign-in, its Sign in button, and the steps while it runs. */
export function ServerSignInNote({ server }: { server: UpstreamView }) {
  const progress = useAppStore((s) => s.logins, (state) => state.progress[server.name]);
  const error = useAppStore((s) => s.logins, (state) => state.errors[server.name]);
  if (server.state !== 'needs-sign-in') return null;
  const running = isServerSignInRunning(progress);
  return (
    <div className="sign-in-banner">
      <p>{server.signIn?.reason ?? `${server.name} needs you to sign in.`}</p>
      {running && progress ? <SignInSteps name={server.name} step={progress.step} url={progress.url} /> : <SignInButton server={server.name} />}
      {progress?.step === 'failed' && <ErrorNote message={`Sign-in failed: ${progress.error?.message ?? progress.message ?? 'unknown error'}`} />}
      <ErrorNote message={error?.message} />
    </div>
  );
}

function SignInButton({ server }: { server: string }) {
  const running = useAppStore((s) => s.logins, (state) => isServerSignInRunning(state.progress[server]) || state.busy.includes(server));
  const { logins } = useStores();
  return (
    <button type="button" className="button button--primary button--small" disabled={running} aria-label={`Sign in to ${server}`} onClick={() => void logins.getState().signIn(server)}>
      Sign in
    </button>
  );
}
