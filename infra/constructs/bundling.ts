/**
 * What the function bundles leave out, because Lambda provides it at run time: the AWS SDK v3
 * (the Node.js runtime) and Powertools with its X-Ray SDK (the Powertools layer, see
 * POWERTOOLS_LAYER_VERSION). The construct, the bundle test and bench/intake all bundle with
 * this one list, so what they measure is what ships.
 */
export const EXTERNAL_MODULES: readonly string[] = ['@aws-sdk/*', '@aws-lambda-powertools/*', 'aws-xray-sdk-core'];

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
