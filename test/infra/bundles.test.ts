import { readdirSync } from 'node:fs';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { EXTERNAL_MODULES } from '../../infra/constructs/bundling.js';

/** Each function bundled as the CDK construct bundles it (ESM, minified, the same externals). */
async function bundledInputs(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    external: [...EXTERNAL_MODULES],
    write: false,
    metafile: true,
    outdir: 'out',
    logLevel: 'silent',
  });
  return Object.values(result.metafile.outputs).flatMap((output) => Object.keys(output.inputs));
}

describe('function bundles', () => {
  const entries = readdirSync('functions')
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `functions/${f}`);

  it('carry none of zod’s 40-odd locale translations (import * as z from "zod", not { z })', async () => {
    for (const entry of entries) {
      const locales = (await bundledInputs(entry)).filter((input) => /node_modules\/zod\/.*\/locales\//.test(input));
      // `import { z }` pulls in every export of zod, locales included: ~450 KB instead of ~90 KB.
      expect(
        locales.filter((l) => !l.endsWith('/en.js')),
        entry,
      ).toEqual([]);
    }
  }, 120_000);

  it('carry neither Powertools nor the X-Ray SDK: the Powertools layer provides them', async () => {
    for (const entry of entries) {
      const bundled = (await bundledInputs(entry)).filter((input) =>
        /node_modules\/(@aws-lambda-powertools|aws-xray-sdk-core)\//.test(input),
      );
      expect(bundled, entry).toEqual([]);
    }
  }, 120_000);
});
