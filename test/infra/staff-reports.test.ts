import { describe, expect, it } from 'vitest';
import { functionsByEntry, synthCloseloop } from './synth.js';

describe('the reports function on AWS', () => {
  const { api } = synthCloseloop();
  const reports = functionsByEntry(api)['functions/staff-reports.ts']!;
  const statements = Object.values(api.findResources('AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === reports.roleLogicalId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Record<string, unknown>[])
    .filter(
      (s) =>
        s.Effect === 'Allow' && ([] as string[]).concat(s.Action as string[]).some((a) => a.startsWith('dynamodb:')),
    );
  const actionsOf = (s: Record<string, unknown>) => ([] as string[]).concat(s.Action as string[]);

  it('writes nothing but improvement actions', () => {
    const writes = statements.filter((s) => actionsOf(s).some((a) => /Put|Update|Delete|BatchWrite|Transact/.test(a)));
    expect(writes).toEqual([
      expect.objectContaining({
        Action: 'dynamodb:PutItem',
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['REPORT#ACTION#*'] } },
      }),
    ]);
  });

  it('reads the table only in the counter, action and policy partitions, and queries only the overdue indexes', () => {
    const onTable = statements.filter((s) => !JSON.stringify(s.Resource).includes('/index/'));
    const reads = onTable.filter((s) => actionsOf(s).some((a) => /Get|Query|Scan/.test(a)));
    expect(reads).toEqual([
      expect.objectContaining({
        Action: ['dynamodb:GetItem', 'dynamodb:Query'],
        Condition: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['REPORT#DAY#*', 'REPORT#ACTION#*', 'POLICY'] },
        },
      }),
    ]);
    const onIndexes = statements.filter((s) => JSON.stringify(s.Resource).includes('/index/'));
    expect(onIndexes.map(actionsOf)).toEqual([['dynamodb:Query']]);
    const indexes = JSON.stringify(onIndexes[0]!.Resource).match(/\/index\/(\w+)/g);
    expect(indexes).toEqual(['/index/byDeadline', '/index/byDepartment']);
    expect(statements.flatMap(actionsOf)).not.toContain('dynamodb:Scan');
  });
});
