import { createHmac } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { LinkExpiredError, NotFoundError } from '../../shared/errors/index.js';
import { signCustomerLink, verifyCustomerLink } from '../../shared/links/status-link.js';

// jose, which signed every link already in customers' mailboxes, is the yardstick here.
const secret = new TextEncoder().encode('s'.repeat(40));
const now = new Date('2026-11-30T10:00:00Z');
const expiresAt = new Date('2027-02-28T10:00:00Z');
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const hmac = (input: string, key: Uint8Array = secret) => createHmac('sha256', key).update(input).digest('base64url');

/** A link as the jose-based code signed it. */
function joseLink(claims: { aud?: string; iss?: string; sub?: string; exp?: number } = {}) {
  let jwt = new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(claims.iss ?? 'closeloop')
    .setAudience(claims.aud ?? 'status')
    .setIssuedAt();
  if (claims.sub !== '') jwt = jwt.setSubject(claims.sub ?? 'c-1');
  return jwt.setExpirationTime(claims.exp ?? Math.floor(expiresAt.getTime() / 1000)).sign(secret);
}

/** A token with any header and payload, signed with the link secret (or another key). */
function handMade(header: unknown, payload: unknown, key: Uint8Array = secret): string {
  const signingInput = `${b64(header)}.${b64(payload)}`;
  return `${signingInput}.${hmac(signingInput, key)}`;
}

const claims = { iss: 'closeloop', aud: 'status', sub: 'c-1', exp: Math.floor(expiresAt.getTime() / 1000) };

describe('customer link tokens', () => {
  it('opens a link that was signed before (by jose)', async () => {
    await expect(verifyCustomerLink(await joseLink(), 'status', secret, now)).resolves.toEqual({
      complaintId: 'c-1',
      expiresAt: new Date(claims.exp * 1000),
    });
  });

  it('signs links jose itself accepts, with the same claims', async () => {
    const link = await signCustomerLink({
      complaintId: 'c-1',
      purpose: 'survey',
      baseUrl: 'https://x/',
      expiresAt,
      secret,
    });
    const { payload, protectedHeader } = await jwtVerify(link.token, secret, {
      issuer: 'closeloop',
      audience: 'survey',
      algorithms: ['HS256'],
      currentDate: now,
    });
    expect(protectedHeader).toEqual({ alg: 'HS256' });
    expect(payload).toMatchObject({ sub: 'c-1', exp: claims.exp });
    expect(link.url).toBe(`https://x/survey/${link.token}`);
  });

  it('tells an expired link apart, from the second of its expiry on, as jose did', async () => {
    const exp = Math.floor(now.getTime() / 1000);
    await expect(verifyCustomerLink(await joseLink({ exp }), 'status', secret, now)).rejects.toBeInstanceOf(
      LinkExpiredError,
    );
    await expect(verifyCustomerLink(await joseLink({ exp: exp + 1 }), 'status', secret, now)).resolves.toEqual({
      complaintId: 'c-1',
      expiresAt: new Date((exp + 1) * 1000),
    });
  });

  it.each([
    ['another purpose', () => joseLink({ aud: 'survey' })],
    ['another issuer', () => joseLink({ iss: 'someone-else' })],
    ['no complaint', () => joseLink({ sub: '' })],
    ['an expired link for another purpose', () => joseLink({ aud: 'survey', exp: 1 })],
    ['another key', async () => handMade({ alg: 'HS256' }, claims, new TextEncoder().encode('k'.repeat(40)))],
    ['no signature (alg none)', async () => `${b64({ alg: 'none' })}.${b64(claims)}.`],
    ['another algorithm named in the header', async () => handMade({ alg: 'HS512' }, claims)],
    ['a critical header it does not know', async () => handMade({ alg: 'HS256', crit: ['b64'], b64: false }, claims)],
    ['a payload that is not an object', async () => handMade({ alg: 'HS256' }, ['c-1'])],
    ['an expiry that is not a number', async () => handMade({ alg: 'HS256' }, { ...claims, exp: 'never' })],
    ['a not-before in the future', async () => handMade({ alg: 'HS256' }, { ...claims, nbf: claims.exp })],
    [
      'a signature with a character appended',
      async () => {
        const token = await joseLink();
        return `${token}A`;
      },
    ],
    [
      'a payload swapped under a valid signature',
      async () => {
        const [header, , signature] = (await joseLink()).split('.');
        return `${header}.${b64({ ...claims, sub: 'c-2' })}.${signature}`;
      },
    ],
    ['garbage', async () => 'not.a.token'],
    ['two parts', async () => 'abc.def'],
    ['nothing', async () => ''],
  ])('reads a token with %s as not found', async (_, token) => {
    await expect(verifyCustomerLink(await token(), 'status', secret, now)).rejects.toBeInstanceOf(NotFoundError);
  });
});
