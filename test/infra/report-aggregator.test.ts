import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { REPORT_BATCH_SIZE, REPORT_RETRY_ATTEMPTS } from '../../infra/constructs/report-aggregator.js';
import { functionsByEntry, synthCloseloop } from './synth.js';

describe('the report aggregator on AWS', () => {
  const { data, api } = synthCloseloop();
  const aggregator = functionsByEntry(api)['functions/report-aggregator.ts']!;

  it('gives the table a stream with the images before and after each write', () => {
    data.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
  });

  it('feeds the stream to the aggregator in halved batches on error, with retries, failures reported by record and a dead-letter queue', () => {
    api.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: aggregator.logicalId },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: REPORT_BATCH_SIZE,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: REPORT_RETRY_ATTEMPTS,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: Match.objectLike({ 'Fn::GetAtt': Match.arrayWith(['Arn']) }) } },
      FilterCriteria: {
        Filters: [{ Pattern: JSON.stringify({ dynamodb: { Keys: { pk: { S: [{ prefix: 'COMPLAINT#' }] } } } }) }],
      },
    });
  });

  it('raises an alarm when a record reaches the dead-letter queue and when the stream falls behind', () => {
    api.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
    });
    api.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'IteratorAge',
      Statistic: 'Maximum',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: aggregator.logicalId } }],
    });
  });

  it('lets the aggregator write only the report partitions', () => {
    const policies = Object.values(api.findResources('AWS::IAM::Policy')).filter((p) =>
      (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === aggregator.roleLogicalId),
    );
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Record<string, unknown>[]);
    const writes = statements.filter((s) => {
      const actions = ([] as string[]).concat(s.Action as string | string[]);
      return (
        s.Effect === 'Allow' && actions.some((a) => /Put|Update|Delete|BatchWrite/.test(a) && a.startsWith('dynamodb:'))
      );
    });
    expect(writes).toEqual([
      expect.objectContaining({
        Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['REPORT#*'] } },
      }),
    ]);
  });
});
