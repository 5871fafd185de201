export { CLIENT_IDS, CLIENTS, isClientId, type ClientId, type ClientSpec, type LaunchCommand } from './client-table.js';
export { ClientsError, isClientsError, type ClientsErrorCode } from './clients-error.js';
export { connectClient, disconnectClient, listClients, type ClientChange, type ClientStatus, type ClientsContext, type ConnectOptions } from './clients.js';
export { ENTRY_NAME, launcherFromStdio, plannedEntry } from './entries.js';
