import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { openSession, SESSION_COOKIE } from '../../shared/console/session.js';
import {
  CALLBACK_PATH,
  consoleKeys,
  finishSignIn,
  type IdentityProvider,
  openSignIn,
  pkceChallenge,
  SIGN_IN_COOKIE,
  type SignInAnswer,
  type SignInDeps,
  safeReturnTo,
  sealSignIn,
  signInPath,
  signOut,
  startSignIn,
} from '../../shared/console/sign-in.js';
import { OidcProvider } from '../../shared/console/sign-in-provider.js';
import { demoStaff } from '../support/staff.js';

const keys = consoleKeys(Buffer.from('a link-signing secret of the test, long enough'));
const now = new Date('2026-11-30T09:00:00Z');
const settings = {
  authUrl: 'https://closeloop-staff.auth.eu-west-1.amazoncognito.com',
  clientId: 'console-client',
  publicBaseUrl: 'https://api.example.com',
};

/** A provider that answers with the claims the test gives, after checking it was handed the verifier of the challenge. */
function provider(
  claims: (nonce: string) => Record<string, unknown>,
  seen: { verifier?: string } = {},
): IdentityProvider {
  return {
    exchangeCode: async ({ codeVerifier }) => {
      seen.verifier = codeVerifier;
      return { idToken: 'id-token' };
    },
    verifyIdToken: async () => claims(lastNonce),
  };
}
let lastNonce = '';

const agentLi = (nonce: string) => ({
  token_use: 'id',
  nonce,
  'cognito:username': 'agent.li',
  'cognito:groups': ['agent'],
});

function deps(overrides: Partial<SignInDeps> = {}): SignInDeps {
  return {
    settings,
    keys,
    provider: provider(agentLi),
    findStaff: (id) => demoStaff.find((s) => s.id === id),
    now: () => now,
    ...overrides,
  };
}

function cookieValue(cookies: string[], name: string): string | undefined {
  const cookie = cookies.find((c) => c.startsWith(`${name}=`));
  return cookie?.slice(name.length + 1).split(';')[0];
}

/** Starts a sign-in and returns what the browser holds: the authorize URL's parameters and the sign-in cookie. */
async function started(d: SignInDeps = deps(), returnTo?: string) {
  const answer = await startSignIn(d, { returnTo });
  if (answer.kind !== 'redirect') throw new Error('expected a redirect');
  const url = new URL(answer.location);
  lastNonce = url.searchParams.get('nonce') ?? '';
  return { url, params: url.searchParams, cookie: cookieValue(answer.cookies, SIGN_IN_COOKIE), answer };
}

function refusalOf(answer: SignInAnswer) {
  return answer.kind === 'refused' ? answer.refusal : `redirect to ${answer.location}`;
}

