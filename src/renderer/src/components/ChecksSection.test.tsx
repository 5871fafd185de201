import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { DoctorCheck } from '../../../shared/doctor-types.js';
import { createAppStores } from '../stores/index.js';
import { StoresProvider } from '../stores-context.js';
import { FakeBackend } from '../testing/fake-backend.js';
import { ChecksSection } from './ChecksSection.js';

const CHECKS: DoctorCheck[] = [
  { check: 'node', ok: true, severity: 'ok', message: 'Node 22.23.3 is supported (22.12 or newer).' },
  { check: 'keychain', ok: true, severity: 'warn', message: 'The OS keychain does not answer (no Secret Service).', fix: 'Unlock or start the keychain.' },
  { check: 'port', ok: false, severity: 'error', message: 'Port 8000 on 127.0.0.1 is used by another program.', fix: 'Stop that program, or choose another port.' },
  { check: 'client', ok: true, severity: 'ok', message: 'Cursor: installed, not connected.', fix: 'To use the toolkit from it: mcp-toolkit clients connect cursor.' },
];

/** Static rendering reads a store's initial state: render the current one instead. */
function render(stores: ReturnType<typeof createAppStores>): string {
  const current = { ...stores, doctor: { ...stores.doctor, getInitialState: stores.doctor.getState } };
  return renderToStaticMarkup(
    <StoresProvider stores={current}>
      <ChecksSection />
    </StoresProvider>,
  );
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/\s+/g, ' ');

describe('the Checks section', () => {
  it('runs nothing until asked, and offers Run checks', () => {
    const fake = new FakeBackend();
    const stores = createAppStores(fake.api);
    stores.connect();
    const html = render(stores);
    expect(html).toMatch(/<button type="button" class="button">Run checks<\/button>/);
    expect(html).not.toContain('Check results');
    expect(fake.calls.filter((c) => c.name === 'doctor.run')).toHaveLength(0);
  });

  it('shows one row per check with its severity in words and the fix, and a summary', async () => {
    const fake = new FakeBackend().answer('doctor.run', () => CHECKS);
    const stores = createAppStores(fake.api);
    await stores.doctor.getState().run();
    const html = render(stores);
    expect(fake.calls.map((c) => c.name)).toEqual(['doctor.run']);
    expect(text(html)).toContain('1 problem, 1 warning.');
    expect(text(html)).toContain('Problem Port Port 8000 on 127.0.0.1 is used by another program. Fix: Stop that program, or choose another port.');
    expect(text(html)).toContain('Warning Keychain The OS keychain does not answer (no Secret Service). Fix: Unlock or start the keychain.');
    expect(text(html)).toContain('OK Node Node 22.23.3 is supported');
    // On a passed check the fix is a suggestion, not a "Fix:".
    expect(text(html)).toContain('OK Agent client Cursor: installed, not connected. To use the toolkit from it: mcp-toolkit clients connect cursor.');
    expect(html.match(/<li class="check check--/g)).toHaveLength(4);
  });

  it('disables the button while the checks run, and shows a failed run', async () => {
    let release: (checks: DoctorCheck[]) => void = () => {};
    const fake = new FakeBackend().answer('doctor.run', () => new Promise<DoctorCheck[]>((resolve) => (release = resolve)));
    const stores = createAppStores(fake.api);
    const running = stores.doctor.getState().run();
    expect(render(stores)).toMatch(/<button type="button" class="button" disabled="">Checking…<\/button>/);
    release([]);
    await running;
    expect(text(render(stores))).toContain('Everything checked is in order.');

    const failing = createAppStores(
      new FakeBackend().answer('doctor.run', () => {
        throw Object.assign(new Error('The backend is still starting.'), { code: 'NOT_READY' });
      }).api,
    );
    await failing.doctor.getState().run();
    expect(render(failing)).toMatch(/role="alert">The backend is still starting\./);
  });
});
