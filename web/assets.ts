import { createHash } from 'node:crypto';
import { file, type HttpResult } from '../shared/http/response.js';
import { ASSET_FILES } from './asset-files.js';
import { ASSET_VERSIONS } from './asset-versions.js';

/**
 * The static files every page links (no inline style or script: the Content-Security-Policy forbids
 * them). Served by the assets function at /assets/{name}; a page links `assetPath(name)`, whose
 * `?v=` changes with the content, so a browser may cache each version for a year.
 */
export type AssetName = keyof typeof ASSET_VERSIONS;

export interface Asset {
  contentType: string;
  body: string;
  /** A short hash of the body: the `?v=` of its links and its ETag. */
  version: string;
}

/** The version an asset's body hashes to (web/asset-versions.ts holds them for the pages). */
export function contentVersion(body: string): string {
  return createHash('sha256').update(body).digest('base64url').slice(0, 12);
}

function versionAll(files: Record<AssetName, { contentType: string; body: string }>): Map<string, Asset> {
  return new Map(Object.entries(files).map(([name, f]) => [name, { ...f, version: contentVersion(f.body) }]));
}

// Pure: a bundle that only links assets (every page) drops the bodies along with this map.
const versioned = /* @__PURE__ */ versionAll(ASSET_FILES);

export function asset(name: string): Asset | undefined {
  return versioned.get(name);
}

export function assetPath(name: AssetName): string {
  return `/assets/${name}?v=${ASSET_VERSIONS[name]}`;
}

/**
 * The answer to GET /assets/{name}?v=: the file with its type and its version as ETag, cached for a
 * year when the link names the current version (a new version is a new URL); revalidated on every
 * use when it names none or another one, since the content behind such a URL changes. 304 when the
 * browser already holds this version; undefined for a name that is not an asset (a lookup in a map,
 * so no path can reach anything else).
 */
export function serveAsset(
  name: string,
  requestedVersion: string | undefined,
  ifNoneMatch: string | undefined,
): HttpResult | undefined {
  const found = versioned.get(name);
  if (!found) return undefined;
  const etag = `"${found.version}"`;
  const cacheControl = requestedVersion === found.version ? 'public, max-age=31536000, immutable' : 'no-cache';
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
