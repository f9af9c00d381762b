import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { UnauthorizedError } from '../errors/index.js';
import type { Policy, StaffMember } from '../policy/types.js';

/**
 * The console's session: a cookie the browser sends but its scripts cannot read (HttpOnly), sealed
 * with a key only our functions hold. It names the signed-in member of staff and carries the CSRF
 * token every form posts back. Tokens from the identity provider never reach the browser: the
 * console's sign-in exchanges the authorization code server-side and keeps only this.
 */
export const SESSION_COOKIE = 'closeloop_session';

/** A console session lasts at most one working day; then sign in again (Cognito's own session may make that silent). */
export const SESSION_LIFETIME_SECONDS = 12 * 3600;

export interface ConsoleSession {
  /** The staff id (the Cognito username). */
  staffId: string;
  /** The per-session CSRF token every state-changing form carries back. */
  csrf: string;
  /** Epoch seconds. */
  expiresAt: number;
}

/**
 * The session key, derived from the link-signing secret: one secret to rotate, but a sealed session
 * can never pass for a signed customer link or the other way round.
 */
export function consoleSessionKey(linkKey: Uint8Array): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', linkKey, new Uint8Array(0), 'closeloop console session v1', 32));
}

export function newSession(staffId: string, now: Date, lifetimeSeconds = SESSION_LIFETIME_SECONDS): ConsoleSession {
  return {
    staffId,
    csrf: randomBytes(24).toString('base64url'),
    expiresAt: Math.floor(now.getTime() / 1000) + lifetimeSeconds,
  };
}

export function sealSession(session: ConsoleSession, key: Uint8Array): string {
  const payload = Buffer.from(
    JSON.stringify({ v: 1, s: session.staffId, c: session.csrf, e: session.expiresAt }),
  ).toString('base64url');
  return `${payload}.${mac(payload, key)}`;
}

/** The session a cookie value seals, if our key sealed it and it has not expired; undefined otherwise. */
export function openSession(value: string | undefined, key: Uint8Array, now: Date): ConsoleSession | undefined {
  if (!value) return undefined;
  const [payload, signature, extra] = value.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const expected = Buffer.from(mac(payload, key));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const p = parsed as { v?: unknown; s?: unknown; c?: unknown; e?: unknown };
  if (p.v !== 1 || typeof p.s !== 'string' || typeof p.c !== 'string' || typeof p.e !== 'number') return undefined;
  if (p.e * 1000 <= now.getTime()) return undefined;
  return { staffId: p.s, csrf: p.c, expiresAt: p.e };
}

/** Constant-time check of the CSRF token a form posted against the session's. */
export function csrfMatches(session: ConsoleSession, posted: unknown): boolean {
  if (typeof posted !== 'string') return false;
  const a = Buffer.from(session.csrf);
  const b = Buffer.from(posted);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A cookie's value from a payload 2.0 event (API Gateway puts cookies in `cookies`, not in headers). */
export function cookieOf(event: Pick<APIGatewayProxyEventV2, 'cookies' | 'headers'>, name: string): string | undefined {
  const pairs = event.cookies ?? (event.headers?.cookie ?? '').split(';');
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}

/**
 * Set-Cookie for a session: HttpOnly (no script reads it), SameSite=Lax (a form posted from another
 * site carries no session), Secure except on plain-http localhost (the local runtime).
 */
export function sessionCookie(sealed: string, session: ConsoleSession, now: Date, secure: boolean): string {
  const maxAge = Math.max(0, session.expiresAt - Math.floor(now.getTime() / 1000));
  return `${SESSION_COOKIE}=${sealed}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/**
 * The signed-in member of staff behind a console request, by the same directory the API uses: a
 * missing, forged or expired session, or a staff id the directory no longer knows, is a 401 (the
 * console answers it by sending the browser to sign in).
 */
export function requireConsoleStaff(
  event: Pick<APIGatewayProxyEventV2, 'cookies' | 'headers'>,
  key: Uint8Array,
  policy: Pick<Policy, 'staff'>,
  now: Date,
): { staff: StaffMember; session: ConsoleSession } {
  const session = openSession(cookieOf(event, SESSION_COOKIE), key, now);
  if (!session) throw new UnauthorizedError();
  const staff = policy.staff.find((s) => s.id === session.staffId);
  if (!staff) throw new UnauthorizedError();
  return { staff, session };
}

function mac(payload: string, key: Uint8Array): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}
