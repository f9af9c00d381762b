import { cookieOf, SESSION_COOKIE } from '../shared/console/session.js';
import {
  CSRF_FIELD,
  finishSignIn,
  SIGN_IN_COOKIE,
  type SignInAnswer,
  signOut,
  startSignIn,
} from '../shared/console/sign-in.js';
import { type HttpRequest, httpHandler } from '../shared/http/handler.js';
import { type HttpResult, html } from '../shared/http/response.js';
import { httpRoutes } from '../shared/http/router.js';
import { consoleSignIn } from '../shared/wiring.js';
import { REFUSAL_STATUS, renderSignedOutPage, renderSignInRefusedPage } from '../web/console/sign-in-pages.js';

const deps = await consoleSignIn();

/** These pages load nothing but the stylesheet and post only to us. */
const STRICT_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

function answer(result: SignInAnswer, request: HttpRequest): HttpResult {
  if (result.kind === 'redirect') {
    return {
      statusCode: 303,
      headers: { location: result.location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
      cookies: result.cookies,
    };
  }
  const page = renderSignInRefusedPage(result.refusal, request.locale, result.username);
  return {
    ...html(REFUSAL_STATUS[result.refusal], page, { 'content-security-policy': STRICT_CSP }),
    cookies: result.cookies,
  };
}

/** The scheme and host the browser used, as API Gateway forwards them. */
function originOf(request: HttpRequest): string | undefined {
  const host = request.header('host');
  return host ? `${request.header('x-forwarded-proto') ?? 'https'}://${host}` : undefined;
}

/** GET /console/sign-in?returnTo=/console/...: off to the identity provider. */
const signIn = httpHandler(
  async (request) =>
    answer(
      await startSignIn(deps, {
        returnTo: request.event.queryStringParameters?.returnTo,
        sessionCookie: cookieOf(request.event, SESSION_COOKIE),
        origin: originOf(request),
      }),
      request,
    ),
  { prefers: 'html' },
);

/** GET /console/callback?code&state: back from the identity provider, into the console. */
const callback = httpHandler(
  async (request) =>
    answer(
      await finishSignIn(deps, {
        query: request.event.queryStringParameters ?? {},
        signInCookie: cookieOf(request.event, SIGN_IN_COOKIE),
      }),
      request,
    ),
  { prefers: 'html' },
);

/** POST /console/sign-out (the console's form, with its CSRF token): out, at the provider too. */
const signOutPost = httpHandler(
  async (request) => {
    const csrf = (request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
    return answer(signOut(deps, { sessionCookie: cookieOf(request.event, SESSION_COOKIE), csrf }), request);
  },
  { body: { maxBodyBytes: 4096, form: true }, prefers: 'html' },
);

/** GET /console/sign-out: where the provider's logout comes back to. */
const signedOut = httpHandler(
  async (request) => html(200, renderSignedOutPage(request.locale), { 'content-security-policy': STRICT_CSP }),
  { prefers: 'html' },
);

export const handler = httpRoutes([
  { method: 'GET', path: '/console/sign-in', handler: signIn },
  { method: 'GET', path: '/console/callback', handler: callback },
  { method: 'POST', path: '/console/sign-out', handler: signOutPost },
  { method: 'GET', path: '/console/sign-out', handler: signedOut },
]);
