import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DashboardError } from './dashboard-error.js';

/** The built page of the dashboard, next to the desktop window's `index.html`. */
export const DASHBOARD_PAGE = 'dashboard.html';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** `assets/` holds flat, hashed file names (Vite's output); anything else is refused before touching the disk. */
const ASSET_NAME = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;

export interface StaticAsset {
  readonly body: Buffer;
  readonly contentType: string;
}

/** The page and its bundled files, read once at start so a rebuild during a run cannot mix versions. */
export interface DashboardAssets {
  readonly page: Buffer;
  /** A file of `assets/` by name, or undefined. */
  asset(name: string): StaticAsset | undefined;
}

/** Reads `dashboard.html` and `assets/*` from the renderer build folder. */
export async function loadDashboardAssets(dir: string): Promise<DashboardAssets> {
  let page: Buffer;
  try {
    page = await readFile(join(dir, DASHBOARD_PAGE));
  } catch (error) {
    throw new DashboardError('DASHBOARD_NOT_BUILT', `The dashboard is not built (${join(dir, DASHBOARD_PAGE)} is missing): run \`npm run build\``, { cause: error });
  }
  const files = new Map<string, StaticAsset>();
  const names = await readdir(join(dir, 'assets')).catch(() => [] as string[]);
  for (const name of names) {
    const contentType = CONTENT_TYPES[extname(name)];
    if (contentType === undefined || !ASSET_NAME.test(name)) continue;
    files.set(name, { body: await readFile(join(dir, 'assets', name)), contentType });
  }
  return { page, asset: (name) => (ASSET_NAME.test(name) ? files.get(name) : undefined) };
}

/**
 * The renderer build folder (`out/renderer`), found from where this code runs:
 * `out/main/cli.js` or a chunk under `out/main/chunks/` once built (also inside
 * the packaged app), `src/web/` when run from source.
 */
export function findDashboardAssetsDir(moduleUrl: string = import.meta.url): string | undefined {
  let folder = dirname(fileURLToPath(moduleUrl));
  for (let level = 0; level < 5; level += 1) {
    for (const candidate of [join(folder, 'renderer'), join(folder, 'out', 'renderer')]) {
      if (existsSync(join(candidate, DASHBOARD_PAGE))) return candidate;
    }
    const parent = dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  return undefined;
}
