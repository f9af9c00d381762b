import { Duration } from 'aws-cdk-lib';
import { type Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule } from 'aws-cdk-lib/aws-lambda';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { POLICY_PARTITION } from '../../shared/adapters/dynamo/keys.js';
import { REPORT_PREFIX } from '../../shared/reports/dynamo-counters.js';
import { CloseloopFunction } from './closeloop-function.js';
import { consumeTableStream } from './table-stream.js';

/** Records per invocation: a batch is one transaction per counted record, well inside a minute. */
export const REPORT_BATCH_SIZE = 100;
/** After this many retries of a failing batch (halved each time) it goes to the dead-letter queue. */
export const REPORT_RETRY_ATTEMPTS = 10;
/** The stream's oldest unread record older than this means the figures are falling behind. */
export const REPORT_ITERATOR_AGE_ALARM = Duration.minutes(15);

/**
 * The report aggregator (issue 11): the table's stream through an event source mapping into
 * functions/report-aggregator.ts, which keeps the counters. Only complaint items reach it (a filter
 * on the key: its own counter writes never come back). A batch that keeps failing is halved to find
 * the record, retried, and then described in a dead-letter queue; an alarm watches that queue's depth
 * and one the stream's iterator age. Its role writes only the REPORT# partitions and reads only
 * complaints and the policy (for the operator's zone).
 */
export class ReportAggregator extends Construct {
  readonly fn: CloseloopFunction;
  readonly deadLetters: Queue;
  readonly deadLetterAlarm: Alarm;
  readonly iteratorAgeAlarm: Alarm;

  constructor(scope: Construct, id: string, props: { table: ITableV2 }) {
    super(scope, id);
    const { table } = props;
    if (!table.tableStreamArn) throw new Error('the report aggregator needs the table stream (stateful stack)');

    this.fn = new CloseloopFunction(this, 'Function', {
      entryName: 'report-aggregator',
      description: 'Table stream: keeps the report counters per day, department, category, channel and grade',
      timeout: Duration.minutes(1),
      environment: { TABLE_NAME: table.tableName },
    });
    this.fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${REPORT_PREFIX}*`] } },
      }),
    );
    this.fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['COMPLAINT#*', POLICY_PARTITION] } },
      }),
    );
    // The markers make a replay harmless, so a new mapping may start from the oldest record kept.
    const stream = consumeTableStream(this, this.fn, {
      table,
      consumer: 'the aggregator',
      alarmDescription:
        'Stream records the report aggregator gave up on: the figures miss them until the batch is replayed (the message names its shard and sequence numbers)',
      mapping: {
        batchSize: REPORT_BATCH_SIZE,
        maxBatchingWindow: Duration.seconds(5),
        retryAttempts: REPORT_RETRY_ATTEMPTS,
        filters: [FilterCriteria.filter({ dynamodb: { Keys: { pk: { S: FilterRule.beginsWith('COMPLAINT#') } } } })],
      },
    });
    this.deadLetters = stream.deadLetters;
    this.deadLetterAlarm = stream.deadLetterAlarm;
    this.iteratorAgeAlarm = this.fn.function
      .metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(5) })
      .createAlarm(this, 'IteratorAgeAlarm', {
        alarmDescription: 'The report aggregator is falling behind the table stream: the figures are late',
        threshold: REPORT_ITERATOR_AGE_ALARM.toMilliseconds(),
        evaluationPeriods: 3,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
  }
}
