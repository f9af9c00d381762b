import { createHash } from 'node:crypto';
import { file, type HttpResult } from '../shared/http/response.js';
import { CONSOLE_SCRIPT } from './console/client-script.js';
import { STYLESHEET } from './design/styles.js';
import { FORM_SCRIPT } from './scripts/form.js';
import { REPLY_SCRIPT } from './scripts/reply.js';
import { SURVEY_SCRIPT } from './scripts/survey.js';

/**
 * The static files every page links (no inline style or script: the Content-Security-Policy forbids
 * them). Served by the assets function at /assets/{name}; a page links `assetPath(name)`, whose
 * `?v=` changes with the content, so a browser may cache each version for a year.
 */
const CSS = 'text/css; charset=utf-8';
const JS = 'text/javascript; charset=utf-8';
const FILES = {
  'closeloop.css': { contentType: CSS, body: STYLESHEET },
  'console.js': { contentType: JS, body: CONSOLE_SCRIPT },
  'form.js': { contentType: JS, body: FORM_SCRIPT },
  'reply.js': { contentType: JS, body: REPLY_SCRIPT },
  'survey.js': { contentType: JS, body: SURVEY_SCRIPT },
} as const;

export type AssetName = keyof typeof FILES;

export interface Asset {
  contentType: string;
  body: string;
  /** A short hash of the body: the `?v=` of its links and its ETag. */
  version: string;
}

const versioned = new Map<string, Asset>(
  Object.entries(FILES).map(([name, file]) => [
    name,
    { ...file, version: createHash('sha256').update(file.body).digest('base64url').slice(0, 12) },
  ]),
);

export function asset(name: string): Asset | undefined {
  return versioned.get(name);
}

export function assetPath(name: AssetName): string {
  return `/assets/${name}?v=${versioned.get(name)?.version ?? ''}`;
}

/** Long enough to spare repeat requests within a visit, short enough that a new deployment shows at once. */
const UNVERSIONED_MAX_AGE = 300;

/**
 * The answer to GET /assets/{name}?v=: the file with its type and its version as ETag, cached for a
 * year when the link names the current version (a new version is a new URL), for minutes when it
 * names none or an old one (the content behind such a URL changes). 304 when the browser already
 * holds this version; undefined for a name that is not an asset (a lookup in a map, so no path can
 * reach anything else).
 */
export function serveAsset(
  name: string,
  requestedVersion: string | undefined,
  ifNoneMatch: string | undefined,
): HttpResult | undefined {
  const found = versioned.get(name);
  if (!found) return undefined;
  const etag = `"${found.version}"`;
  const cacheControl =
    requestedVersion === found.version
      ? 'public, max-age=31536000, immutable'
      : `public, max-age=${UNVERSIONED_MAX_AGE}`;
  const headers = { etag, 'cache-control': cacheControl };
  if (matches(ifNoneMatch, etag)) return file(304, '', headers);
  return file(200, found.body, { ...headers, 'content-type': found.contentType });
}

/** If-None-Match is `*` or a list of entity tags, each perhaps weak (`W/"…"`). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}
