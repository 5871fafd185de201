import { LoginError } from './login-error.js';

export interface CallbackExpectations {
  /** The `state` sent in the authorization request. */
  readonly state: string;
  /** The issuer from the server's metadata, compared with the `iss` response parameter. */
  readonly issuer: string;
  /** The metadata's `authorization_response_iss_parameter_supported`: `iss` must then be present. */
  readonly issuerParameterRequired: boolean;
}

/**
 * Checks an authorization response (RFC 6749 §4.1.2) before anything else
 * happens with it, in this order:
 * 1. `state` must equal the one we sent (RFC 6749 §10.12) — checked first so a
 *    forged request cannot even end the flow with a provider-looking error;
 * 2. `iss`, when present or required, must equal the issuer (RFC 9207 §2.4);
 * 3. `error` becomes `ACCESS_DENIED` or `AUTHORIZATION_ERROR`, with the
 *    provider's `error_description` in the message;
 * 4. a `code` must be there.
 * Returns the error to fail with, or `undefined` when the response is usable.
 */
export function checkCallbackParams(params: URLSearchParams, expected: CallbackExpectations): LoginError | undefined {
  const state = params.get('state');
  if (state !== expected.state) {
    return new LoginError(
      'STATE_MISMATCH',
      state === null
        ? 'The sign-in callback carried no state: it did not come from the sign-in we started. Try again.'
        : 'The sign-in callback carried a different state than we sent (a stale browser tab or a forged request). Try again.',
    );
  }
  const iss = params.get('iss');
  if (iss === null ? expected.issuerParameterRequired : iss !== expected.issuer) {
    return new LoginError(
      'ISSUER_MISMATCH',
      iss === null
        ? `The sign-in callback lacks the "iss" parameter that ${expected.issuer} promises (RFC 9207).`
        : `The sign-in callback names the issuer "${iss}", expected "${expected.issuer}" (RFC 9207 mix-up protection).`,
    );
  }
  const error = params.get('error');
  if (error !== null) {
    const description = params.get('error_description');
    const detail = description ? `: ${description}` : '';
    return error === 'access_denied'
      ? new LoginError('ACCESS_DENIED', `The sign-in was refused (access_denied)${detail}.`)
      : new LoginError('AUTHORIZATION_ERROR', `The identity provider answered with error "${error}"${detail}.`);
  }
  if (!params.get('code')) {
    return new LoginError('INVALID_CALLBACK', 'The sign-in callback carried neither a code nor an error.');
  }
  return undefined;
}
