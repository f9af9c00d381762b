import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import { DynamoPolicyStore } from '../../shared/adapters/dynamo/policy-store.js';
import { DynamoRateLimiter } from '../../shared/adapters/dynamo/rate-limiter.js';
import { createCalendar } from '../../shared/calendar/working-calendar.js';
import { defaultIntakePolicy } from '../../shared/policy/intake-policy.js';
import { PolicySource } from '../../shared/policy/policy-source.js';
import type { Clock } from '../../shared/ports/index.js';
import { rollbackPolicy, savePolicy } from '../../shared/usecases/policy-admin.js';
import { submitComplaint } from '../../shared/usecases/submit-complaint.js';
import { withPolicy } from '../../shared/wiring.js';
import { freshTable } from '../support/dynamo.js';
import { RecordingWorkflow } from '../support/recording-ports.js';
import { demoMember } from '../support/staff.js';

/**
 * A new policy version against DynamoDB Local, through the real intake use case and the same edge
 * (`withPolicy`) every function uses: new complaints get the new clocks, open ones keep their own.
 */
const { staff: _staff, ...defaults } = defaultIntakePolicy;
const key = new TextEncoder().encode('integration-test-secret-0123456789abcdef');
const body = {
  customer: { name: 'Li Na', email: 'li.na@example.com' },
  description: '请问发票怎么开？订单号 JD-1001。',
};

describe('policy versions and complaints', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  // Wednesday 2026-12-02, 10:00 in Shanghai.
  const now = new Date('2026-12-02T02:00:00Z');
  const clock: Clock = { now: () => now };
  beforeAll(async () => {
    table = await freshTable('policyversions');
  });
  afterAll(() => table.drop());

  it('moves a new complaint’s deadlines under a new calendar while the open one keeps its own, and a rollback restores them', async () => {
    const policies = new DynamoPolicyStore({ doc: table.doc, tableName: table.tableName });
    const source = new PolicySource({
      store: policies,
      seed: () => ({ policy: defaults, preset: 'closeloop', reason: 'seed' }),
      ttlMs: 0,
      now: () => Date.now(),
      onStale: () => undefined,
    });
    const store = new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName, clock });
    const current = withPolicy(
      {
        store,
        workflow: new RecordingWorkflow(),
        rateLimiter: new DynamoRateLimiter({ doc: table.doc, tableName: table.tableName, limitPerWindow: 0 }),
        clock,
        policy: defaultIntakePolicy,
        calendar: createCalendar(defaults.calendar),
        links: { baseUrl: 'http://localhost:3000', key },
      },
      source,
      (id) => policies.complaintPolicyVersion(id),
    );
    let order = 1000;
    // A different order each time: the same body within minutes would be the same complaint, replayed.
    const submit = async () => {
      const next = { ...body, description: body.description.replace('JD-1001', `JD-${++order}`) };
      return (await submitComplaint(await current(), { body: next, clientKey: '10.0.0.1', locale: 'zh-CN' })).complaint;
    };

    const open = await submit();
    expect(open.policyVersion).toBe(1);
    expect((await store.listTimeline(open.id)).find((e) => e.type === 'received')?.data).toMatchObject({
      policyVersion: 1,
    });

    // Tomorrow becomes a day off: the calendar's new version.
    const holidays = [...defaults.calendar.holidays, { name: 'Company day', from: '2026-12-03', to: '2026-12-03' }];
    const admin = { policies, clock };
    await savePolicy(admin, {
      policy: { ...defaults, calendar: { ...defaults.calendar, holidays } },
      reason: 'Company day',
      basedOn: 1,
      by: demoMember('manager.sun'),
    });
    const later = await submit();
    expect(later.policyVersion).toBe(2);
    expect(Date.parse(later.deadlines.assign)).toBeGreaterThan(Date.parse(open.deadlines.assign));

    // The open complaint's later clocks use its own version's calendar, where tomorrow is a working day.
    const forOpen = await current(open.id);
    expect(forOpen.policyVersion).toBe(1);
    expect(forOpen.calendar.isWorkingDay('2026-12-03')).toBe(true);
    expect((await current(later.id)).calendar.isWorkingDay('2026-12-03')).toBe(false);

    await rollbackPolicy(admin, { version: 1, reason: 'Cancelled', by: demoMember('manager.sun') });
    const afterRollback = await submit();
    expect(afterRollback.policyVersion).toBe(3);
    expect(afterRollback.deadlines).toEqual(open.deadlines);
  });
});
