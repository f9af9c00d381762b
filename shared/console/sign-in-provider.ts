import { createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify } from 'jose';
import type { IdentityProvider } from './sign-in.js';

/**
 * The identity provider over HTTP: Cognito's token endpoint (or the local runtime's, at the same
 * path) and its JWKS. Public client: no secret, the PKCE verifier proves the code is ours.
 */
export class OidcProvider implements IdentityProvider {
  private readonly tokenUrl: string;
  private readonly jwks: JWTVerifyGetKey;

  constructor(
    private readonly opts: {
      authUrl: string;
      issuer: string;
      clientId: string;
      /** Default: the issuer's `/.well-known/jwks.json`, fetched once and cached by jose. */
      jwks?: JWTVerifyGetKey;
      fetch?: typeof fetch;
    },
  ) {
    this.tokenUrl = `${opts.authUrl.replace(/\/+$/, '')}/oauth2/token`;
    this.jwks = opts.jwks ?? createRemoteJWKSet(new URL(`${opts.issuer.replace(/\/+$/, '')}/.well-known/jwks.json`));
  }

  async exchangeCode(input: { code: string; redirectUri: string; codeVerifier: string }): Promise<{ idToken: string }> {
    const response = await (this.opts.fetch ?? fetch)(this.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: this.opts.clientId,
        code: input.code,
        redirect_uri: input.redirectUri,
        code_verifier: input.codeVerifier,
      }),
      signal: AbortSignal.timeout(5000),
    });
    const body = (await response.json().catch(() => ({}))) as { id_token?: unknown; error?: unknown };
    if (!response.ok || typeof body.id_token !== 'string') {
      // The provider's error code only (e.g. invalid_grant): never the body, which could hold a token.
      throw new Error(`token endpoint answered ${response.status} ${typeof body.error === 'string' ? body.error : ''}`);
    }
    return { idToken: body.id_token };
  }

  async verifyIdToken(idToken: string): Promise<Record<string, unknown>> {
    const { payload } = await jwtVerify(idToken, this.jwks, {
      issuer: this.opts.issuer,
      audience: this.opts.clientId,
      algorithms: ['RS256'],
      requiredClaims: ['exp', 'iat', 'sub'],
    });
    return payload;
  }
}
