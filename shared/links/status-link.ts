import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { LinkExpiredError, NotFoundError } from '../errors/index.js';

/**
 * A customer's status link: a short HS256 token naming one complaint, with an expiry and an
 * audience so that a link minted for the status page can never be replayed elsewhere
 * (the survey link of a later issue gets its own audience).
 */
const ISSUER = 'closeloop';

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
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(opts.purpose)
    .setSubject(opts.complaintId)
    .setIssuedAt()
    .setExpirationTime(Math.floor(opts.expiresAt.getTime() / 1000))
    .sign(opts.secret);
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
): Promise<{ complaintId: string }> {
  try {
    const { payload } = await jwtVerify(token, secret, {
      issuer: ISSUER,
      audience: purpose,
      algorithms: ['HS256'],
      currentDate: now,
    });
    if (!payload.sub) throw new NotFoundError();
    return { complaintId: payload.sub };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new LinkExpiredError();
    throw new NotFoundError();
  }
}
