import { failed, passed, type DoctorCheck } from './check-result.js';

/** The oldest supported Node (package.json `engines`). */
export const MIN_NODE_VERSION = { major: 22, minor: 12 } as const;

function isSupported(version: string): boolean {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  return major > MIN_NODE_VERSION.major || (major === MIN_NODE_VERSION.major && minor >= MIN_NODE_VERSION.minor);
}

/** Node 22.12 or newer (22 and 24 LTS). */
export function checkNodeVersion(version: string): DoctorCheck {
  const minimum = `${MIN_NODE_VERSION.major}.${MIN_NODE_VERSION.minor}`;
  if (isSupported(version)) return passed('node', `Node ${version} is supported (${minimum} or newer).`);
  return failed('node', `Node ${version} is not supported; MCP Toolkit needs Node ${minimum} or newer.`, 'Install Node 22 LTS or 24 LTS (nodejs.org, nvm or your package manager) and run mcp-toolkit with it.');
}
