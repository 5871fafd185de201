import { useAppStore, useStores } from '../stores-context.js';
import { AgentClientsPanel } from './AgentClientsPanel.js';
import { ErrorNote, Section } from './Field.js';

/** Connect the agents installed here in one click; ready-to-paste configurations for the others. None contains a key. */
export function ConnectSection() {
  const snippets = useAppStore((s) => s.snippets, (state) => state.snippets);
  const copiedId = useAppStore((s) => s.snippets, (state) => state.copiedId);
  const error = useAppStore((s) => s.snippets, (state) => state.error);
  const { snippets: store } = useStores();
  return (
    <Section id="connect" title="Connect an agent">
      <AgentClientsPanel />
      <h3 id="snippets-title">Other clients: copy a configuration</h3>
      <p className="muted">
        For a client not listed above, or another project: these contain no key. In API key mode each agent uses its own key (
        <code>mcp-toolkit keys create NAME</code>), read by the bridge or by the client’s own prompt. “Copy API key” under Authentication copies the
        key named <code>default</code>, for scripts.
      </p>
      <ErrorNote message={error?.message} />
      <div className="snippets" aria-labelledby="snippets-title" role="group">
        {snippets.map((snippet) => (
          <article key={snippet.id} className="snippet" aria-labelledby={`snippet-${snippet.id}`}>
            <header className="snippet__header">
              <h4 id={`snippet-${snippet.id}`}>{snippet.title}</h4>
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
