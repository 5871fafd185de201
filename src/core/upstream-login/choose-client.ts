import type { AuthorizationServerMetadata, StoredOAuthClientInformation } from '@modelcontextprotocol/client';
import type { HttpUpstream } from '../gateway/upstream-spec.js';
import { DEFAULT_REDIRECT_URI } from '../login/redirect-uri.js';
import type { ClientKind } from './stored-login.js';
import { UpstreamLoginError } from './upstream-login-error.js';

/** What is known about the client before a sign-in starts. */
export interface ClientChoiceInput {
  readonly spec: HttpUpstream;
  /** The authorization server's metadata (RFC 8414 / OpenID discovery). */
  readonly metadata: Pick<AuthorizationServerMetadata, 'issuer' | 'registration_endpoint'> & { readonly client_id_metadata_document_supported?: boolean };
  /** The client ID the user configured for the server (with its secret), if any. */
  readonly configured?: StoredOAuthClientInformation;
  /** The dynamic registration kept for this authorization server, if any. */
  readonly kept?: StoredOAuthClientInformation;
}

export interface ChosenClient {
  readonly kind: ClientKind;
  /** Known before the flow (configured, or a kept registration); undefined when the SDK uses the document or registers. */
  readonly info?: StoredOAuthClientInformation;
}

/**
 * The client of a sign-in, in the MCP authorization spec's order: the client
 * ID the user configured; a Client ID Metadata Document when the
 * authorization server advertises `client_id_metadata_document_supported`
 * and the user configured the document's URL; the registration kept for the
 * authorization server; a new dynamic registration (RFC 7591) when it offers
 * one. Otherwise throws `UPSTREAM_LOGIN_REGISTRATION_UNSUPPORTED`, telling the
 * user to register the toolkit and enter its client ID.
 */
export function chooseClient({ spec, metadata, configured, kept }: ClientChoiceInput): ChosenClient {
  if (configured) return { kind: 'configured', info: configured };
  const documentUrl = spec.auth?.clientMetadataUrl;
  if (metadata.client_id_metadata_document_supported === true && documentUrl) return { kind: 'metadata-document' };
  if (kept) return { kind: 'registered', info: kept };
  if (metadata.registration_endpoint) return { kind: 'registered' };
  throw new UpstreamLoginError(
    'UPSTREAM_LOGIN_REGISTRATION_UNSUPPORTED',
    `The authorization server of \`${spec.name}\` (${metadata.issuer}) offers no dynamic client registration${documentUrl ? ' and does not accept client metadata documents' : ''}. ` +
      `Register MCP Toolkit there (redirect URI ${DEFAULT_REDIRECT_URI}) and enter its client ID: \`mcp-toolkit servers add ${spec.name} --url ${spec.url} --client-id ID\`.`,
  );
}
