import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { SharedFolderView } from '../../../shared/shared-folders-types.js';
import type { AppInfo, Settings } from '../../../shared/view-types.js';
import { createAppStores } from '../stores/index.js';
import { StoresProvider } from '../stores-context.js';
import { FakeBackend, settle } from '../testing/fake-backend.js';
import { SharedFoldersSection } from './SharedFoldersSection.js';

const READABLE: SharedFolderView = { path: '/home/me/projects', state: 'readable', detail: 'Readable' };
const GONE: SharedFolderView = { path: '/home/me/gone', state: 'missing', detail: 'Does not exist' };

function info(host: AppInfo['host'], pinned: AppInfo['pinned'] = {}): AppInfo {
  return { name: 'MCP Toolkit', version: '1', platform: 'linux', host, stdio: { command: 'x', args: ['stdio'] }, pinned };
}

function backend(list: () => readonly SharedFolderView[], appInfo = info('dashboard')) {
  return new FakeBackend().answer('sharedFolders.list', list).answer('app.getInfo', () => appInfo).answer('startAtLogin.get', () => ({ supported: false, enabled: false }));
}

/** Static rendering reads a store's initial state: render the loaded ones instead. */
async function render(fake: FakeBackend): Promise<string> {
  const stores = createAppStores(fake.api);
  stores.sharedFolders.getState().connect();
  stores.app.getState().connect();
  await settle();
  const loaded = {
    ...stores,
    sharedFolders: { ...stores.sharedFolders, getInitialState: stores.sharedFolders.getState },
    app: { ...stores.app, getInitialState: stores.app.getState },
  };
  return renderToStaticMarkup(
    <StoresProvider stores={loaded}>
      <SharedFoldersSection />
    </StoresProvider>,
  );
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the Shared folders section', () => {
  it('lists each folder with whether the server can read it, and a Remove button named by its folder', async () => {
    const html = await render(backend(() => [READABLE, GONE]));
    expect(text(html)).toContain('/home/me/projects Readable Remove');
    expect(text(html)).toContain('/home/me/gone Does not exist Remove');
    expect(html).toContain('aria-label="Remove /home/me/gone"');
  });

  it('says nothing is shared yet, and offers a path field; the folder picker only in the window', async () => {
    const dashboard = await render(backend(() => []));
    expect(text(dashboard)).toContain('No folder is shared yet');
    expect(dashboard).toContain('<label for="shared-folder-path">Folder path</label>');
    expect(dashboard).not.toContain('Choose folder…');

    const desktop = await render(backend(() => [], info('desktop')));
    expect(desktop).toContain('Choose folder…');
  });

  it('shows folders set by MCP_SHARED_FOLDERS as not editable here', async () => {
    const html = await render(backend(() => [READABLE], info('dashboard', { sharedFolders: 'MCP_SHARED_FOLDERS' })));
    expect(text(html)).toContain('Set by MCP_SHARED_FOLDERS; change it there.');
    expect(html).not.toContain('Folder path');
    expect(html).toMatch(/<button type="button" class="button button--small" disabled=""[^>]*aria-label="Remove \/home\/me\/projects"/);
  });
});

describe('the shared folders store', () => {
  it('shows a refused path at the field, and the new list once a folder is added', async () => {
    const fake = backend(() => []).answer('sharedFolders.add', ({ path }) => {
      if (path !== READABLE.path) throw Object.assign(new Error('Does not exist: /nope'), { code: 'SHARED_FOLDER_REFUSED', fields: { path: 'Does not exist: /nope' } });
      return [READABLE];
    });
    const stores = createAppStores(fake.api);
    stores.sharedFolders.getState().connect();
    await settle();

    expect(await stores.sharedFolders.getState().add('   ')).toBe(false);
    expect(stores.sharedFolders.getState().fieldError).toBe('Enter the folder’s full path.');
    expect(fake.calls.some((call) => call.name === 'sharedFolders.add')).toBe(false);

    expect(await stores.sharedFolders.getState().add('/nope')).toBe(false);
    expect(stores.sharedFolders.getState()).toMatchObject({ fieldError: 'Does not exist: /nope', error: null, folders: [] });

    expect(await stores.sharedFolders.getState().add(READABLE.path)).toBe(true);
    expect(stores.sharedFolders.getState()).toMatchObject({ fieldError: null, folders: [READABLE] });
  });

  it('shares the folder chosen in the picker, and nothing when the picker is cancelled', async () => {
    let picked: string | null = null;
    const fake = backend(() => [])
      .answer('dialog.pickFolder', () => ({ path: picked }))
      .answer('sharedFolders.add', () => [READABLE]);
    const stores = createAppStores(fake.api);

    await stores.sharedFolders.getState().pickAndAdd();
    expect(fake.calls.filter((call) => call.name === 'sharedFolders.add')).toEqual([]);

    picked = READABLE.path;
    await stores.sharedFolders.getState().pickAndAdd();
    expect(fake.calls.filter((call) => call.name === 'sharedFolders.add').map((call) => call.request)).toEqual([{ path: READABLE.path }]);
    expect(stores.sharedFolders.getState().folders).toEqual([READABLE]);
  });

  it('checks the list again when the settings change elsewhere (the settings file)', async () => {
    let folders: readonly SharedFolderView[] = [];
    const fake = backend(() => folders);
    const stores = createAppStores(fake.api);
    stores.sharedFolders.getState().connect();
    await settle();

    folders = [READABLE];
    fake.emit('settings.changed', { sharedFolders: [READABLE.path] } as Settings);
    await settle();
    expect(stores.sharedFolders.getState().folders).toEqual([READABLE]);
  });
});
