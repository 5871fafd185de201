/**
 * What each tray menu action does, in terms of the backend contract. No
 * `electron` import: the host passes window and quit functions in.
 */
import type { AppSnapshot } from '../ui-backend/controller.js';
import type { CallHandlers } from '../shared/contract.js';
import type { TrayAction } from './tray-menu.js';

export interface TrayActionDeps {
  readonly handlers: CallHandlers;
  readonly snapshot: () => AppSnapshot;
  /** Shows the window; `section` is the one the user asked for (`servers`). */
  readonly openWindow: (section?: 'servers') => void;
  readonly quit: () => void;
  readonly log: (line: string) => void;
}

export async function runTrayAction(action: TrayAction, deps: TrayActionDeps): Promise<void> {
  const { handlers } = deps;
  try {
    switch (action.kind) {
      case 'startServer':
        await handlers['server.start']();
        return;
      case 'stopServer':
        await handlers['server.stop']();
        return;
      case 'copyApiKey':
        await handlers['apiKey.copy']();
        return;
      case 'copySnippet': {
        const snippet = deps.snapshot().snippets.find((candidate) => candidate.id === action.snippetId);
        if (snippet) await handlers['clipboard.writeText']({ text: snippet.content });
        return;
      }
      case 'signIn':
        await handlers['signIn.start']();
        return;
      case 'cancelSignIn':
        await handlers['signIn.cancel']();
        return;
      case 'signOut':
        await handlers['session.signOut']();
        return;
      case 'openWindow':
        deps.openWindow();
        return;
      case 'openServers':
        deps.openWindow('servers');
        return;
      case 'restartUpstream':
        await handlers['servers.restart']({ name: action.name });
        return;
      case 'signInUpstream':
        await handlers['logins.signIn']({ server: action.name });
        return;
      case 'setStartAtLogin':
        await handlers['startAtLogin.set']({ enabled: action.enabled });
        return;
      case 'quit':
        deps.quit();
        return;
    }
  } catch (error) {
    // Failures show up as status (server) or in the window; the tray never crashes the app.
    deps.log(`[tray] ${action.kind} failed: ${(error as { code?: string }).code ?? (error as Error).message}`);
    if (action.kind === 'signIn') deps.openWindow();
  }
}
