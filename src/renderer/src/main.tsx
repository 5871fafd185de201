import { mountApp } from './mount.js';

const root = document.getElementById('root');
if (root) {
  if (window.mcpToolkit) {
    mountApp(root, window.mcpToolkit);
  } else {
    root.textContent = 'MCP Toolkit could not reach its backend (no window.mcpToolkit).';
  }
}
