import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Files that must not import electron nor any of the `above` folders of src. */
function layer(files, above) {
  return [
    {
      files,
      ignores: ['**/*.test.ts', '**/*.test.tsx'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: [{ name: 'electron', message: 'Only the Electron host (src/main) and the preload import electron.' }],
            patterns: [{ group: above.flatMap((folder) => [`**/${folder}/*`, `**/${folder}/**`]), message: `A lower layer never imports from a higher one (${above.join(', ')}).` }],
          },
        ],
      },
    },
  ];
}

export default tseslint.config(
  { ignores: ['out/', 'node_modules/', '.cache/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Layers, bottom up: shared (the UI contract) › core (pure Node) › ui-backend (the UI's controller)
  // › hosts (cli, web, main). A layer imports only from layers below it; only src/main and the
  // preload may import electron.
  ...layer(['src/shared/**/*'], ['core', 'ui-backend', 'web', 'cli', 'main', 'preload', 'renderer']),
  ...layer(['src/core/**/*'], ['ui-backend', 'web', 'cli', 'main', 'preload', 'renderer']),
  ...layer(['src/ui-backend/**/*'], ['web', 'cli', 'main', 'preload', 'renderer']),
  ...layer(['src/web/**/*', 'src/cli/**/*'], ['main', 'preload', 'renderer']),
  {
    files: ['src/renderer/**/*'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
