import { describe, expect, it } from 'vitest';
import { actionsOf, functionsByEntry, type Statement, statementsOfRole, synthCloseloop } from './synth.js';

const STAFF_CUSTOMERS = 'functions/staff-customers.ts';
const RETENTION = 'functions/privacy-retention.ts';

/** The statements of a role that allow any of these actions. */
const allowing = (statements: Statement[], prefix: string) =>
  statements.filter((s) => actionsOf([s]).some((a) => a.startsWith(prefix)));

describe('the privacy functions’ permissions (least privilege)', () => {
  const { api } = synthCloseloop();
  const functions = functionsByEntry(api);
  const statements = (entry: string) => statementsOfRole(api, functions[entry]!.roleLogicalId);

  it.each([STAFF_CUSTOMERS, RETENTION])('%s writes only complaint items and deletes only bounce records', (entry) => {
    const writes = statements(entry).filter((s) =>
      actionsOf([s]).some((a) => ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'].includes(a)),
    );
    expect(writes.length).toBeGreaterThan(0);
    for (const s of writes) {
      expect(s.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['COMPLAINT#*'] } });
    }
    const deletes = statements(entry).filter((s) => actionsOf([s]).includes('dynamodb:DeleteItem'));
    expect(deletes).toHaveLength(1);
    expect(deletes[0]!.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['ADDRESS#*'] } });
    expect(actionsOf(statements(entry))).not.toContain('dynamodb:Scan');
  });

  it('lets the erasure delete raw-mail objects only, and the export read them; nothing else of any bucket', () => {
    const s3 = (entry: string) => allowing(statements(entry), 's3:');
    expect(actionsOf(s3(STAFF_CUSTOMERS)).sort()).toEqual(['s3:DeleteObject', 's3:GetObject']);
    expect(actionsOf(s3(RETENTION))).toEqual(['s3:DeleteObject']);
    for (const entry of [STAFF_CUSTOMERS, RETENTION]) {
      const resources = JSON.stringify(s3(entry).map((s) => s.Resource));
      expect(resources).toContain('/inbound/*');
      expect(resources).toContain('/attachments/*');
      expect(resources).not.toMatch(/"\/\*"/);
    }
  });

  it('finds complaints through indexes: the export and erasure by email and phone, the sweep by archive time', () => {
    const indexes = (entry: string) =>
      JSON.stringify(statements(entry).filter((s) => JSON.stringify(s.Resource).includes('/index/')));
    expect(indexes(STAFF_CUSTOMERS)).toContain('/index/byCustomerEmail');
    expect(indexes(STAFF_CUSTOMERS)).toContain('/index/byCustomerPhone');
    expect(indexes(RETENTION)).toContain('/index/byDeadline');
    expect(indexes(RETENTION)).not.toContain('byCustomer');
  });

  it('runs the retention sweep daily from EventBridge Scheduler', () => {
    const schedules = Object.values(api.findResources('AWS::Scheduler::Schedule')).map((r) => r.Properties);
    const retention = schedules.find((s) => JSON.stringify(s.Target).includes(functions[RETENTION]!.logicalId));
    expect(retention?.ScheduleExpression).toBe('rate(1 day)');
  });
});
