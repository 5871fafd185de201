import { AGENT_API_KEY_ENV_VAR } from '../../../shared/agent-snippets.js';
import { useAppStore, useStores } from '../stores-context.js';
import { ErrorNote, Section } from './Field.js';

/** Ready-to-paste agent configurations; none contains the key itself. */
export function ConnectSection() {
  const snippets = useAppStore((s) => s.snippets, (state) => state.snippets);
  const copiedId = useAppStore((s) => s.snippets, (state) => state.copiedId);
  const error = useAppStore((s) => s.snippets, (state) => state.error);
  const { snippets: store } = useStores();
  return (
    <Section id="connect" title="Connect an agent">
      <p className="muted">
        Snippets never contain the API key: they read it from <code>{AGENT_API_KEY_ENV_VAR}</code> (or a VS Code prompt). Use
        “Copy key” to get the key itself.
      </p>
      <ErrorNote message={error?.message} />
      <div className="snippets">
        {snippets.map((snippet) => (
          <article key={snippet.id} className="snippet" aria-labelledby={`snippet-${snippet.id}`}>
            <header className="snippet__header">
              <h3 id={`snippet-${snippet.id}`}>{snippet.title}</h3>
              <button type="button" className="button button--small" aria-label={`Copy ${snippet.title}`} onClick={() => void store.getState().copy(snippet.id)}>
                {copiedId === snippet.id ? 'Copied' : 'Copy'}
              </button>
            </header>
            <pre tabIndex={0} aria-label={`${snippet.title} snippet`}>
              <code>{snippet.content}</code>
            </pre>
            {snippet.note && <p className="snippet__note">{snippet.note}</p>}
          </article>
        ))}
      </div>
    </Section>
  );
}
