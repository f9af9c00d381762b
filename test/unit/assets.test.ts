import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/assets.js';
import { ASSET_FILES } from '../../web/asset-files.js';
import { ASSET_VERSIONS } from '../../web/asset-versions.js';
import { asset, assetPath, contentVersion } from '../../web/assets.js';
import { httpEvent, lambdaContext } from '../support/http-event.js';

function get(name: string, opts: { v?: string; ifNoneMatch?: string } = {}) {
  return handler(
    httpEvent({
      method: 'GET',
      path: `/assets/${name}`,
      pathParameters: { name },
      query: opts.v === undefined ? undefined : { v: opts.v },
      headers: opts.ifNoneMatch ? { 'if-none-match': opts.ifNoneMatch } : {},
    }),
    lambdaContext,
  );
}

const css = asset('closeloop.css')!;

describe('GET /assets/{name}', () => {
  it.each([
    ['closeloop.css', 'text/css; charset=utf-8'],
    ['console.js', 'text/javascript; charset=utf-8'],
    ['form.js', 'text/javascript; charset=utf-8'],
    ['reply.js', 'text/javascript; charset=utf-8'],
    ['survey.js', 'text/javascript; charset=utf-8'],
  ])('answers %s with its content type, its body and its version as ETag', async (name, type) => {
    const answer = await get(name);
    expect(answer.statusCode).toBe(200);
    expect(answer.headers).toMatchObject({
      'content-type': type,
      etag: `"${asset(name)!.version}"`,
      'x-content-type-options': 'nosniff',
    });
    expect(answer.body).toBe(asset(name)!.body);
  });

  it('lets a browser keep the version a page links for a year, unchanged', async () => {
    const v = new URL(assetPath('closeloop.css'), 'http://x').searchParams.get('v')!;
    expect(v).toBe(css.version);
    const answer = await get('closeloop.css', { v });
    expect(answer.headers?.['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('has a link without a version or with an old one revalidated on every use: the content behind it changes', async () => {
    for (const v of [undefined, 'an-old-one']) {
      const answer = await get('closeloop.css', v === undefined ? {} : { v });
      expect(answer.statusCode).toBe(200);
      expect(answer.headers?.['cache-control']).toBe('no-cache');
    }
  });

  it('answers 304 without a body when the browser already holds this version, weak or strong, alone or in a list', async () => {
    for (const ifNoneMatch of [`"${css.version}"`, `W/"${css.version}"`, `"other", "${css.version}"`, '*']) {
      const answer = await get('closeloop.css', { v: css.version, ifNoneMatch });
      expect(answer.statusCode, ifNoneMatch).toBe(304);
      expect(answer.body).toBe('');
      expect(answer.headers).toMatchObject({ etag: `"${css.version}"` });
    }
    expect((await get('closeloop.css', { ifNoneMatch: '"stale"' })).statusCode).toBe(200);
  });

  it('answers 404 for anything that is not an asset: no path reaches a file', async () => {
    for (const name of [
      'nope.css',
      '../package.json',
      '..%2Fpackage.json',
      'closeloop.css/',
      '__proto__',
      'toString',
    ]) {
      const answer = await get(name);
      expect(answer.statusCode, name).toBe(404);
      expect(answer.body).not.toContain('aws-cdk');
    }
  });

  it('links every asset by the version its current body hashes to (else: npx tsx infra/scripts/write-asset-versions.ts)', () => {
    const current = Object.fromEntries(Object.entries(ASSET_FILES).map(([name, f]) => [name, contentVersion(f.body)]));
    expect(ASSET_VERSIONS).toEqual(current);
    for (const name of Object.keys(ASSET_FILES) as (keyof typeof ASSET_FILES)[]) {
      expect(assetPath(name)).toBe(`/assets/${name}?v=${asset(name)!.version}`);
    }
  });
});
