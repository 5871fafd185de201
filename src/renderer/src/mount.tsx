import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { BackendApi } from '../../shared/contract.js';
import { App } from './components/App.js';
import { createAppStores } from './stores/index.js';
import { StoresProvider } from './stores-context.js';
import './styles.css';

/**
 * Mounts the UI over a backend adapter: `window.mcpToolkit` in the desktop app,
 * an HTTP + SSE adapter in the browser dashboard. Returns the function that
 * unmounts it and drops every subscription.
 */
export function mountApp(element: HTMLElement, api: BackendApi): () => void {
  const stores = createAppStores(api);
  const disconnect = stores.connect();
  const root = createRoot(element);
  root.render(
    <StrictMode>
      <StoresProvider stores={stores}>
        <App />
      </StoresProvider>
    </StrictMode>,
  );
  return () => {
    root.unmount();
    disconnect();
  };
}
