import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY_META } from './src/shared/content-security-policy.js';

/** Puts the UI's Content Security Policy (written once, in src/shared) into each page's `<head>`. */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'content-security-policy-meta',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY_META }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // The Electron app and the headless CLI are two hosts over the same core.
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/cli/index.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    plugins: [react(), contentSecurityPolicyMeta()],
    build: {
      rollupOptions: {
        // The desktop window's page and the browser dashboard's (served by `mcp-toolkit serve --dashboard`).
        input: {
          index: resolve(__dirname, 'src/renderer/index.html'),
          dashboard: resolve(__dirname, 'src/renderer/dashboard.html'),
        },
      },
    },
  },
});
