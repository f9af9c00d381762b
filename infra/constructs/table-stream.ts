import { Duration, Validations } from 'aws-cdk-lib';
import { type Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { EventSourceMapping, type EventSourceMappingOptions, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { CloseloopFunction } from './closeloop-function.js';

export interface TableStreamProps {
  table: ITableV2;
  /** Who reads the stream, as the queue's cdk-nag acknowledgement names it: "the aggregator". */
  consumer: string;
  /** What a message in the dead-letter queue means to the person its alarm wakes. */
  alarmDescription: string;
  /** The mapping's batch, retries and filters. Every consumer is idempotent, so it starts at the oldest record kept. */
  mapping: Pick<EventSourceMappingOptions, 'batchSize' | 'maxBatchingWindow' | 'retryAttempts' | 'filters'>;
}

/**
 * A function fed by the table's stream (`Stream` in `scope`): it reads this one stream by its ARN (no
 * ListStreams on "*"); a batch that keeps failing is halved to find the record, retried, and then
 * described in a dead-letter queue (`DeadLetters`) that a person reads, woken by an alarm on its depth
 * (`DeadLettersAlarm`).
 */
export function consumeTableStream(
  scope: Construct,
  fn: CloseloopFunction,
  props: TableStreamProps,
): { deadLetters: Queue; deadLetterAlarm: Alarm } {
  const { table } = props;
  if (!table.tableStreamArn) throw new Error(`${props.consumer} needs the table stream (stateful stack)`);
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
      resources: [table.tableStreamArn],
    }),
  );
  const deadLetters = new Queue(scope, 'DeadLetters', {
    retentionPeriod: Duration.days(14),
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
  });
  Validations.of(deadLetters).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason:
      `This queue is the dead-letter destination of ${props.consumer}'s stream mapping: what reaches it is ` +
      'read by a person (its alarm), not consumed by a function that could fail on it in turn.',
  });
  new EventSourceMapping(scope, 'Stream', {
    target: fn.function,
    eventSourceArn: table.tableStreamArn,
    startingPosition: StartingPosition.TRIM_HORIZON,
    bisectBatchOnError: true,
    reportBatchItemFailures: true,
    onFailure: new SqsDlq(deadLetters),
    ...props.mapping,
  });
  const deadLetterAlarm = deadLetters
    .metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) })
    .createAlarm(scope, 'DeadLettersAlarm', {
      alarmDescription: props.alarmDescription,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  return { deadLetters, deadLetterAlarm };
}
