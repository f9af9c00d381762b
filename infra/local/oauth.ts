import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { html, type SafeHtml } from '../../shared/templates/html.js';
import { assetPath } from '../../web/assets.js';
import { type LocalIssuer, OAUTH_TOKEN_LIFETIME_SECONDS } from './auth.js';
import type { LocalBuiltinAnswer, LocalBuiltinRoute } from './gateway.js';

/**
 * The console's identity provider in the local runtime: the OAuth 2.0 / OpenID Connect endpoints of
 * Cognito's managed login (authorization code with PKCE, token, JWKS, logout), at the same paths
 * under `<api>/_local`, so the console's sign-in code runs unchanged against either. Instead of a
 * password form it lists the seeded staff with one button each. It exists only here: the CDK app
 * has none of these routes.
 */
export const LOCAL_OAUTH_PATHS = {
  authorize: '/_local/oauth2/authorize',
  token: '/_local/oauth2/token',
  jwks: '/_local/.well-known/jwks.json',
  logout: '/_local/logout',
} as const;

/** Cognito's authorization codes are valid for five minutes and once. */
export const CODE_LIFETIME_SECONDS = 300;

/** The one app client the local provider knows: the console's, registered with exact URLs as on Cognito. */
export interface LocalOAuthClient {
  clientId: string;
  redirectUri: string;
  logoutUri: string;
}

interface PendingCode {
  userId: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce?: string;
  scope: string;
  expiresAt: number;
}

/** The authorize request's parameters that travel through the sign-in page and back. */
const AUTHORIZE_FIELDS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'state',
  'nonce',
  'scope',
  'code_challenge',
  'code_challenge_method',
] as const;

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy':
    "default-src 'none'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};
const JSON_HEADERS = { 'cache-control': 'no-store', pragma: 'no-cache' };

export class LocalOAuth {
  private readonly codes = new Map<string, PendingCode>();

  constructor(
    private readonly issuer: LocalIssuer,
    private readonly client: LocalOAuthClient,
    /** Wall time: codes and tokens expire in real seconds, whatever the workflow clock does. */
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** GET authorize: the sign-in page, or a refusal sent back to the client (or shown, when the client itself is wrong). */
  authorize(query: URLSearchParams): LocalBuiltinAnswer {
    const refused = this.checkAuthorize(query);
    if (refused) return refused;
    return { statusCode: 200, headers: PAGE_HEADERS, body: this.signInPage(query) };
  }

  /** POST authorize: the person picked a member of staff; back to the client with a one-time code. */
  choose(params: URLSearchParams): LocalBuiltinAnswer {
    const refused = this.checkAuthorize(params);
    if (refused) return refused;
    const userId = params.get('username') ?? '';
    if (!this.issuer.user(userId))
      return page(400, 'Unknown user', html`<p>No member of staff is called ${userId}.</p>`);
    const code = randomBytes(32).toString('base64url');
    const nowSeconds = Math.floor(this.now().getTime() / 1000);
    for (const [old, pending] of this.codes) if (pending.expiresAt <= nowSeconds) this.codes.delete(old);
    this.codes.set(code, {
      userId,
      clientId: this.client.clientId,
      redirectUri: this.client.redirectUri,
      codeChallenge: params.get('code_challenge')!,
      nonce: params.get('nonce') || undefined,
      scope: params.get('scope')!,
      expiresAt: nowSeconds + CODE_LIFETIME_SECONDS,
    });
    return redirect(this.client.redirectUri, { code, state: params.get('state') ?? undefined });
  }

  /** POST token: a code, once, for the client and redirect URI it was given to, with the verifier of its challenge. */
  async token(params: URLSearchParams): Promise<LocalBuiltinAnswer> {
    const refuse = (error: string, description: string) => ({
      statusCode: 400,
      headers: JSON_HEADERS,
      body: { error, error_description: description },
    });
    if (params.get('grant_type') !== 'authorization_code') {
      return refuse('unsupported_grant_type', 'only authorization_code');
    }
    if (params.get('client_id') !== this.client.clientId) return refuse('invalid_client', 'unknown client_id');
    const code = params.get('code') ?? '';
    const pending = this.codes.get(code);
    // Used up whatever happens next: a code that was tried once cannot be tried again.
    this.codes.delete(code);
    if (!pending || pending.expiresAt <= Math.floor(this.now().getTime() / 1000)) {
      return refuse('invalid_grant', 'the code is unknown, used or expired');
    }
    if (params.get('redirect_uri') !== pending.redirectUri) return refuse('invalid_grant', 'redirect_uri differs');
    const verifier = params.get('code_verifier') ?? '';
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || !same(s256(verifier), pending.codeChallenge)) {
      return refuse('invalid_grant', 'code_verifier does not match the code_challenge');
    }
    const issuedAt = this.now();
    const [idToken, accessToken] = await Promise.all([
      this.issuer.issue(pending.userId, issuedAt, {
        audience: pending.clientId,
        nonce: pending.nonce,
        lifetimeSeconds: OAUTH_TOKEN_LIFETIME_SECONDS,
      }),
      this.issuer.issueAccess(pending.userId, pending.clientId, pending.scope, issuedAt),
    ]);
    return {
      statusCode: 200,
      headers: JSON_HEADERS,
      body: {
        id_token: idToken.token,
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: OAUTH_TOKEN_LIFETIME_SECONDS,
      },
    };
  }

