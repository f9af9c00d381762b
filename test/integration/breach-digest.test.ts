import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import { DynamoOnceLedger } from '../../shared/adapters/dynamo/once-ledger.js';
import type { Complaint } from '../../shared/model/complaint.js';
import { defaultPolicy } from '../../shared/policy/default-policy.js';
import type { Policy } from '../../shared/policy/types.js';
import type { Clock } from '../../shared/ports/index.js';
import { type BreachDigestDeps, sendBreachDigests } from '../../shared/usecases/breach-digest.js';
import { aComplaint } from '../support/complaint-factory.js';
import { freshTable } from '../support/dynamo.js';
import { RecordingMailer } from '../support/recording-ports.js';
import { demoStaff } from '../support/staff.js';

/** The top rung's daily digest against DynamoDB Local: one mail per manager and day, listing every complaint still breached there. */
describe('the daily breach digest', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  let deps: BreachDigestDeps;
  let store: DynamoComplaintStore;
  let mailer: RecordingMailer;
  let now: Date;
  const clock: Clock = { now: () => now };
  // A finance manager beside the company-wide one: each hears only of the complaints that reach them.
  const policy: Policy = {
    ...defaultPolicy,
    staff: [
      ...demoStaff,
      {
        id: 'manager.qian',
        name: 'Qian Hui',
        email: 'manager.qian@closeloop.local',
        role: 'manager',
        department: 'finance',
        locale: 'zh-CN',
      },
    ],
  };

  beforeAll(async () => {
    table = await freshTable('digest');
  });
  afterAll(() => table.drop());
  beforeEach(() => {
    now = new Date('2026-11-25T01:00:00Z'); // 09:00 in Beijing
    mailer = new RecordingMailer();
    store = new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName, clock });
    deps = {
      store,
      ledger: new DynamoOnceLedger({ doc: table.doc, tableName: table.tableName }),
      mailer,
      clock,
      policy,
      links: { baseUrl: 'http://localhost:3000' },
    };
  });

  /** A complaint whose owner step was missed and climbed to the manager; it re-arms a day ahead. */
  async function breachedAtTop(overrides: Partial<Complaint> = {}, level = 3) {
    const rearmed = new Date(now.getTime() + 10 * 3600 * 1000).toISOString();
    const complaint = aComplaint({
      grade: 'P2',
      status: 'acknowledged',
      receivedAt: '2026-11-24T02:00:00.000Z',
      deadlines: {
        assign: '2026-11-24T03:00:00.000Z',
        firstContact: '2026-11-24T06:00:00.000Z',
        solution: '2026-11-25T02:00:00.000Z',
        resolve: '2026-11-26T02:00:00.000Z',
      },
      escalation: { step: 'await_owner', level, deadline: rearmed },
      nextDeadlineAt: rearmed,
      ...overrides,
    });
    await store.createComplaint(complaint, [], [], now);
    return complaint;
  }

  it('mails each manager one summary of every complaint still breached at the top, and nobody else', async () => {
    const a = await breachedAtTop();
    const b = await breachedAtTop({ department: 'technical_support' });
    const finance = await breachedAtTop({ department: 'finance' });
    const atHead = await breachedAtTop({}, 2);

    const result = await sendBreachDigests(deps);

    expect(result.sent.sort()).toEqual(['manager.qian', 'manager.sun']);
    const sun = mailer.to('manager.sun@closeloop.local');
    expect(sun).toHaveLength(1);
    expect(sun[0]?.subject).toBe('[Daily summary] 2 complaints still breached');
    expect(sun[0]?.text).toContain(a.ticketNumber);
    expect(sun[0]?.text).toContain(b.ticketNumber);
    expect(sun[0]?.text).not.toContain(finance.ticketNumber);
    expect(sun[0]?.text).not.toContain(atHead.ticketNumber);
    expect(sun[0]?.text).toContain(`http://localhost:3000/console/complaints/${a.ticketNumber}`);
    expect(sun[0]?.text).not.toContain('/staff/complaints/');
    const qian = mailer.to('manager.qian@closeloop.local');
    expect(qian.map((m) => m.subject)).toEqual(['[每日汇总] 1 件投诉仍然超时']);
    expect(qian[0]?.text).toContain(finance.ticketNumber);
    expect(mailer.sent.filter((m) => !m.to.startsWith('manager.'))).toEqual([]);
  });

  it('does not mail the same manager twice on one day, however often it runs', async () => {
    now = new Date('2026-11-26T01:00:00Z');
    await breachedAtTop();
    await sendBreachDigests(deps);
    now = new Date(now.getTime() + 3 * 3600 * 1000);
    const again = await sendBreachDigests(deps);
    expect(again.sent).toEqual([]);
    expect(again.alreadySent).toContain('manager.sun');
    expect(mailer.to('manager.sun@closeloop.local')).toHaveLength(1);
    // The next day in Beijing (from 16:00 UTC) the summary comes again.
    now = new Date('2026-11-26T16:30:00Z');
    expect((await sendBreachDigests(deps)).sent).toContain('manager.sun');
  });

  it('sends a summary that failed on the next run of the same day', async () => {
    now = new Date('2026-11-28T01:00:00Z');
    await breachedAtTop();
    mailer.failing = true;
    const failed = await sendBreachDigests(deps);
    expect(failed.failed.map((f) => f.staffId)).toContain('manager.sun');
    mailer.failing = false;
    const retried = await sendBreachDigests(deps);
    expect(retried.sent).toContain('manager.sun');
  });

  it('sends nothing when nothing is breached at the top', async () => {
    now = new Date('2026-12-01T01:00:00Z');
    const fresh = await freshTable('digest-empty');
    try {
      const result = await sendBreachDigests({
        ...deps,
        store: new DynamoComplaintStore({ doc: fresh.doc, tableName: fresh.tableName, clock }),
        ledger: new DynamoOnceLedger({ doc: fresh.doc, tableName: fresh.tableName }),
      });
      expect(result).toMatchObject({ sent: [], complaints: 0 });
      expect(mailer.sent).toEqual([]);
    } finally {
      await fresh.drop();
    }
  });
});
