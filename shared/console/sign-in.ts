import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { parseGroups } from '../auth/staff.js';
import { CONSOLE_PATH } from '../links/console-link.js';
import type { StaffMember } from '../policy/types.js';
import {
  clearedSessionCookie,
  consoleSessionKey,
  csrfMatches,
  newSession,
  openSession,
  sealSession,
  sessionCookie,
} from './session.js';

/**
 * The console's sign-in: an OpenID Connect authorization code flow with PKCE against Cognito's
 * managed login (locally, the runtime's own provider at the same paths). The code is exchanged
 * here, server-side; the browser never holds a token, only the sealed session cookie.
 */
export const SIGN_IN_PATH = `${CONSOLE_PATH}/sign-in`;
export const CALLBACK_PATH = `${CONSOLE_PATH}/callback`;
export const SIGN_OUT_PATH = `${CONSOLE_PATH}/sign-out`;

/** The field of the console's sign-out form (POST SIGN_OUT_PATH) that carries the session's CSRF token. */
export const CSRF_FIELD = 'csrf';

/** Where a console page sends a browser without a session: sign in, then back to this page (if it is one of the console's). */
export function signInPath(returnTo: string): string {
  return `${SIGN_IN_PATH}?returnTo=${encodeURIComponent(safeReturnTo(returnTo))}`;
}

/** Holds state, nonce and PKCE verifier between the redirect to the provider and its way back. */
export const SIGN_IN_COOKIE = 'closeloop_sign_in';
/** Long enough to type a password and a TOTP code; Cognito's own codes last five minutes. */
export const SIGN_IN_LIFETIME_SECONDS = 10 * 60;
export const CONSOLE_SCOPES = 'openid email profile';

export interface SignInSettings {
  /** The provider's base URL: Cognito's managed-login domain, or `<api>/_local` locally. */
  authUrl: string;
  /** The console's app client (no secret: PKCE stands in for it). */
  clientId: string;
  /** The API's public URL: the callback and the sign-out page are under it. */
  publicBaseUrl: string;
}

export interface ConsoleKeys {
  /** Seals the session cookie (shared/console/session.ts). */
  session: Uint8Array;
  /** Encrypts the sign-in cookie. */
  signIn: Uint8Array;
}

/** Both console keys from the link-signing key: one secret to rotate, a different key for each use. */
export function consoleKeys(linkKey: Uint8Array): ConsoleKeys {
  return {
    session: consoleSessionKey(linkKey),
    signIn: new Uint8Array(hkdfSync('sha256', linkKey, new Uint8Array(0), 'closeloop console sign-in v1', 32)),
  };
}

/** The identity provider, as the sign-in needs it (shared/console/sign-in-provider.ts talks to the real one). */
export interface IdentityProvider {
  /** Exchanges the code at the token endpoint; rejects when the provider refuses it. */
  exchangeCode(input: { code: string; redirectUri: string; codeVerifier: string }): Promise<{ idToken: string }>;
  /**
   * The ID token's claims once its signature (by the issuer's JWKS), issuer, audience (the console's
   * client) and expiry are checked; rejects otherwise. Nonce and token use are checked by the caller.
   */
  verifyIdToken(idToken: string): Promise<Record<string, unknown>>;
}

export interface SignInDeps {
  settings: SignInSettings;
  keys: ConsoleKeys;
  provider: IdentityProvider;
  /** The staff directory: who a username is. */
  findStaff(staffId: string): StaffMember | undefined | Promise<StaffMember | undefined>;
  /** Wall time: cookies and tokens expire in real seconds, whatever a scaled workflow clock says. */
  now(): Date;
}

/** Why a sign-in ends on a page instead of in the console. */
export type SignInRefusal =
  /** No sign-in cookie, or one that is forged or expired: start again. */
  | 'expired'
  /** The state coming back is not the one sent: a forged or crossed callback. */
  | 'state_mismatch'
  /** The provider sent an error back (the person cancelled, or the request was refused). */
  | 'provider_error'
  /** The provider would not exchange the code (used, expired, wrong verifier). */
  | 'code_refused'
  /** The ID token failed a check: signature, issuer, audience, expiry, token use or nonce. */
  | 'token_invalid'
  /** Signed in at the provider, but not a member of staff the directory knows in that role. */
  | 'unknown_staff'
  /** A sign-out form without the session's CSRF token. */
  | 'csrf';

