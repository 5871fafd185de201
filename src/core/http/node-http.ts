import type * as NodeHttp from 'node:http';

/**
 * `node:http`'s `createServer`, taken from the built-in module itself rather
 * than through an ESM `import`: the ESM facade of a built-in reads every export,
 * and `node:http`'s lazy `WebSocket`, `CloseEvent` and `MessageEvent` getters
 * then load Node's bundled undici (about 8 MB of RSS in a process that never
 * uses it). Types still come from `node:http`.
 */
export const createHttpServer: typeof NodeHttp.createServer = process.getBuiltinModule('node:http').createServer;
