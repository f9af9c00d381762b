import { Duration } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule } from 'aws-cdk-lib/aws-lambda';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { POLICY_PARTITION } from '../../shared/adapters/dynamo/keys.js';
import { INCIDENT_KEY_PREFIX } from '../../shared/incidents/dynamo-incidents.js';
import { CloseloopFunction } from './closeloop-function.js';
import { scheduled } from './scheduled.js';
import { consumeTableStream } from './table-stream.js';

/** How often the incidents' side clock runs: a 2-hour plan deadline is escalated at most this late. */
export const INCIDENT_CLOCK_RATE = Duration.minutes(5);
export const INCIDENT_RETRY_ATTEMPTS = 10;

export interface IncidentsProps {
  table: ITableV2;
  /** The stack's mail settings and ses:SendEmail for a function that mails staff. */
  grantStaffMail(fn: CloseloopFunction): void;
  /** The staff directory (the Cognito pool's groups) for a function that needs staff. */
  readsStaffDirectory(fn: CloseloopFunction): void;
  publicBaseUrl: string;
}

/**
 * Batch-defect incidents (INC, issue 11; shared/incidents/*):
 * - the detector: the table's stream (new complaint items only) → functions/incident-detector.ts,
 *   retried from the failing record, then a dead-letter queue with an alarm: detection is off the
 *   intake path, so it never fails a submission and is never lost;
 * - the clock: EventBridge Scheduler every 5 minutes → functions/incident-clock.ts, which escalates a
 *   plan past its deadline (a side clock like the breach digest's, not a Step Functions wait: an
 *   incident is no complaint, and one query of the few open incidents costs less than an execution each);
 * - the staff API: functions/staff-incidents.ts (routed by the stack).
 * Each role reaches only the INCIDENT… partitions (and, for the detector, the complaint timelines'
 * `incident_linked` events) and the stored policy.
 */
export class Incidents extends Construct {
  readonly detector: CloseloopFunction;
  readonly clock: CloseloopFunction;
  readonly staffApi: CloseloopFunction;
  readonly deadLetters: Queue;
  readonly deadLetterAlarm: Alarm;

  constructor(scope: Construct, id: string, props: IncidentsProps) {
    super(scope, id);
    const { table } = props;
    if (!table.tableStreamArn) throw new Error('incident detection needs the table stream (stateful stack)');
    const environment = { TABLE_NAME: table.tableName, PUBLIC_BASE_URL: props.publicBaseUrl };
    const onIncidents = (fn: CloseloopFunction, actions: string[], extraKeys: string[] = []) =>
      fn.addToRolePolicy(
        new PolicyStatement({
          actions,
          resources: [table.tableArn],
          conditions: {
            'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${INCIDENT_KEY_PREFIX}*`, ...extraKeys] },
          },
        }),
      );
    const readsPolicy = (fn: CloseloopFunction) =>
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['dynamodb:GetItem', 'dynamodb:Query'],
          resources: [table.tableArn],
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [POLICY_PARTITION] } },
        }),
      );

    this.detector = new CloseloopFunction(this, 'Detector', {
      entryName: 'incident-detector',
      description: 'Table stream: new complaints of a product fault open or join a batch-defect incident',
      timeout: Duration.minutes(1),
      environment,
    });
    onIncidents(this.detector, ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    // The `incident_linked` event on each linked complaint's timeline: a put, in the same transaction.
    this.detector.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:PutItem'],
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['COMPLAINT#*'] } },
      }),
    );
    readsPolicy(this.detector);
    props.grantStaffMail(this.detector);
    props.readsStaffDirectory(this.detector);
    // Detection is idempotent (a linked complaint is recognised), so the oldest record kept is a safe start.
    const stream = consumeTableStream(this, this.detector, {
      table,
      consumer: 'the incident detector',
      alarmDescription:
        'New complaints the incident detector gave up on: a batch defect may be missed until the records are replayed',
      mapping: {
        batchSize: 20,
        retryAttempts: INCIDENT_RETRY_ATTEMPTS,
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: {
              Keys: { pk: { S: FilterRule.beginsWith('COMPLAINT#') }, sk: { S: FilterRule.isEqual('META') } },
            },
          }),
        ],
      },
    });
    this.deadLetters = stream.deadLetters;
    this.deadLetterAlarm = stream.deadLetterAlarm;

    this.clock = new CloseloopFunction(this, 'Clock', {
      entryName: 'incident-clock',
      description: "Scheduled every 5 minutes: escalates an incident's plan past its deadline, resends a failed notice",
      timeout: Duration.minutes(1),
      environment,
    });
    onIncidents(this.clock, ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem']);
    readsPolicy(this.clock);
    props.grantStaffMail(this.clock);
    props.readsStaffDirectory(this.clock);
    scheduled(this, 'Clock', this.clock, {
      rate: INCIDENT_CLOCK_RATE,
      why: "Closeloop: the batch-defect incidents' plan deadlines",
      starts: "the incidents' clock",
    });

    this.staffApi = new CloseloopFunction(this, 'StaffApi', {
      entryName: 'staff-incidents',
      description: 'GET /staff/incidents, GET /staff/incidents/{id}, POST /staff/incidents/{id}/{action}',
      environment: { TABLE_NAME: table.tableName },
    });
    onIncidents(this.staffApi, ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem']);
    readsPolicy(this.staffApi);
    props.readsStaffDirectory(this.staffApi);
  }
}
