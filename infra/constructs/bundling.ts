import type { BuildOptions } from 'esbuild';

/**
 * What the function bundles leave out, because Lambda provides it at run time: the AWS SDK v3
 * (the Node.js runtime) and Powertools with its X-Ray SDK (the Powertools layer, see
 * POWERTOOLS_LAYER_VERSION). The construct, the bundle test and bench/intake all bundle with
 * this one list, so what they measure is what ships.
 */
export const EXTERNAL_MODULES: readonly string[] = ['@aws-sdk/*', '@aws-lambda-powertools/*', 'aws-xray-sdk-core'];

/** CommonJS dependencies bundled into ESM still call require() for Node built-ins. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/**
 * The esbuild options the construct's bundling amounts to (NodejsFunction passes the same ones),
 * for the bundle-size test and bench/intake. `charset: 'utf8'` keeps the Chinese texts of mails
 * and pages as UTF-8 (3 bytes a character) instead of \uXXXX escapes (6 bytes): about 11 KB less
 * in a function that mails. Node reads ESM source as UTF-8, so nothing changes at run time.
 */
export const FUNCTION_BUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  mainFields: ['module', 'main'],
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  charset: 'utf8',
  external: [...EXTERNAL_MODULES],
  banner: { js: ESM_REQUIRE_BANNER },
} as const satisfies BuildOptions;

/** The most a function's minified bundle may weigh (test/infra/bundles.test.ts holds every function to it). */
export const MAX_BUNDLE_BYTES = 150_000;

/**
 * Version of AWS's public Powertools for AWS Lambda (TypeScript) v2 layer every function carries.
 * Pinned, so a deployment never changes Powertools by itself: 44 is the newest v2 layer the
 * Powertools docs list (docs.aws.amazon.com/powertools/typescript/latest/getting-started/lambda-layers).
 * Which 2.x release a layer version holds is listed with the layer (aws lambda get-layer-version-by-arn);
 * keep it and the @aws-lambda-powertools/* versions in package.json, which the tests run, in step.
 */
export const POWERTOOLS_LAYER_VERSION = 44;

/** The account AWS publishes the Powertools TypeScript layers from, in every commercial region. */
export const POWERTOOLS_LAYER_ACCOUNT = '094274105915';

/**
 * The layer's ARN in a region. The TypeScript layer is plain JavaScript: one layer serves arm64
 * and x86_64, so the ARN has no architecture suffix (unlike the Python layers').
 */
export function powertoolsLayerArn(region: string, partition = 'aws'): string {
  return `arn:${partition}:lambda:${region}:${POWERTOOLS_LAYER_ACCOUNT}:layer:AWSLambdaPowertoolsTypeScriptV2:${POWERTOOLS_LAYER_VERSION}`;
}
