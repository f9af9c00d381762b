import { createHmac, timingSafeEqual } from 'node:crypto';
import { LinkExpiredError, NotFoundError } from '../errors/index.js';

/**
 * A customer's status link: a short HS256 token naming one complaint, with an expiry and an
 * audience so that a link minted for the status page can never be replayed elsewhere
 * (the survey link of a later issue gets its own audience).
 */
const ISSUER = 'closeloop';

/*
 * The token is a compact JWS (RFC 7515/7519), HMAC-SHA256, signed and checked with node:crypto.
 * It was made with jose, whose sign and verify code weighed 18 KB in every function that mails or
 * opens a link; this one token format needs a fraction of it. The tokens are the same (header
 * {"alg":"HS256"}, claims iss, aud, sub, iat, exp), so links already sent keep working, and
 * test/unit/customer-link-tokens.test.ts holds this code to jose's verdicts.
 */
const HEADER = base64url({ alg: 'HS256' });

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function signature(signingInput: string, secret: Uint8Array): string {
  return createHmac('sha256', secret).update(signingInput).digest('base64url');
}

/** The claims of a token signed with `secret` in exactly our header, or undefined for anything else. */
function verifiedClaims(token: string, secret: Uint8Array): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [header, payload, given] = parts as [string, string, string];
  // Compared as text: base64url decoding is lenient, so decoded bytes would let two strings pass for one signature.
  const expected = Buffer.from(signature(`${header}.${payload}`, secret));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return undefined;
  const protectedHeader = parseJson(header);
  // Only our header: no other algorithm, and no extension (crit, b64) we would have to honour.
  if (!protectedHeader || Object.keys(protectedHeader).some((k) => k !== 'alg' && k !== 'typ')) return undefined;
  if (protectedHeader.alg !== 'HS256') return undefined;
  return parseJson(payload);
}

function parseJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export type LinkPurpose = 'status' | 'survey';

export interface SignedLink {
  url: string;
  token: string;
  expiresAt: string;
}

export async function signCustomerLink(opts: {
  complaintId: string;
  purpose: LinkPurpose;
  baseUrl: string;
  expiresAt: Date;
  secret: Uint8Array;
}): Promise<SignedLink> {
  const claims = {
    iss: ISSUER,
    aud: opts.purpose,
    sub: opts.complaintId,
    iat: Math.floor(Date.now() / 1000),
    exp: Math.floor(opts.expiresAt.getTime() / 1000),
  };
  const signingInput = `${HEADER}.${base64url(claims)}`;
  const token = `${signingInput}.${signature(signingInput, opts.secret)}`;
  const base = opts.baseUrl.replace(/\/+$/, '');
  return { url: `${base}/${opts.purpose}/${token}`, token, expiresAt: opts.expiresAt.toISOString() };
}

/**
 * Returns the complaint id the token names. A forged, tampered or foreign token reads as
 * "not found" (it reveals nothing); only a genuine but expired one says so.
 */
export async function verifyCustomerLink(
  token: string,
  purpose: LinkPurpose,
  secret: Uint8Array,
  now: Date,
): Promise<{ complaintId: string; expiresAt?: Date }> {
  const claims = verifiedClaims(token, secret);
  // As jose checked them: issuer and audience first, so only a genuine link for this purpose is "expired".
  if (!claims || claims.iss !== ISSUER) throw new NotFoundError();
  const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audience.includes(purpose)) throw new NotFoundError();
  if (typeof claims.sub !== 'string' || claims.sub === '') throw new NotFoundError();
  const at = Math.floor(now.getTime() / 1000);
  for (const time of ['iat', 'nbf', 'exp'] as const) {
    if (claims[time] !== undefined && typeof claims[time] !== 'number') throw new NotFoundError();
  }
  if (typeof claims.nbf === 'number' && claims.nbf > at) throw new NotFoundError();
  if (typeof claims.exp === 'number' && claims.exp <= at) throw new LinkExpiredError();
  return {
    complaintId: claims.sub,
    ...(typeof claims.exp === 'number' ? { expiresAt: new Date(claims.exp * 1000) } : {}),
  };
}
