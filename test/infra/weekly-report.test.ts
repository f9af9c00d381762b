import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { actionsOf, functionsByEntry, statementsOfRole, synthCloseloop } from './synth.js';

describe('the weekly report mail on AWS', () => {
  const { api } = synthCloseloop();
  const fn = functionsByEntry(api)['functions/weekly-report.ts']!;
  const statements = statementsOfRole(api, fn.roleLogicalId);
  const leadingKeys = (action: string) =>
    statements
      .filter((s) => actionsOf([s]).includes(action))
      .map((s) => s.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys']);

  it('runs every hour (it sends on Monday at nine in the stored policy’s zone), retried twice, by a role of its own', () => {
    api.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 hour)',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [fn.logicalId, 'Arn'] },
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 2 }),
      }),
    });
    const schedule = Object.values(api.findResources('AWS::Scheduler::Schedule')).find(
      (s) => JSON.stringify(s.Properties.Target.Arn) === JSON.stringify({ 'Fn::GetAtt': [fn.logicalId, 'Arn'] }),
    )!;
    const roleId = schedule.Properties.Target.RoleArn['Fn::GetAtt'][0];
    expect(actionsOf(statementsOfRole(api, roleId))).toEqual(['lambda:InvokeFunction']);
  });

  it('reads only the report counters and the stored policy, and writes only its once-a-week markers', () => {
    const dynamo = actionsOf(statements).filter((a) => a.startsWith('dynamodb:'));
    expect(dynamo.sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    expect(leadingKeys('dynamodb:Query')).toEqual([['REPORT#DAY#*']]);
    expect(leadingKeys('dynamodb:GetItem')).toEqual([['POLICY']]);
    expect(leadingKeys('dynamodb:PutItem')).toEqual([['ONCE#weekly-report#*']]);
    expect(leadingKeys('dynamodb:UpdateItem')).toEqual([['ONCE#weekly-report#*']]);
    for (const s of statements.filter((st) => actionsOf([st]).some((a) => a.startsWith('dynamodb:')))) {
      // The table itself: no index, no stream.
      expect(JSON.stringify(s.Resource)).not.toContain('/index/');
    }
  });

  it('sends mail from the configured sender only, and reads the staff directory to find managers and heads', () => {
    const ses = statements.filter((s) => actionsOf([s]).some((a) => a.startsWith('ses:')));
    expect(actionsOf(ses)).toEqual(['ses:SendEmail']);
    expect(ses[0]!.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'complaints@example.com' } });
    expect(actionsOf(statements).filter((a) => a.startsWith('cognito-idp:'))).toEqual(['cognito-idp:ListUsersInGroup']);
    expect(actionsOf(statements).filter((a) => a.startsWith('states:') || a.startsWith('s3:'))).toEqual([]);
    expect(Object.keys(fn.properties.Environment.Variables).sort()).toEqual(
      expect.arrayContaining(['MAIL_FROM', 'PUBLIC_BASE_URL', 'SES_CONFIGURATION_SET', 'TABLE_NAME']),
    );
    expect(fn.properties.Environment.Variables).not.toHaveProperty('REPLY_DOMAIN');
  });
});
