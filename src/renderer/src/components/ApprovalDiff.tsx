import type { UpstreamView } from '../../../shared/gateway-types.js';
import { definitionLines, diffLines, type DiffLine } from '../forms/line-diff.js';
import { useStores } from '../stores-context.js';

const MARK: Record<DiffLine['kind'], string> = { same: ' ', removed: '-', added: '+' };

/** The tool definitions that changed since they were approved (withheld until then), before and after, and Approve. */
export function ApprovalDiff({ server, busy }: { server: UpstreamView; busy: boolean }) {
  const { servers } = useStores();
  const id = `approve-${server.name}`;
  return (
    <div className="approval" role="group" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>
        {server.pending.length} {server.pending.length === 1 ? 'tool changed' : 'tools changed'}: withheld from agents until you approve
      </h4>
      <p className="note">Lines starting with - are what you approved before; lines starting with + are the new definition. Read the descriptions: a changed description can instruct an agent.</p>
      {server.pending.map((change) => (
        <section key={change.name} className="approval__tool" aria-label={`Changes to ${change.name}`}>
          <h5>
            <code>{change.name}</code> {change.before === undefined ? '(new tool)' : '(changed)'}
          </h5>
          <pre className="diff" tabIndex={0}>
            {diffLines(definitionLines(change.before), definitionLines(change.after)).map((line, index) => (
              <span key={index} className={`diff__line diff__line--${line.kind}`}>
                {`${MARK[line.kind]} ${line.text}`}
              </span>
            ))}
          </pre>
        </section>
      ))}
      <button type="button" className="button button--primary" disabled={busy} onClick={() => void servers.getState().approve(server.name)}>
        Approve the changes to {server.name}
      </button>
    </div>
  );
}