describe('starting a console sign-in', () => {
  it("sends the browser to the provider's authorize endpoint with code, S256 PKCE, state and nonce", async () => {
    const { url, params, cookie } = await started();
    expect(`${url.origin}${url.pathname}`).toBe(`${settings.authUrl}/oauth2/authorize`);
    expect(Object.fromEntries(params)).toMatchObject({
      response_type: 'code',
      client_id: 'console-client',
      redirect_uri: 'https://api.example.com/console/callback',
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    const pending = openSignIn(cookie, keys.signIn, now)!;
    expect(params.get('state')).toBe(pending.state);
    expect(params.get('nonce')).toBe(pending.nonce);
    expect(params.get('code_challenge')).toBe(pkceChallenge(pending.verifier));
    expect(params.toString()).not.toContain(pending.verifier);
  });

  it('computes the S256 challenge of RFC 7636 appendix B', () => {
    expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('keeps the secrets in a ten-minute HttpOnly, Secure, Lax cookie sent only to the callback, which the browser cannot read', async () => {
    const { answer, cookie } = await started();
    const setCookie = answer.kind === 'redirect' ? answer.cookies[0]! : '';
    expect(setCookie).toContain(`Path=${CALLBACK_PATH}`);
    expect(setCookie).toMatch(/Max-Age=600; HttpOnly; SameSite=Lax; Secure$/);
    const pending = openSignIn(cookie, keys.signIn, now)!;
    expect(Buffer.from(cookie!.replace(/\./g, ''), 'base64url').toString('latin1')).not.toContain(pending.verifier);
  });

  it('sends someone already signed in straight to where they were going', async () => {
    const signedIn = await finishWith(agentLi, '/console/complaints/202611-0001');
    const session = cookieValue(signedIn.kind === 'redirect' ? signedIn.cookies : [], SESSION_COOKIE);
    const answer = await startSignIn(deps(), { returnTo: '/console?view=mine', sessionCookie: session });
    expect(answer).toEqual({ kind: 'redirect', location: '/console?view=mine', cookies: [] });
  });

  it('moves a sign-in started on another host name to the public URL first, where the callback reads its cookie', async () => {
    const answer = await startSignIn(deps(), { returnTo: '/console/x', origin: 'http://localhost:3000' });
    expect(answer).toEqual({
      kind: 'redirect',
      location: 'https://api.example.com/console/sign-in?returnTo=%2Fconsole%2Fx',
      cookies: [],
    });
  });
});

async function finishWith(
  claims: (nonce: string) => Record<string, unknown>,
  returnTo?: string,
  query?: (p: URLSearchParams) => Record<string, string>,
  d?: Partial<SignInDeps>,
) {
  const all = deps({ provider: provider(claims), ...d });
  const { params, cookie } = await started(all, returnTo);
  const q = query ? query(params) : { code: 'the-code', state: params.get('state')! };
  return finishSignIn(all, { query: q, signInCookie: cookie });
}

describe('coming back from the provider', () => {
  it('exchanges the code with the verifier, opens a session naming the member of staff and goes back to returnTo', async () => {
    const seen: { verifier?: string } = {};
    const d = deps({ provider: provider(agentLi, seen) });
    const { params, cookie } = await started(d, '/console/complaints/202611-0042');
    const answer = await finishSignIn(d, { query: { code: 'c', state: params.get('state')! }, signInCookie: cookie });
    expect(answer.kind).toBe('redirect');
    if (answer.kind !== 'redirect') return;
    expect(answer.location).toBe('/console/complaints/202611-0042');
    expect(pkceChallenge(seen.verifier!)).toBe(params.get('code_challenge'));
    const session = openSession(cookieValue(answer.cookies, SESSION_COOKIE), keys.session, now);
    expect(session?.staffId).toBe('agent.li');
    expect(answer.cookies.find((c) => c.startsWith(`${SIGN_IN_COOKIE}=;`))).toContain('Max-Age=0');
  });

  it('refuses a callback whose state is not the one it sent, without a session', async () => {
    const answer = await finishWith(agentLi, undefined, () => ({ code: 'c', state: 'someone-elses-state' }));
    expect(refusalOf(answer)).toBe('state_mismatch');
    expect(cookieValue(answer.cookies, SESSION_COOKIE)).toBeUndefined();
  });

  it('refuses an ID token whose nonce is not the one it sent', async () => {
    const answer = await finishWith((n) => ({ ...agentLi(n), nonce: 'replayed-nonce' }));
    expect(refusalOf(answer)).toBe('token_invalid');
  });

  it('refuses an access token handed over as the ID token', async () => {
    const answer = await finishWith((n) => ({ ...agentLi(n), token_use: 'access' }));
    expect(refusalOf(answer)).toBe('token_invalid');
  });

  it('refuses a token the provider could not verify and a code the provider would not exchange', async () => {
    const unverifiable: IdentityProvider = {
      exchangeCode: async () => ({ idToken: 'x' }),
      verifyIdToken: async () => Promise.reject(new Error('JWSSignatureVerificationFailed')),
    };
    expect(refusalOf(await finishWith(agentLi, undefined, undefined, { provider: unverifiable }))).toBe(
      'token_invalid',
    );
    const refusing: IdentityProvider = {
      exchangeCode: async () => Promise.reject(new Error('invalid_grant')),
      verifyIdToken: async () => ({}),
    };
    expect(refusalOf(await finishWith(agentLi, undefined, undefined, { provider: refusing }))).toBe('code_refused');
  });

  it('says so when the person cancelled at the provider', async () => {
    const answer = await finishWith(agentLi, undefined, (p) => ({ error: 'access_denied', state: p.get('state')! }));
    expect(refusalOf(answer)).toBe('provider_error');
  });

  it('refuses a forged, a tampered and an expired sign-in cookie', async () => {
    const d = deps();
    const { params, cookie } = await started(d);
    const query = { code: 'c', state: params.get('state')! };
    const otherKeys = consoleKeys(Buffer.from('another deployment, another secret!!'));
    const forged = sealSignIn(
      { state: query.state, nonce: 'n', verifier: 'v', returnTo: '/console', expiresAt: 2e9 },
      otherKeys.signIn,
    );
    const [iv, body, tag] = cookie!.split('.');
    const tampered = `${iv}.${body!.slice(0, -2)}AA.${tag}`;
    for (const [what, value] of [
      ['missing', undefined],
      ['forged', forged],
      ['tampered', tampered],
    ] as const) {
      expect(refusalOf(await finishSignIn(d, { query, signInCookie: value })), what).toBe('expired');
    }
    const later = deps({ now: () => new Date(now.getTime() + 11 * 60_000) });
    expect(refusalOf(await finishSignIn(later, { query, signInCookie: cookie }))).toBe('expired');
  });

  it('refuses an account the staff directory does not know, naming it, and one without its role in the token', async () => {
    const stranger = await finishWith((n) => ({ ...agentLi(n), 'cognito:username': 'mallory' }));
    expect(stranger).toMatchObject({ kind: 'refused', refusal: 'unknown_staff', username: 'mallory' });
    expect(cookieValue(stranger.cookies, SESSION_COOKIE)).toBeUndefined();
    const withoutGroup = await finishWith((n) => ({ ...agentLi(n), 'cognito:groups': ['manager'] }));
    expect(refusalOf(withoutGroup)).toBe('unknown_staff');
  });
});

describe('where a sign-in may return to', () => {
  it.each([
    ['/console/complaints/202611-0042', '/console/complaints/202611-0042'],
    ['/console?view=mine&grade=P1', '/console?view=mine&grade=P1'],
    ['/console', '/console'],
    [undefined, '/console'],
    ['https://evil.example/console', '/console'],
    ['//evil.example/console', '/console'],
    ['/\\evil.example', '/console'],
    ['/console/../staff/complaints', '/console'],
    ['/console/%2e%2e/x', '/console'],
    ['/consoleevil', '/console'],
    ['/staff/complaints', '/console'],
    ['javascript:alert(1)', '/console'],
    ['/console/sign-in', '/console'],
    ['/console/callback?code=x', '/console'],
    ['/console/x\r\nSet-Cookie: a=b', '/console'],
    ['/console/a#fragment', '/console/a'],
  ])('%s → %s', (value, expected) => {
    expect(safeReturnTo(value)).toBe(expected);
  });
});

describe('sending a browser without a session to sign in', () => {
  it('keeps the console page it was on, and nothing else', () => {
    expect(signInPath('/console/complaints/202611-0042?tab=mail')).toBe(
      '/console/sign-in?returnTo=%2Fconsole%2Fcomplaints%2F202611-0042%3Ftab%3Dmail',
    );
    expect(signInPath('https://evil.example/')).toBe('/console/sign-in?returnTo=%2Fconsole');
  });
});

describe('signing out', () => {
  async function signedIn() {
    const answer = await finishWith(agentLi);
    const value = cookieValue(answer.cookies, SESSION_COOKIE)!;
    return { value, session: openSession(value, keys.session, now)! };
  }

  it("clears the session and sends the browser to the provider's logout, which comes back to the signed-out page", async () => {
    const { value, session } = await signedIn();
    const answer = signOut(deps(), { sessionCookie: value, csrf: session.csrf });
    expect(answer.kind).toBe('redirect');
    if (answer.kind !== 'redirect') return;
    const url = new URL(answer.location);
    expect(`${url.origin}${url.pathname}`).toBe(`${settings.authUrl}/logout`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'console-client',
      logout_uri: 'https://api.example.com/console/sign-out',
    });
    expect(answer.cookies[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=; Path=/; Max-Age=0`));
  });

  it('refuses a sign-out without the session CSRF token and keeps the session', async () => {
    const { value } = await signedIn();
    for (const csrf of [undefined, '', 'guessed']) {
      expect(signOut(deps(), { sessionCookie: value, csrf })).toEqual({
        kind: 'refused',
        refusal: 'csrf',
        cookies: [],
      });
    }
  });
});

describe("the provider's ID token, verified against its JWKS", async () => {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), alg: 'RS256' }] });
  const issuer = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_pool';
  const oidc = new OidcProvider({ authUrl: settings.authUrl, issuer, clientId: 'console-client', jwks });
  const token = (edit: (jwt: SignJWT) => SignJWT = (j) => j) =>
    edit(
      new SignJWT({ token_use: 'id', 'cognito:username': 'agent.li' })
        .setProtectedHeader({ alg: 'RS256' })
        .setIssuer(issuer)
        .setAudience('console-client')
        .setSubject('agent.li')
        .setIssuedAt()
        .setExpirationTime('1h'),
    ).sign(privateKey);

  it("accepts a token the issuer signed for the console's client", async () => {
    await expect(oidc.verifyIdToken(await token())).resolves.toMatchObject({ 'cognito:username': 'agent.li' });
  });

  it('refuses another audience, another issuer, an expired token and another key', async () => {
    const other = await generateKeyPair('RS256');
    const cases: [string, string][] = [
      ['audience', await token((j) => j.setAudience('the-api-client'))],
      ['issuer', await token((j) => j.setIssuer('https://evil.example'))],
      ['expired', await token((j) => j.setIssuedAt(1_700_000_000).setExpirationTime(1_700_003_600))],
      [
        'key',
        await new SignJWT({ token_use: 'id' })
          .setProtectedHeader({ alg: 'RS256' })
          .setIssuer(issuer)
          .setAudience('console-client')
          .setSubject('x')
          .setIssuedAt()
          .setExpirationTime('1h')
          .sign(other.privateKey),
      ],
    ];
    for (const [what, jwt] of cases) await expect(oidc.verifyIdToken(jwt), what).rejects.toThrow();
  });

  it('posts the code with the verifier to the token endpoint as a form, without a secret', async () => {
    const calls: { url: string; body: string }[] = [];
    const fakeFetch = (async (url: string, init: RequestInit) => {
      calls.push({ url, body: String(init.body) });
      return new Response(JSON.stringify({ id_token: 'id.jwt', access_token: 'a', expires_in: 3600 }), { status: 200 });
    }) as unknown as typeof fetch;
    const withFetch = new OidcProvider({
      authUrl: settings.authUrl,
      issuer,
      clientId: 'console-client',
      jwks,
      fetch: fakeFetch,
    });
    await expect(
      withFetch.exchangeCode({
        code: 'c0de',
        redirectUri: 'https://api.example.com/console/callback',
        codeVerifier: 'v',
      }),
    ).resolves.toEqual({ idToken: 'id.jwt' });
    expect(calls[0]!.url).toBe(`${settings.authUrl}/oauth2/token`);
    expect(Object.fromEntries(new URLSearchParams(calls[0]!.body))).toEqual({
      grant_type: 'authorization_code',
      client_id: 'console-client',
      code: 'c0de',
      redirect_uri: 'https://api.example.com/console/callback',
      code_verifier: 'v',
    });
  });
});
