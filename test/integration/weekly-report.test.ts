import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoOnceLedger } from '../../shared/adapters/dynamo/once-ledger.js';
import { defaultPolicy } from '../../shared/policy/default-policy.js';
import type { Policy, StaffMember } from '../../shared/policy/types.js';
import { DynamoCounterStore } from '../../shared/reports/dynamo-counters.js';
import { sendWeeklyReports, type WeeklyReportDeps, weeklyReportDue } from '../../shared/usecases/weekly-report.js';
import { freshTable } from '../support/dynamo.js';
import { RecordingMailer } from '../support/recording-ports.js';

const staff: StaffMember[] = [
  { id: 'manager.sun', name: 'Sun Min', email: 'manager.sun@shop.example', role: 'manager', locale: 'en' },
  {
    id: 'head.quality',
    name: '赵磊',
    email: 'head.quality@shop.example',
    role: 'department_head',
    department: 'quality',
    locale: 'zh-CN',
  },
  {
    id: 'agent.li',
    name: 'Li Na',
    email: 'agent.li@shop.example',
    role: 'agent',
    department: 'customer_service',
    locale: 'en',
  },
];

/** The weekly report against DynamoDB Local: counters as the aggregator writes them, markers as conditional puts. */
describe('the weekly report mail against DynamoDB Local', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  let counters: DynamoCounterStore;
  const monday = new Date('2026-11-30T01:00:00Z'); // 09:00 in Beijing
  const policy: Policy = { ...defaultPolicy, staff };
  const sent = new RecordingMailer();

  beforeAll(async () => {
    table = await freshTable('weekly');
    counters = new DynamoCounterStore({ doc: table.doc, tableName: table.tableName });
    const dims = (department: 'quality' | 'finance') => ({
      department,
      category: 'product_quality' as const,
      channel: 'web' as const,
      grade: 'P2' as const,
    });
    await counters.applyOnce(
      'r1',
      [
        { day: '2026-11-24', dims: dims('quality'), add: { received: 3, assignOnTime: 3 } },
        { day: '2026-11-26', dims: dims('finance'), add: { received: 2, assignLate: 2 } },
        // The week before, for the trend.
        { day: '2026-11-17', dims: dims('quality'), add: { received: 1 } },
      ],
      1_800_000_000,
    );
  });
  afterAll(() => table.drop());

  const deps = (mailer: RecordingMailer): WeeklyReportDeps => ({
    counters,
    mailer,
    ledger: new DynamoOnceLedger({ doc: table.doc, tableName: table.tableName }),
    clock: { now: () => monday },
    policy,
    links: { baseUrl: 'https://cl.example' },
  });

  it('mails each manager and department head exactly once even when the schedule fires twice at the same moment', async () => {
    const period = weeklyReportDue(monday, policy)!;
    expect(period).toBe('2026-W48');
    const mailer = sent;
    const [a, b] = await Promise.all([
      sendWeeklyReports(deps(mailer), period),
      sendWeeklyReports(deps(mailer), period),
    ]);
    expect([...a.sent, ...b.sent].sort()).toEqual(['head.quality', 'manager.sun']);
    expect([...a.alreadySent, ...b.alreadySent].sort()).toEqual(['head.quality', 'manager.sun']);
    expect(mailer.sent.map((m) => m.to).sort()).toEqual(['head.quality@shop.example', 'manager.sun@shop.example']);

    // The scheduler's retry of a run that did send sends nothing more.
    const later = await sendWeeklyReports(deps(mailer), period);
    expect(later.sent).toEqual([]);
    expect(mailer.sent).toHaveLength(2);
  });

  it('gives the manager the whole organisation and the head only their department, from the counters', () => {
    expect(sent.to('manager.sun@shop.example')[0]!.text).toContain('Complaints received: 5 (week before 1, +400%)');
    expect(sent.to('head.quality@shop.example')[0]!.text).toContain('收到投诉：3 (上周 1, +200%)');
  });
});
