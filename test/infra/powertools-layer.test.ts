import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { POWERTOOLS_LAYER_ACCOUNT, POWERTOOLS_LAYER_VERSION } from '../../infra/constructs/bundling.js';
import { functionsByEntry, synthCloseloop } from './synth.js';

/** The layer's ARN as CDK writes it for a stack whose region and partition are deploy-time values. */
const powertoolsLayer = {
  'Fn::Join': [
    '',
    Match.arrayWith([
      'arn:',
      { Ref: 'AWS::Partition' },
      ':lambda:',
      { Ref: 'AWS::Region' },
      `:${POWERTOOLS_LAYER_ACCOUNT}:layer:AWSLambdaPowertoolsTypeScriptV2:${POWERTOOLS_LAYER_VERSION}`,
    ]),
  ],
};

/**
 * Powertools is not bundled (see EXTERNAL_MODULES): a function without the layer would fail its
 * first import on AWS with ERR_MODULE_NOT_FOUND, though every local test passes.
 */
describe('the Powertools layer', () => {
  const { api } = synthCloseloop();
  const functions = Object.entries(functionsByEntry(api));

  // Every function built from functions/*.ts; the deploy trigger's provider is CDK's own code and imports no Powertools.
  it('is given to every function of ours', () => {
    expect(functions.length).toBeGreaterThan(0);
    for (const [entry, fn] of functions) {
      const withLayer = Match.objectLike({ Layers: Match.arrayWith([powertoolsLayer]) }).test(fn.properties);
      expect(withLayer.isSuccess, `${entry}: ${withLayer.toHumanStrings().join('; ')}`).toBe(true);
    }
  });

  it('is the one pinned version, the same in every function', () => {
    const layers = new Set(functions.map(([, fn]) => JSON.stringify((fn.properties as { Layers?: unknown }).Layers)));
    expect(layers.size).toBe(1);
  });
});
