// RFC 6749 §5.2 token-endpoint errors. They have their own wire shape ({error, error_description}), which is
// what OAuth clients (n8n, the HaloAPI PowerShell module, CIPP) parse, so they are not AppErrors.
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'too_many_requests'
  | 'server_error';

const STATUS: Record<OAuthErrorCode, number> = {
  invalid_request: 400,
  invalid_client: 401,
  invalid_grant: 400,
  unauthorized_client: 400,
  unsupported_grant_type: 400,
  invalid_scope: 400,
  too_many_requests: 429,
  server_error: 500,
};

export class OAuthError extends Error {
  override name = 'OAuthError';
  readonly status: number;
  constructor(
    readonly code: OAuthErrorCode,
    readonly description: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(description);
    this.status = STATUS[code];
  }
  toJSON(): { error: OAuthErrorCode; error_description: string } {
    return { error: this.code, error_description: this.description };
  }
}
