import packageJson from '../../package.json';

/** The product name, as advertised to MCP clients and used for the keychain service. */
export const PRODUCT_NAME = 'mcp-toolkit';

/** The running version, from package.json (inlined at build time). */
export const VERSION: string = packageJson.version;
