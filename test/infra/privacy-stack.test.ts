import { describe, expect, it } from 'vitest';
import { actionsOf, functionsByEntry, type Statement, statementsOfRole, synthCloseloop } from './synth.js';

const STAFF_CUSTOMERS = 'functions/staff-customers.ts';
const RETENTION = 'functions/privacy-retention.ts';

/** The statements of a role that allow any of these actions. */
const allowing = (statements: Statement[], prefix: string) =>
  statements.filter((s) => actionsOf([s]).some((a) => a.startsWith(prefix)));

describe('the privacy functions’ permissions (least privilege)', () => {
  const { api, data } = synthCloseloop();
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

  /** The S3 actions a function may take on objects under one prefix of the bucket. */
  const s3ActionsOn = (entry: string, prefix: string) =>
    allowing(statements(entry), 's3:')
      .filter((s) => JSON.stringify(s.Resource).includes(`/${prefix}*`))
      .flatMap((s) => actionsOf([s]))
      .sort();

  it('lets the erasure delete raw-mail objects only, and the export read them; nothing else of any bucket', () => {
    for (const prefix of ['inbound/', 'attachments/']) {
      expect(s3ActionsOn(STAFF_CUSTOMERS, prefix)).toEqual(['s3:DeleteObject', 's3:GetObject']);
      expect(s3ActionsOn(RETENTION, prefix)).toEqual(['s3:DeleteObject']);
    }
    for (const entry of [STAFF_CUSTOMERS, RETENTION]) {
      const resources = allowing(statements(entry), 's3:').flatMap((s) => [s.Resource].flat());
      for (const resource of resources)
        expect(JSON.stringify(resource)).toMatch(/\/(inbound|attachments|exports)\/\*"/);
    }
  });

  it('lets the export write and read its archive under exports/ only (what its presigned link can do), and the erasures delete it', () => {
    expect(s3ActionsOn(STAFF_CUSTOMERS, 'exports/')).toEqual(['s3:DeleteObject', 's3:GetObject', 's3:PutObject']);
    expect(s3ActionsOn(RETENTION, 'exports/')).toEqual(['s3:DeleteObject']);
    for (const entry of [STAFF_CUSTOMERS, RETENTION]) {
      const puts = allowing(statements(entry), 's3:').filter((s) => actionsOf([s]).includes('s3:PutObject'));
      expect(JSON.stringify(puts.map((s) => s.Resource))).not.toMatch(/inbound|attachments/);
    }
  });

  it('deletes a waiting export after a day, and keeps raw mail on its own schedule', () => {
    const buckets = Object.values(data.findResources('AWS::S3::Bucket')).map((r) => r.Properties);
    const rules = buckets.flatMap((b) => b.LifecycleConfiguration?.Rules ?? []) as {
      Id: string;
      Prefix?: string;
      ExpirationInDays?: number;
      Status: string;
    }[];
    expect(rules.find((r) => r.Prefix === 'exports/')).toMatchObject({
      Id: 'ExportsExpire',
      ExpirationInDays: 1,
      Status: 'Enabled',
    });
    expect(rules.find((r) => r.Prefix === 'inbound/')?.Id).toBe('RawMailExpires');
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
