import type { BackendApi, Unsubscribe } from '../../../shared/contract.js';
import { createAgentClientsStore } from './agent-clients-store.js';
import { createActivityStore } from './activity-store.js';
import { createApiKeyStore } from './api-key-store.js';
import { createAppStore } from './app-store.js';
import { createDoctorStore } from './doctor-store.js';
import { createLoginsStore } from './logins-store.js';
import { createServerStore } from './server-store.js';
import { createServersStore } from './servers-store.js';
import { createSettingsFormsStore } from './settings-store.js';
import { createSharedFoldersStore } from './shared-folders-store.js';
import { createSignInStore } from './sign-in-store.js';
import { createSnippetsStore } from './snippets-store.js';

/**
 * Every store of the UI over one backend adapter: the Electron preload's
 * `window.mcpToolkit`, or the browser dashboard's HTTP adapter. Stores are the
 * only code that talks to the backend; components read them.
 */
export function createAppStores(api: BackendApi) {
  const stores = {
    app: createAppStore(api),
    server: createServerStore(api),
    settings: createSettingsFormsStore(api),
    apiKey: createApiKeyStore(api),
    activity: createActivityStore(api),
    snippets: createSnippetsStore(api),
    agentClients: createAgentClientsStore(api),
    signIn: createSignInStore(api),
    servers: createServersStore(api),
    sharedFolders: createSharedFoldersStore(api),
    doctor: createDoctorStore(api),
    logins: createLoginsStore(api),
  };
  return {
    ...stores,
    /** Loads initial state and subscribes to push events; returns the function that unsubscribes all. */
    connect(): Unsubscribe {
      const unsubscribers = Object.values(stores).map((store) => store.getState().connect());
      return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
    },
  };
}

export type AppStores = ReturnType<typeof createAppStores>;
