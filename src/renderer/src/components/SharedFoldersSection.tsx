import { useState } from 'react';
import { SHARED_FOLDERS_SECTION, type SharedFolderView } from '../../../shared/shared-folders-types.js';
import { useAppStore, useStores } from '../stores-context.js';
import { ErrorNote, Field, pinnedNote, Section } from './Field.js';

/** The folders the read-only file tools may read: add (a path, or the window's folder picker), remove, and whether each is readable. */
export function SharedFoldersSection() {
  const folders = useAppStore((s) => s.sharedFolders, (state) => state.folders);
  const loadError = useAppStore((s) => s.sharedFolders, (state) => state.loadError);
  const error = useAppStore((s) => s.sharedFolders, (state) => state.error);
  const busy = useAppStore((s) => s.sharedFolders, (state) => state.busy);
  const pinnedBy = useAppStore((s) => s.app, (state) => state.info?.pinned.sharedFolders);
  const { sharedFolders } = useStores();
  return (
    <Section
      id="shared-folders"
      title={SHARED_FOLDERS_SECTION}
      actions={
        <button type="button" className="button button--small" disabled={busy} onClick={() => void sharedFolders.getState().refresh()}>
          Check again
        </button>
      }
    >
      <p className="note">
        The file tools (<code>list_directory</code>, <code>read_text_file</code>, <code>search_files</code>, <code>file_info</code>) read only inside these folders, on the
        machine the server runs on. Changes apply to the running server at once.
      </p>
      {pinnedBy && <p className="note">{pinnedNote(pinnedBy)}</p>}
      <ErrorNote message={loadError?.message ?? error?.message} />
      {folders === null && !loadError && <p>Loading…</p>}
      {folders?.length === 0 && <p className="muted">No folder is shared yet: the file tools refuse every call until you add one.</p>}
      {folders && folders.length > 0 && (
        <ul className="shared-folders" aria-label={SHARED_FOLDERS_SECTION}>
          {folders.map((folder) => (
            <SharedFolderRow key={folder.path} folder={folder} disabled={busy || pinnedBy !== undefined} onRemove={() => void sharedFolders.getState().remove(folder.path)} />
          ))}
        </ul>
      )}
      {!pinnedBy && <AddFolderForm />}
    </Section>
  );
}

function SharedFolderRow({ folder, disabled, onRemove }: { folder: SharedFolderView; disabled: boolean; onRemove: () => void }) {
  return (
    <li className="shared-folder">
      <code className="shared-folder__path">{folder.path}</code>
      <span className={`badge ${folder.state === 'readable' ? 'badge--running' : 'badge--error'}`}>{folder.detail}</span>
      <button type="button" className="button button--small" disabled={disabled} aria-label={`Remove ${folder.path}`} onClick={onRemove}>
        Remove
      </button>
    </li>
  );
}

/** A path typed in (the dashboard has no picker for the server's disk), and in the window the native folder picker. */
function AddFolderForm() {
  const [path, setPath] = useState('');
  const fieldError = useAppStore((s) => s.sharedFolders, (state) => state.fieldError);
  const busy = useAppStore((s) => s.sharedFolders, (state) => state.busy);
  const hasPicker = useAppStore((s) => s.app, (state) => state.info?.host === 'desktop');
  const { sharedFolders } = useStores();
  return (
    <form
      className="panel shared-folders__add"
      aria-label="Add a shared folder"
      onSubmit={(event) => {
        event.preventDefault();
        void sharedFolders
          .getState()
          .add(path)
          .then((added) => added && setPath(''));
      }}
    >
      <Field
        id="shared-folder-path"
        label="Folder path"
        value={path}
        onChange={setPath}
        error={fieldError ?? undefined}
        hint="The full path of a folder on the machine the server runs on, e.g. /home/me/projects (~/ is your home folder)."
        placeholder="/home/me/projects"
        spellCheck={false}
        autoComplete="off"
      />
      <div className="button-row">
        <button type="submit" className="button" disabled={busy}>
          Add folder
        </button>
        {hasPicker && (
          <button type="button" className="button" disabled={busy} onClick={() => void sharedFolders.getState().pickAndAdd()}>
            Choose folder…
          </button>
        )}
      </div>
    </form>
  );
}
