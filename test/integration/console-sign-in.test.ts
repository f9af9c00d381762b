import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CONSOLE_CLIENT_ID } from '../../infra/local/auth.js';
import { linkSigningKey } from '../../shared/adapters/secrets.js';
import { requireConsoleStaff, SESSION_COOKIE } from '../../shared/console/session.js';
import { consoleKeys, SIGN_IN_COOKIE } from '../../shared/console/sign-in.js';
import { lifecycleRuntime, stop } from '../support/lifecycle.js';
import { demoStaff } from '../support/staff.js';

/**
 * The console's whole sign-in over HTTP against the local runtime: the console function runs the
 * code flow with PKCE against the runtime's OAuth server exactly as it does against Cognito.
 */
describe('signing in to the console against the local OAuth server', { timeout: 120_000 }, () => {
  let env: Awaited<ReturnType<typeof lifecycleRuntime>>;
  let api: string;

  beforeAll(async () => {
    env = await lifecycleRuntime('console-sign-in');
    api = env.runtime.apiUrl;
  });
  afterAll(() => stop(env?.runtime));

  const get = (url: string, cookie?: string) =>
    fetch(url.startsWith('http') ? url : `${api}${url}`, {
      redirect: 'manual',
      headers: cookie ? { cookie } : {},
    });
  const post = (url: string, form: Record<string, string>, cookie?: string) =>
    fetch(url.startsWith('http') ? url : `${api}${url}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
      body: new URLSearchParams(form),
    });
  /** The key the console function seals sessions with: derived from the runtime's link-signing secret. */
  const sessionKey = async () =>
    consoleKeys(await linkSigningKey({ LINK_SIGNING_SECRET: process.env.LINK_SIGNING_SECRET })).session;
  /** `name=value` of a Set-Cookie the answer sets (not one it clears). */
  const cookieSet = (res: Response, name: string) =>
    res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .find((c) => c.startsWith(`${name}=`) && c.length > name.length + 1);

  /** Sign-in up to the provider's answer: the callback URL with its code, and the sign-in cookie. */
  async function signInAs(user: string, returnTo = '/console/complaints/202611-0001') {
    const start = await get(`/console/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
    expect(start.status).toBe(303);
    const signInCookie = cookieSet(start, SIGN_IN_COOKIE)!;
    const authorize = new URL(start.headers.get('location')!);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${api}/_local/oauth2/authorize`);

    const page = await get(authorize.toString());
    expect(page.status).toBe(200);
    const text = await page.text();
    const picked = await post('/_local/oauth2/authorize', {
      ...Object.fromEntries(authorize.searchParams),
      username: user,
    });
    expect(picked.status).toBe(302);
    return { page: text, callback: picked.headers.get('location')!, signInCookie };
  }

  it('lists every seeded member of staff on the local sign-in page, with name, role and department', async () => {
    const { page } = await signInAs('agent.li');
    for (const member of demoStaff) {
      expect(page).toContain(member.name);
      expect(page).toContain(`value="${member.id}"`);
    }
    expect(page).toContain('customer service');
  });

  it('signs agent.li in: the callback sets a session cookie that opens a session naming agent.li, and returns to the page asked for', async () => {
    const { callback, signInCookie } = await signInAs('agent.li');
    expect(callback.startsWith(`${api}/console/callback?`)).toBe(true);
    const done = await get(callback, signInCookie);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/console/complaints/202611-0001');
    const session = cookieSet(done, SESSION_COOKIE)!;
    expect(done.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))).toMatch(
      /HttpOnly; SameSite=Lax/,
    );

    const key = await sessionKey();
    const { staff } = requireConsoleStaff({ cookies: [session], headers: {} }, key, { staff: demoStaff }, new Date());
    expect(staff.id).toBe('agent.li');
  });

  it('refuses a replayed code: the second callback opens no session', async () => {
    const { callback, signInCookie } = await signInAs('agent.li');
    expect((await get(callback, signInCookie)).status).toBe(303);
    const again = await get(callback, signInCookie);
    expect(again.status).toBe(400);
    expect(cookieSet(again, SESSION_COOKIE)).toBeUndefined();
    expect(await again.text()).toContain('did not confirm this sign-in');
  });

  it('refuses a callback without the sign-in cookie it started with (another browser, or a forged link)', async () => {
    const { callback } = await signInAs('agent.li');
    const res = await get(callback);
    expect(res.status).toBe(400);
    expect(cookieSet(res, SESSION_COOKIE)).toBeUndefined();
  });

  describe('the token endpoint, as a client sees it', () => {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const authorizeAs = async (user: string, nonce = 'n-1') => {
      const res = await post('/_local/oauth2/authorize', {
        response_type: 'code',
        client_id: LOCAL_CONSOLE_CLIENT_ID,
        redirect_uri: `${api}/console/callback`,
        scope: 'openid email profile',
        state: 's',
        nonce,
        code_challenge: challenge,
        code_challenge_method: 'S256',
        username: user,
      });
      return new URL(res.headers.get('location')!).searchParams.get('code')!;
    };
    const exchange = (code: string, codeVerifier = verifier) =>
      post('/_local/oauth2/token', {
        grant_type: 'authorization_code',
        client_id: LOCAL_CONSOLE_CLIENT_ID,
        code,
        redirect_uri: `${api}/console/callback`,
        code_verifier: codeVerifier,
      });

    it('answers an RS256 ID token that verifies against the JWKS, for the console client, with the nonce', async () => {
      const res = await exchange(await authorizeAs('supervisor.wang', 'nonce-42'));
      expect(res.status).toBe(200);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
      const jwks = createRemoteJWKSet(new URL(`${api}/_local/.well-known/jwks.json`));
      const { payload, protectedHeader } = await jwtVerify(body.id_token as string, jwks, {
        issuer: `${api}/_local`,
        audience: LOCAL_CONSOLE_CLIENT_ID,
      });
      expect(protectedHeader.alg).toBe('RS256');
      expect(payload).toMatchObject({
        token_use: 'id',
        nonce: 'nonce-42',
        'cognito:username': 'supervisor.wang',
        'cognito:groups': ['supervisor'],
      });
    });

    it("opens the staff API with the console client's tokens too, as the authorizer accepts both clients", async () => {
      const body = (await (await exchange(await authorizeAs('manager.sun'))).json()) as Record<string, string>;
      for (const token of [body.id_token, body.access_token]) {
        const res = await fetch(`${api}/staff/complaints?view=breached`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(res.status).toBe(200);
      }
    });

    it('refuses a wrong code verifier and then the code itself: it was used up by the first try', async () => {
      const code = await authorizeAs('agent.li');
      const wrong = await exchange(code, randomBytes(32).toString('base64url'));
      expect(wrong.status).toBe(400);
      expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });
      expect((await exchange(code)).status).toBe(400);
    });

    it('shows, and never follows, an authorize request for another redirect URI', async () => {
      const res = await get(
        `/_local/oauth2/authorize?${new URLSearchParams({
          response_type: 'code',
          client_id: LOCAL_CONSOLE_CLIENT_ID,
          redirect_uri: 'https://evil.example/console/callback',
          scope: 'openid',
          code_challenge: challenge,
          code_challenge_method: 'S256',
        })}`,
      );
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
    });

    it('sends a request without PKCE back to the client with invalid_request', async () => {
      const res = await get(
        `/_local/oauth2/authorize?${new URLSearchParams({
          response_type: 'code',
          client_id: LOCAL_CONSOLE_CLIENT_ID,
          redirect_uri: `${api}/console/callback`,
          scope: 'openid',
          state: 'st',
        })}`,
      );
      expect(res.status).toBe(302);
      const back = new URL(res.headers.get('location')!);
      expect(Object.fromEntries(back.searchParams)).toMatchObject({ error: 'invalid_request', state: 'st' });
    });
  });

  it('signs out with the CSRF token: the session cookie is cleared and the provider sends the browser to the signed-out page', async () => {
    const { callback, signInCookie } = await signInAs('agent.li');
    const session = cookieSet(await get(callback, signInCookie), SESSION_COOKIE)!;
    const key = await sessionKey();
    const { session: opened } = requireConsoleStaff(
      { cookies: [session], headers: {} },
      key,
      { staff: demoStaff },
      new Date(),
    );

    const forged = await post('/console/sign-out', { csrf: 'guessed' }, session);
    expect(forged.status).toBe(403);

    const out = await post('/console/sign-out', { csrf: opened.csrf }, session);
    expect(out.status, await out.clone().text()).toBe(303);
    expect(out.headers.getSetCookie()[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=; Path=/; Max-Age=0`));
    const logout = await get(out.headers.get('location')!);
    expect(logout.status).toBe(302);
    expect(logout.headers.get('location')).toBe(`${api}/console/sign-out`);
    const page = await get(logout.headers.get('location')!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('You have signed out');
  });
});
