import { createStore } from 'zustand/vanilla';
import type { BackendApi, Unsubscribe } from '../../../shared/contract.js';
import { BackendError, type AppError } from '../../../shared/result.js';
import type { SharedFolderView } from '../../../shared/shared-folders-types.js';
import { errorOf, request } from './backend.js';

export interface SharedFoldersStoreState {
  readonly folders: readonly SharedFolderView[] | null;
  readonly loadError: AppError | null;
  readonly busy: boolean;
  /** Why the path field's folder was refused (the backend checks it on the server's disk). */
  readonly fieldError: string | null;
  /** A failed remove or pick, not tied to the field. */
  readonly error: AppError | null;
  connect(): Unsubscribe;
  /** Checks every folder again (one may have been created, moved or locked since). */
  refresh(): Promise<void>;
  /** Resolves `true` when the folder was shared (the field may clear). */
  add(path: string): Promise<boolean>;
  remove(path: string): Promise<void>;
  /** Opens the window's native folder picker and shares the chosen folder. */
  pickAndAdd(): Promise<void>;
}

/** The folders the file tools may read, each with whether the server can read it; changes apply to the running server. */
export function createSharedFoldersStore(api: BackendApi) {
  return createStore<SharedFoldersStoreState>()((set, get) => {
    async function change(call: () => Promise<readonly SharedFolderView[]>): Promise<boolean> {
      set({ busy: true, fieldError: null, error: null });
      try {
        set({ folders: await call(), loadError: null });
        return true;
      } catch (error) {
        const atField = error instanceof BackendError ? error.fields?.path : undefined;
        set(atField ? { fieldError: atField } : { error: errorOf(error) });
        return false;
      } finally {
        set({ busy: false });
      }
    }

    const refresh = () =>
      request(api, 'sharedFolders.list').then(
        (folders) => set({ folders, loadError: null }),
        (error: unknown) => set({ loadError: errorOf(error) }),
      );

    return {
      folders: null,
      loadError: null,
      busy: false,
      fieldError: null,
      error: null,
      connect() {
        // The list may change outside this section (the settings file, another window): check it again then.
        const unsubscribe = api.on('settings.changed', (settings) => {
          const shown = get().folders?.map((folder) => folder.path);
          if (JSON.stringify(shown) !== JSON.stringify(settings.sharedFolders)) void refresh();
        });
        void refresh();
        return unsubscribe;
      },
      refresh,
      add(path) {
        if (path.trim() === '') {
          set({ fieldError: 'Enter the folder’s full path.', error: null });
          return Promise.resolve(false);
        }
        return change(() => request(api, 'sharedFolders.add', { path }));
      },
      async remove(path) {
        await change(() => request(api, 'sharedFolders.remove', { path }));
      },
      async pickAndAdd() {
        set({ fieldError: null, error: null });
        try {
          const { path } = await request(api, 'dialog.pickFolder');
          if (path !== null) await get().add(path);
        } catch (error) {
          set({ error: errorOf(error) });
        }
      },
    };
  });
}
