/** Why the dashboard cannot open in this browser: no valid token (`needs-link`), a spent link (`link-used`), or another failure. */
export type DashboardAccessProblem =
  | { readonly kind: 'needs-link' }
  | { readonly kind: 'link-used' }
  | { readonly kind: 'failed'; readonly message: string };

const SERVE_COMMAND = 'mcp-toolkit serve --dashboard';

const TITLES: Record<DashboardAccessProblem['kind'], string> = {
  'needs-link': 'Open the dashboard with its link',
  'link-used': 'This dashboard link was already used',
  failed: 'The dashboard could not start',
};

function reason(problem: DashboardAccessProblem) {
  switch (problem.kind) {
    case 'needs-link':
      return (
        <>
          This browser has no session: the dashboard opens only from the link that <code>{SERVE_COMMAND}</code> printed, which carries a one-time
          token (a new one each time the server starts).
        </>
      );
    case 'link-used':
      return <>A dashboard link works once. Go on in the browser tab it first opened, or restart the server for a new link.</>;
    case 'failed':
      return <>{problem.message}</>;
  }
}

/**
 * The page shown instead of the UI when this browser may not open it: what
 * happened, and how to open the dashboard (the printed link, one per run and
 * single-use; `ssh -L` when the server runs on another machine). `port` is
 * this page's own port, which the tunnel must forward.
 */
export function DashboardAccessPage({ problem, port }: { problem: DashboardAccessProblem; port: string }) {
  const shownPort = port || 'PORT';
  return (
    <main className="access">
      <section className="card access__card" aria-labelledby="access-title">
        <p className="access__brand">MCP Toolkit dashboard</p>
        <h1 id="access-title">{TITLES[problem.kind]}</h1>
        <p className="access__reason" role="alert">
          {reason(problem)}
        </p>
        <h2>How to open the dashboard</h2>
        <ol className="access__steps">
          <li>
            On the machine that runs MCP Toolkit, start <code>{SERVE_COMMAND}</code>. It prints the link:
            <pre>
              <code>mcp-toolkit dashboard on http://127.0.0.1:{shownPort}/#token=…</code>
            </pre>
          </li>
          <li>
            Open that link in your browser. It works <strong>once</strong>: keep the tab it opens (a reload stays signed in). Each start of the
            server prints a new link and the old ones stop working.
          </li>
          <li>
            Server on another machine? The dashboard only listens on that machine’s loopback address. Forward its port over SSH from your
            computer, then open the printed link here:
            <pre>
              <code>ssh -L {shownPort}:127.0.0.1:{shownPort} you@server</code>
            </pre>
          </li>
        </ol>
      </section>
    </main>
  );
}
