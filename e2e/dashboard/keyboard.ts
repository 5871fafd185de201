/**
 * Keyboard helpers for the dashboard specs: move the focus with Tab only, and
 * list the controls that Tab never reaches.
 */
import type { Locator, Page } from '@playwright/test';

/** Every section of the dashboard: its id (App.tsx) and its title. */
export const SECTIONS = [
  ['server', 'Server'],
  ['servers', 'Servers'],
  ['shared-folders', 'Shared folders'],
  ['auth', 'Authentication'],
  ['rate-limit', 'Rate limit'],
  ['activity', 'Activity'],
  ['connect', 'Connect an agent'],
  ['sign-in', 'Sign in'],
  ['logins', 'Logins'],
  ['checks', 'Checks'],
] as const;

const MAX_TABS = 400;
const CONTROLS = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';

/** Presses Tab until `target` has the focus; fails after MAX_TABS presses. */
export async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let presses = 0; presses < MAX_TABS; presses += 1) {
    if (await target.evaluate((element) => element === element.ownerDocument.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()} in ${MAX_TABS} presses`);
}

/** What has the focus: a radio group by its name (the arrow keys move within it), any other control by its mark. */
async function focusedKey(page: Page): Promise<string | null> {
  return page.locator('html').evaluate((root) => {
    const active = root.ownerDocument.activeElement;
    if (!active) return null;
    const name = active.getAttribute('name');
    return active.getAttribute('type') === 'radio' && name ? `radio:${name}` : active.getAttribute('data-kb');
  });
}

/**
 * The enabled, visible controls of the sections (not those inside a closed
 * <details>: its summary opens it) that Tab never focuses, walking the page
 * once from the top.
 */
export async function unreachableByTab(page: Page): Promise<string[]> {
  const controls = page.locator(SECTIONS.map(([id]) => `#${id}`).join(', ')).locator(CONTROLS);
  const total = await controls.evaluateAll((elements) => {
    const usable = elements.filter((element) => !element.matches(':disabled') && element.checkVisibility({ visibilityProperty: true }));
    usable.forEach((element, index) => element.setAttribute('data-kb', String(index)));
    return usable.length;
  });
  await page.locator('html').evaluate((root) => (root.ownerDocument.activeElement as { blur?: () => void } | null)?.blur?.());
  const reached = new Set<string>();
  for (let presses = 0; presses < total * 2 + 20; presses += 1) {
    await page.keyboard.press('Tab');
    const key = await focusedKey(page);
    if (key) reached.add(key);
  }
  return page.locator('[data-kb]').evaluateAll(
    (elements, reachedKeys) =>
      elements
        .filter((element) => {
          const name = element.getAttribute('name');
          const radioReached = element.getAttribute('type') === 'radio' && reachedKeys.includes(`radio:${name}`);
          return !reachedKeys.includes(element.getAttribute('data-kb')!) && !radioReached;
        })
        .map((element) => `${element.closest('section')?.id ?? '?'}: ${element.outerHTML.slice(0, 120)}`),
    [...reached],
  );
}