export type SignInAnswer =
  | { kind: 'redirect'; location: string; cookies: string[] }
  | { kind: 'refused'; refusal: SignInRefusal; cookies: string[]; username?: string };

interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
  /** Epoch seconds. */
  expiresAt: number;
}

/**
 * GET /console/sign-in?returnTo=: to the provider's authorize endpoint, with a fresh state, nonce and
 * PKCE challenge whose secrets stay in an encrypted, HttpOnly cookie for the callback. Someone already
 * signed in goes straight to returnTo; a request on another host name (localhost for 127.0.0.1) is sent
 * to the public URL first, where the callback will read the cookie.
 */
export async function startSignIn(
  deps: SignInDeps,
  request: { returnTo?: string; sessionCookie?: string; origin?: string },
): Promise<SignInAnswer> {
  const { settings, keys } = deps;
  const now = deps.now();
  const returnTo = safeReturnTo(request.returnTo);
  const base = new URL(settings.publicBaseUrl);
  if (request.origin && request.origin !== base.origin) {
    const here = new URL(`${trimmed(settings.publicBaseUrl)}${SIGN_IN_PATH}`);
    here.searchParams.set('returnTo', returnTo);
    return { kind: 'redirect', location: here.toString(), cookies: [] };
  }
  const session = openSession(request.sessionCookie, keys.session, now);
  if (session && (await deps.findStaff(session.staffId))) return { kind: 'redirect', location: returnTo, cookies: [] };

  const pending: PendingSignIn = {
    state: randomToken(24),
    nonce: randomToken(24),
    verifier: randomToken(32),
    returnTo,
    expiresAt: Math.floor(now.getTime() / 1000) + SIGN_IN_LIFETIME_SECONDS,
  };
  const authorize = new URL(`${trimmed(settings.authUrl)}/oauth2/authorize`);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: callbackUrl(settings),
    scope: CONSOLE_SCOPES,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: pkceChallenge(pending.verifier),
    code_challenge_method: 'S256',
  }).toString();
  return {
    kind: 'redirect',
    location: authorize.toString(),
    cookies: [signInCookie(sealSignIn(pending, keys.signIn), isSecure(settings))],
  };
}

/**
 * GET /console/callback?code&state: checks the state against the cookie, exchanges the code with the
 * verifier, checks the ID token and its nonce, finds the member of staff, and opens a console session.
 * Every failure ends on a refusal and clears the sign-in cookie; none opens a session.
 */
export async function finishSignIn(
  deps: SignInDeps,
  request: { query: Record<string, string | undefined>; signInCookie?: string },
): Promise<SignInAnswer> {
  const { settings, keys } = deps;
  const now = deps.now();
  const secure = isSecure(settings);
  const cleared = [clearedSignInCookie(secure)];
  const refuse = (refusal: SignInRefusal, username?: string): SignInAnswer => ({
    kind: 'refused',
    refusal,
    cookies: cleared,
    ...(username ? { username } : {}),
  });

  const pending = openSignIn(request.signInCookie, keys.signIn, now);
  if (!pending) return refuse('expired');
  const { code, state, error } = request.query;
  if (!state || !same(state, pending.state)) return refuse('state_mismatch');
  if (error) return refuse('provider_error');
  if (!code) return refuse('code_refused');

  let idToken: string;
  try {
    ({ idToken } = await deps.provider.exchangeCode({
      code,
      redirectUri: callbackUrl(settings),
      codeVerifier: pending.verifier,
    }));
  } catch {
    return refuse('code_refused');
  }
  let claims: Record<string, unknown>;
  try {
    claims = await deps.provider.verifyIdToken(idToken);
  } catch {
    return refuse('token_invalid');
  }
  if (claims.token_use !== 'id' || typeof claims.nonce !== 'string' || !same(claims.nonce, pending.nonce)) {
    return refuse('token_invalid');
  }

  const username = typeof claims['cognito:username'] === 'string' ? claims['cognito:username'] : undefined;
  const member = username ? await deps.findStaff(username) : undefined;
  // As the API does (shared/auth/staff.ts): the directory decides the role, and the token must carry it.
  if (!username || !member || !parseGroups(claims['cognito:groups']).includes(member.role)) {
    return refuse('unknown_staff', username);
  }

  const session = newSession(member.id, now);
  return {
    kind: 'redirect',
    location: pending.returnTo,
    cookies: [sessionCookie(sealSession(session, keys.session), session, now, secure), ...cleared],
  };
}

