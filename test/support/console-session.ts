import { SESSION_COOKIE } from '../../shared/console/session.js';
import { SIGN_IN_COOKIE } from '../../shared/console/sign-in.js';

/** `name=value` of a cookie the answer sets (not one it clears). */
function cookieSet(res: Response, name: string): string | undefined {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${name}=`) && c.length > name.length + 1);
}

/**
 * A console session over plain HTTP against the local runtime, for tests without a browser: the
 * local sign-in page's code flow as a browser follows it (sign-in → pick the user → callback).
 * `get` answers a console page as that member of staff sees it.
 */
export async function consoleSession(apiUrl: string, user: string) {
  const at = (url: string) => (url.startsWith('http') ? url : `${apiUrl}${url}`);
  const start = await fetch(at('/console/sign-in?returnTo=%2Fconsole'), { redirect: 'manual' });
  const signIn = cookieSet(start, SIGN_IN_COOKIE);
  const authorize = new URL(start.headers.get('location') ?? '');
  const picked = await fetch(at(authorize.pathname), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...Object.fromEntries(authorize.searchParams), username: user }),
  });
  const done = await fetch(picked.headers.get('location') ?? '', {
    redirect: 'manual',
    headers: signIn ? { cookie: signIn } : {},
  });
  const session = cookieSet(done, SESSION_COOKIE);
  if (!session) throw new Error(`console sign-in as ${user} answered ${done.status} without a session`);
  return {
    get: (url: string) => fetch(at(url), { redirect: 'manual', headers: { cookie: session, accept: 'text/html' } }),
  };
}
