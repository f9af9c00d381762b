import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LOCAL_CONSOLE_CLIENT_ID, LocalIssuer } from '../../infra/local/auth.js';
import { CODE_LIFETIME_SECONDS, LocalOAuth } from '../../infra/local/oauth.js';
import { demoStaff } from '../support/staff.js';

const api = 'http://127.0.0.1:3000';
const client = {
  clientId: LOCAL_CONSOLE_CLIENT_ID,
  redirectUri: `${api}/console/callback`,
  logoutUri: `${api}/console/sign-out`,
};
const verifier = 'a-verifier-of-the-test-that-is-long-enough-for-pkce';
const authorize = {
  response_type: 'code',
  client_id: LOCAL_CONSOLE_CLIENT_ID,
  redirect_uri: client.redirectUri,
  scope: 'openid email profile',
  state: 'st<ate>',
  nonce: 'n',
  code_challenge: createHash('sha256').update(verifier).digest('base64url'),
  code_challenge_method: 'S256',
};

/** The local provider with a clock the test moves. */
async function provider() {
  let now = new Date('2026-11-30T09:00:00Z');
  const issuer = await LocalIssuer.create({ apiUrl: api, staff: demoStaff });
  const oauth = new LocalOAuth(issuer, client, () => now);
  const codeFor = (user: string) => {
    const answer = oauth.choose(new URLSearchParams({ ...authorize, username: user }));
    return new URL(answer.headers!.location!).searchParams.get('code')!;
  };
  const exchange = (code: string) =>
    oauth.token(
      new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: LOCAL_CONSOLE_CLIENT_ID,
        code,
        redirect_uri: client.redirectUri,
        code_verifier: verifier,
      }),
    );
  return { oauth, codeFor, exchange, later: (seconds: number) => (now = new Date(now.getTime() + seconds * 1000)) };
}

describe('the local OAuth server', () => {
  it('refuses a code once its five minutes are over', async () => {
    const { codeFor, exchange, later } = await provider();
    const code = codeFor('agent.li');
    later(CODE_LIFETIME_SECONDS + 1);
    expect(await exchange(code)).toMatchObject({ statusCode: 400, body: { error: 'invalid_grant' } });
  });

  it('escapes what the request carries on its sign-in page', async () => {
    const { oauth } = await provider();
    const page = oauth.authorize(new URLSearchParams(authorize)).body as string;
    expect(page).toContain('value="st&lt;ate&gt;"');
    expect(page).not.toContain('st<ate>');
  });

  it('refuses a sign-in for someone who is not in the staff directory', async () => {
    const { oauth } = await provider();
    expect(oauth.choose(new URLSearchParams({ ...authorize, username: 'mallory' })).statusCode).toBe(400);
  });

  it('signs tokens with a key that survives a restart when it is kept in a file', async () => {
    const { mkdtempSync, statSync } = await import('node:fs');
    const keyFile = `${mkdtempSync('/tmp/closeloop-oauth-')}/key.pem`;
    const first = await LocalIssuer.create({ apiUrl: api, staff: demoStaff, keyFile });
    const again = await LocalIssuer.create({ apiUrl: api, staff: demoStaff, keyFile });
    const { token } = await first.issue('agent.li');
    await expect(again.verify(token)).resolves.toMatchObject({ sub: 'agent.li' });
    expect(again.jwks()).toEqual(first.jwks());
    expect(Object.keys(first.jwks().keys[0]!).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(statSync(keyFile).mode & 0o077).toBe(0);
  });
});