/**
 * POST /console/sign-out (with the session's CSRF token): clears the session and sends the browser to
 * the provider's logout, which ends its own session too and comes back to the signed-out page.
 * Without a session there is nothing to end: straight to that page.
 */
export function signOut(
  deps: Pick<SignInDeps, 'settings' | 'keys' | 'now'>,
  request: { sessionCookie?: string; csrf?: unknown },
): SignInAnswer {
  const { settings } = deps;
  const secure = isSecure(settings);
  const session = openSession(request.sessionCookie, deps.keys.session, deps.now());
  const signedOut = `${trimmed(settings.publicBaseUrl)}${SIGN_OUT_PATH}`;
  if (!session) return { kind: 'redirect', location: signedOut, cookies: [clearedSessionCookie(secure)] };
  if (!csrfMatches(session, request.csrf)) return { kind: 'refused', refusal: 'csrf', cookies: [] };
  const logout = new URL(`${trimmed(settings.authUrl)}/logout`);
  logout.search = new URLSearchParams({ client_id: settings.clientId, logout_uri: signedOut }).toString();
  return { kind: 'redirect', location: logout.toString(), cookies: [clearedSessionCookie(secure)] };
}

/**
 * Where to go after signing in: a path inside the console (with its query), never another site, a
 * scheme-relative `//host`, a backslash trick or a sign-in page itself; anything else is /console.
 */
export function safeReturnTo(value: string | undefined): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: this regex exists to refuse control characters
  if (!value || value.length > 2048 || !value.startsWith('/') || /[\\\u0000-\u001f\u007f]/.test(value)) {
    return CONSOLE_PATH;
  }
  let url: URL;
  try {
    url = new URL(value, 'https://console.invalid');
  } catch {
    return CONSOLE_PATH;
  }
  const inConsole = url.pathname === CONSOLE_PATH || url.pathname.startsWith(`${CONSOLE_PATH}/`);
  const signInItself = [SIGN_IN_PATH, CALLBACK_PATH, SIGN_OUT_PATH].includes(url.pathname);
  if (url.origin !== 'https://console.invalid' || !inConsole || signInItself) return CONSOLE_PATH;
  return `${url.pathname}${url.search}`;
}

/** RFC 7636 S256: base64url(SHA-256(verifier)). */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export function callbackUrl(settings: Pick<SignInSettings, 'publicBaseUrl'>): string {
  return `${trimmed(settings.publicBaseUrl)}${CALLBACK_PATH}`;
}

/** AES-256-GCM: the browser keeps the verifier and nonce but can neither read nor change them. */
export function sealSignIn(pending: PendingSignIn, key: Uint8Array): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify({ v: 1, ...pending }), 'utf8'), cipher.final()]);
  return [iv, body, cipher.getAuthTag()].map((part) => part.toString('base64url')).join('.');
}

export function openSignIn(value: string | undefined, key: Uint8Array, now: Date): PendingSignIn | undefined {
  if (!value) return undefined;
  const [iv, body, tag, extra] = value.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !body || !tag || extra !== undefined || iv.length !== 12 || tag.length !== 16) return undefined;
  let parsed: unknown;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    parsed = JSON.parse(Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8'));
  } catch {
    return undefined;
  }
  const p = parsed as Partial<PendingSignIn> & { v?: unknown };
  const strings = [p.state, p.nonce, p.verifier, p.returnTo].every((s) => typeof s === 'string');
  if (p.v !== 1 || !strings || typeof p.expiresAt !== 'number') return undefined;
  if (p.expiresAt * 1000 <= now.getTime()) return undefined;
  return { state: p.state!, nonce: p.nonce!, verifier: p.verifier!, returnTo: p.returnTo!, expiresAt: p.expiresAt };
}

/** Sent back only to the callback; Lax, because the provider's redirect there is a top-level GET from its site. */
function signInCookie(sealed: string, secure: boolean): string {
  return `${SIGN_IN_COOKIE}=${sealed}; Path=${CALLBACK_PATH}; Max-Age=${SIGN_IN_LIFETIME_SECONDS}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

function clearedSignInCookie(secure: boolean): string {
  return `${SIGN_IN_COOKIE}=; Path=${CALLBACK_PATH}; Max-Age=0; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/** Plain http only for the local runtime; on AWS the API is https and every cookie is Secure. */
function isSecure(settings: Pick<SignInSettings, 'publicBaseUrl'>): boolean {
  return !settings.publicBaseUrl.startsWith('http:');
}

function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function trimmed(url: string): string {
  return url.replace(/\/+$/, '');
}
