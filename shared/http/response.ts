import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type HttpResult = APIGatewayProxyStructuredResultV2 & { statusCode: number };

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...SECURITY_HEADERS,
      ...headers,
    },
    body: JSON.stringify(body),
  };
}

/**
 * The policy of every page we serve (customer pages and the console): styles and scripts only as
 * files of our own origin (/assets), never inline, so markup that slipped through escaping still
 * runs nothing; fetch() and form posts only to our own origin; no framing, no <base>.
 * connect-src is there because the pages' scripts post JSON to the API they came from.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** HTML is only ever built from escaped values (shared/templates/html.ts); the CSP forbids anything inline. */
export function html(statusCode: number, body: string, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      ...SECURITY_HEADERS,
      ...headers,
    },
    body,
  };
}

/** A static file (the stylesheet, a script): its own type and caching, the same security headers. */
export function file(statusCode: number, body: string, headers: Record<string, string>): HttpResult {
  return { statusCode, headers: { ...SECURITY_HEADERS, ...headers }, body };
}
