import { createHash } from 'node:crypto';
import { CONSOLE_SCRIPT } from './console/client-script.js';

/**
 * The static files every page links (no inline style or script: the Content-Security-Policy forbids
 * them). Served by the assets function at /assets/{name}; a page links `assetPath(name)`, whose
 * `?v=` changes with the content, so a browser may cache each version for a year.
 */
// TODO(issue 8, design engineer): the stylesheet (web/design).
const FILES = {
  'closeloop.css': { contentType: 'text/css; charset=utf-8', body: '' },
  'console.js': { contentType: 'text/javascript; charset=utf-8', body: CONSOLE_SCRIPT },
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
