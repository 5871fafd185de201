/** Stable codes of the dashboard host's own refusals (the controller's codes pass through unchanged). */
export const DASHBOARD_ERROR_CODES = [
  'DASHBOARD_NOT_BUILT',
  'DASHBOARD_PORT_INVALID',
  'DASHBOARD_PORT_IN_USE',
  'DASHBOARD_LISTEN_FAILED',
] as const;
export type DashboardErrorCode = (typeof DASHBOARD_ERROR_CODES)[number];

/** The dashboard could not be set up: not built, a bad `--dashboard-port`, or its port taken. */
export class DashboardError extends Error {
  override readonly name = 'DashboardError';

  constructor(
    readonly code: DashboardErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
