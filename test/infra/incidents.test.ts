import { describe, expect, it } from 'vitest';
import { INCIDENT_RETRY_ATTEMPTS } from '../../infra/constructs/incidents.js';
import { functionsByEntry, synthCloseloop } from './synth.js';

describe('batch-defect incidents on AWS', () => {
  const { api } = synthCloseloop();
  const fns = functionsByEntry(api);
  const detector = fns['functions/incident-detector.ts']!;
  const clock = fns['functions/incident-clock.ts']!;
  const staffApi = fns['functions/staff-incidents.ts']!;

  function tableWrites(roleLogicalId: string): Record<string, unknown>[] {
    const policies = Object.values(api.findResources('AWS::IAM::Policy')).filter((p) =>
      (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleLogicalId),
    );
    return policies
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Record<string, unknown>[])
      .filter((s) => {
        const actions = ([] as string[]).concat(s.Action as string | string[]);
        return (
          s.Effect === 'Allow' && actions.some((a) => a.startsWith('dynamodb:') && /Put|Update|Delete|Batch/.test(a))
        );
      });
  }

  it('feeds only new complaint items to the detector, retried by record, with a dead-letter queue', () => {
    api.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: detector.logicalId },
      StartingPosition: 'TRIM_HORIZON',
      MaximumRetryAttempts: INCIDENT_RETRY_ATTEMPTS,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      FilterCriteria: {
        Filters: [
          {
            Pattern: JSON.stringify({
              eventName: ['INSERT'],
              dynamodb: { Keys: { pk: { S: [{ prefix: 'COMPLAINT#' }] }, sk: { S: ['META'] } } },
            }),
          },
        ],
      },
    });
  });

  it('runs the plan clock every 5 minutes', () => {
    const schedules = Object.values(api.findResources('AWS::Scheduler::Schedule')).map((s) => s.Properties);
    expect(schedules).toContainEqual(
      expect.objectContaining({
        ScheduleExpression: 'rate(5 minutes)',
        Target: expect.objectContaining({ Arn: { 'Fn::GetAtt': [clock.logicalId, 'Arn'] } }),
      }),
    );
  });

  it('lets the incident functions write only the INCIDENT partitions, and the detector also put complaint timeline events', () => {
    const onIncidents = { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['INCIDENT*'] } };
    expect(tableWrites(detector.roleLogicalId)).toEqual([
      expect.objectContaining({ Condition: onIncidents }),
      expect.objectContaining({
        Action: 'dynamodb:PutItem',
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['COMPLAINT#*'] } },
      }),
    ]);
    expect(tableWrites(clock.roleLogicalId)).toEqual([expect.objectContaining({ Condition: onIncidents })]);
    expect(tableWrites(staffApi.roleLogicalId)).toEqual([expect.objectContaining({ Condition: onIncidents })]);
  });
});