  jwks() {
    return this.issuer.jwks();
  }

  /** GET logout: back to the client's registered sign-out URL (the local provider keeps no session of its own). */
  logout(query: URLSearchParams): LocalBuiltinAnswer {
    if (query.get('client_id') !== this.client.clientId || query.get('logout_uri') !== this.client.logoutUri) {
      return page(400, 'Sign-out refused', html`<p>Unknown client, or a logout_uri that is not registered.</p>`);
    }
    return redirect(this.client.logoutUri, {});
  }

  private checkAuthorize(params: URLSearchParams): LocalBuiltinAnswer | undefined {
    // A wrong client or redirect URI is shown, never followed: redirecting there would hand a code to a stranger.
    if (params.get('client_id') !== this.client.clientId) {
      return page(400, 'Sign-in refused', html`<p>Unknown client_id.</p>`);
    }
    if (params.get('redirect_uri') !== this.client.redirectUri) {
      return page(400, 'Sign-in refused', html`<p>The redirect_uri is not the one registered for this client.</p>`);
    }
    const back = (error: string, description: string) =>
      redirect(this.client.redirectUri, {
        error,
        error_description: description,
        state: params.get('state') ?? undefined,
      });
    if (params.get('response_type') !== 'code') return back('unsupported_response_type', 'only code');
    if (!(params.get('scope') ?? '').split(' ').includes('openid')) return back('invalid_scope', 'openid is required');
    if (
      params.get('code_challenge_method') !== 'S256' ||
      !/^[A-Za-z0-9_-]{43}$/.test(params.get('code_challenge') ?? '')
    ) {
      return back('invalid_request', 'PKCE with code_challenge_method=S256 is required');
    }
    return undefined;
  }

  private signInPage(query: URLSearchParams): string {
    const hidden = AUTHORIZE_FIELDS.filter((name) => query.has(name)).map(
      (name) => html`<input type="hidden" name="${name}" value="${query.get(name)}">`,
    );
    const rows = this.issuer.users.map(
      (user) => html`<tr>
  <td data-label="Name">${user.name}<br><span class="cl-mono cl-muted cl-small">${user.id}</span></td>
  <td data-label="Role">${user.role.replace('_', ' ')}</td>
  <td data-label="Department">${user.department?.replace(/_/g, ' ') ?? 'all departments'}</td>
  <td><button class="cl-button cl-button--primary" type="submit" name="username" value="${user.id}">Sign in as ${user.id}</button></td>
</tr>`,
    );
    return shell(
      'Sign in to Closeloop',
      html`<h1>Sign in to Closeloop</h1>
<p class="cl-alert cl-alert--info">Local runtime: pick who you are. On AWS this is Cognito's managed login, with a password.</p>
<form class="cl-form" method="post" action="${LOCAL_OAUTH_PATHS.authorize}">
${hidden}
<table class="cl-table">
<caption>Staff directory</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Department</th><th scope="col"><span class="cl-sr-only">Sign in</span></th></tr></thead>
<tbody>${rows}</tbody>
</table>
</form>`,
    );
  }
}

/** The provider's routes for the local gateway; `provider` is called per request (it exists once the gateway knows its URL). */
export function localOAuthRoutes(provider: () => LocalOAuth): LocalBuiltinRoute[] {
  return [
    { method: 'GET', path: LOCAL_OAUTH_PATHS.authorize, handle: async (_body, r) => provider().authorize(r.query) },
    { method: 'POST', path: LOCAL_OAUTH_PATHS.authorize, handle: async (body) => provider().choose(form(body)) },
    { method: 'POST', path: LOCAL_OAUTH_PATHS.token, handle: (body) => provider().token(form(body)) },
    { method: 'GET', path: LOCAL_OAUTH_PATHS.jwks, handle: async () => ({ statusCode: 200, body: provider().jwks() }) },
    { method: 'GET', path: LOCAL_OAUTH_PATHS.logout, handle: async (_body, r) => provider().logout(r.query) },
  ];
}

function form(body: Buffer): URLSearchParams {
  return new URLSearchParams(body.toString('utf8'));
}

function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function redirect(to: string, params: Record<string, string | undefined>): LocalBuiltinAnswer {
  const url = new URL(to);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
  return { statusCode: 302, headers: { location: url.toString(), 'cache-control': 'no-store' }, body: '' };
}

function page(statusCode: number, title: string, body: SafeHtml): LocalBuiltinAnswer {
  return { statusCode, headers: PAGE_HEADERS, body: shell(title, html`<h1>${title}</h1>${body}`) };
}

function shell(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><link rel="stylesheet" href="${assetPath('closeloop.css')}"></head>
<body class="cl-shell"><header class="cl-header"><strong>Closeloop</strong> <span class="cl-muted">local sign-in</span></header>
<main class="cl-main cl-stack">${body}</main></body>
</html>`.value;
}
