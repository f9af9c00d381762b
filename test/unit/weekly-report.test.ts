import { describe, expect, it } from 'vitest';
import type { Department } from '../../shared/model/complaint.js';
import { defaultPolicy } from '../../shared/policy/default-policy.js';
import type { Policy, StaffMember } from '../../shared/policy/types.js';
import type { OnceLedger } from '../../shared/ports/index.js';
import type { CounterReader } from '../../shared/reports/dynamo-counters.js';
import { type CounterItem, figures, parsePeriod, previousPeriod } from '../../shared/reports/report.js';
import { weeklyReportMail } from '../../shared/templates/weekly-report.js';
import {
  sendWeeklyReports,
  type WeeklyFigures,
  weeklyReportDue,
  weeklyReportRecipients,
} from '../../shared/usecases/weekly-report.js';
import { counterItem } from '../support/counter-items.js';
import { RecordingMailer } from '../support/recording-ports.js';

const inZone = (timezone: string) => ({ calendar: { ...defaultPolicy.calendar, timezone } });
const SHANGHAI = inZone('Asia/Shanghai');

const member = (id: string, role: StaffMember['role'], department?: Department, locale: 'en' | 'zh-CN' = 'en') =>
  ({ id, name: id, email: `${id}@shop.example`, role, department, locale }) as StaffMember;

describe('when the weekly report is due', () => {
  it('is due on Monday in the nine o’clock hour of the policy’s zone, for the ISO week that ended the night before', () => {
    // Monday 2026-11-30 09:00 in Shanghai is 01:00 UTC.
    expect(weeklyReportDue(new Date('2026-11-30T01:00:00Z'), SHANGHAI)).toBe('2026-W48');
    expect(weeklyReportDue(new Date('2026-11-30T01:59:59Z'), SHANGHAI)).toBe('2026-W48');
  });

  it('is not due at 08:59 on Monday, nor at nine on Tuesday', () => {
    expect(weeklyReportDue(new Date('2026-11-30T00:59:59Z'), SHANGHAI)).toBeUndefined();
    expect(weeklyReportDue(new Date('2026-12-01T01:00:00Z'), SHANGHAI)).toBeUndefined();
    // Sunday 09:00 in Shanghai.
    expect(weeklyReportDue(new Date('2026-11-29T01:00:00Z'), SHANGHAI)).toBeUndefined();
  });

  it('reads Monday and nine o’clock in the policy’s zone: Shanghai’s Monday morning is Sunday evening in New York', () => {
    // 2026-11-30T01:00Z is Monday in Shanghai and Sunday 20:00 in New York.
    expect(weeklyReportDue(new Date('2026-11-30T01:00:00Z'), inZone('America/New_York'))).toBeUndefined();
    // Monday 09:00 in New York: 14:00 UTC in winter, 13:00 UTC in summer (daylight saving).
    expect(weeklyReportDue(new Date('2026-11-30T14:00:00Z'), inZone('America/New_York'))).toBe('2026-W48');
    expect(weeklyReportDue(new Date('2026-06-15T13:00:00Z'), inZone('America/New_York'))).toBe('2026-W24');
  });

  it('meets Monday nine o’clock in Shanghai (no daylight saving) exactly once a week from hourly runs all year, always at 01:00 UTC', () => {
    const due: Date[] = [];
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 3_600_000) {
      if (weeklyReportDue(new Date(t), SHANGHAI)) due.push(new Date(t));
    }
    expect(due).toHaveLength(52);
    expect(due.every((d) => d.getUTCDay() === 1 && d.getUTCHours() === 1)).toBe(true);
    const weeks = due.map((d) => weeklyReportDue(d, SHANGHAI));
    expect(new Set(weeks).size).toBe(52);
  });

  it('names the last week of a 53-week year on the first Monday of the next', () => {
    // 2026 starts on a Thursday, so it has an ISO week 53 (28 December to 3 January).
    expect(weeklyReportDue(new Date('2027-01-04T01:00:00Z'), SHANGHAI)).toBe('2026-W53');
    expect(weeklyReportDue(new Date('2026-01-05T01:00:00Z'), SHANGHAI)).toBe('2026-W01');
  });
});

describe('who gets the weekly report', () => {
  it('goes to managers for the whole organisation and to department heads for their department, to nobody else', () => {
    const staff = [
      member('agent.li', 'agent', 'customer_service'),
      member('supervisor.wang', 'supervisor', 'quality'),
      member('head.quality', 'department_head', 'quality'),
      member('head.all', 'department_head'),
      member('manager.sun', 'manager'),
      member('legal.qian', 'legal'),
      member('engineer.wu', 'engineer', 'technical_support'),
    ];
    expect(weeklyReportRecipients(staff).map((r) => [r.staff.id, r.department ?? 'all'])).toEqual([
      ['head.quality', 'quality'],
      ['head.all', 'all'],
      ['manager.sun', 'all'],
    ]);
  });
});

/** A week of counters: what the aggregator writes, by hand. */
const item = counterItem;
const W48 = parsePeriod('weekly', '2026-W48')!;
const W47 = previousPeriod(W48);
function weekOf(items: CounterItem[], previous: CounterItem[] = []): WeeklyFigures {
  return { period: W48, current: figures(W48.id, items), previous: figures(W47.id, previous) };
}
const WEEK = weekOf(
  [
    item('2026-11-23', 'quality#product_quality#web#P2', {
      received: 6,
      assignOnTime: 5,
      assignLate: 1,
      resolveOnTime: 2,
      surveySent: 4,
      surveyAnswered: 3,
      satisfied: 2,
      dissatisfied: 1,
    }),
    item('2026-11-25', 'customer_service#service#email#P3', { received: 3, firstContactOnTime: 3 }),
    item('2026-11-26', 'finance#billing#phone#P3', { received: 1 }),
    item('2026-11-27', 'customer_service#logistics#web#P4', { received: 2 }),
  ],
  [item('2026-11-18', 'quality#product_quality#web#P2', { received: 8 })],
);

describe('the weekly report mail', () => {
  const en = member('manager.sun', 'manager');
  const zh = member('head.quality', 'department_head', 'quality', 'zh-CN');
  const url = 'https://cl.example/console/reports/weekly?period=2026-W48';

  it('says the week’s figures in the reader’s language: received and trend, top 3, on time per step, satisfaction, targets', () => {
    const mail = weeklyReportMail({ staff: en, report: WEEK, reportUrl: url });
    expect(mail.subject).toBe('[Weekly report] 2026-W48: 12 complaints, 2 of 5 targets met');
    expect(mail.text).toContain('Complaints received: 12 (week before 8, +50%)');
    expect(mail.text).toContain('- product quality: 6 (50%)');
    expect(mail.text).toContain('- Assignment: 83.3% (week before no data)');
    expect(mail.text).toContain('- Satisfied customers: 66.7%');
    expect(mail.text).toContain('- Survey coverage: 75% / Target 90%, not met');
    expect(mail.text).toContain(url);
    for (const part of ['12', 'product quality', '83.3%', '66.7%', 'not met', url]) expect(mail.html).toContain(part);

    const chinese = weeklyReportMail({ staff: zh, department: 'quality', report: WEEK, reportUrl: url });
    expect(chinese.subject).toBe('[周报] 2026-W48：收到投诉 12 件，5 项目标达成 2 项');
    expect(chinese.text).toContain('质量部第 2026-W48 周');
    expect(chinese.html).toContain('产品质量');
    expect(chinese.html).toContain('lang="zh-CN"');
  });

  it('draws its charts as table cells with inline styles in a 600 px layout: no SVG, script, style sheet or image', () => {
    const { html } = weeklyReportMail({ staff: en, report: WEEK, reportUrl: url });
    expect(html).not.toMatch(/<svg|<script|<style|<link|<img|\bclass=/i);
    expect(html).toContain('width="600"');
    // The busiest day is a full bar; the share of the top category a half one.
    expect(html).toContain('width="100%" height="12"');
    expect(html).toContain('width="50%" height="12"');
  });

  it('escapes every category and department name it did not write itself', () => {
    const hostile = weekOf([item('2026-11-23', '<b>dept</b>#<img src=x onerror=alert(1)>#web#P2', { received: 1 })]);
    const mail = weeklyReportMail({
      staff: en,
      department: '<script>alert(1)</script>' as Department,
      report: hostile,
      reportUrl: url,
    });
    expect(mail.html).not.toContain('<img src=x');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('goes out as staff mail: no customer thread, so no reply address that goes nowhere', () => {
    const mail = weeklyReportMail({ staff: en, report: WEEK, reportUrl: url });
    expect(mail).toMatchObject({ audience: 'staff', to: en.email, tags: { kind: 'weekly_report' } });
    expect(mail.complaintId).toBeUndefined();
  });
});

class MemoryLedger implements OnceLedger {
  readonly taken = new Set<string>();
  async claim(key: string) {
    if (this.taken.has(key)) return false;
    this.taken.add(key);
    return true;
  }
  async release(key: string) {
    this.taken.delete(key);
  }
}

describe('sending the weekly reports', () => {
  const staff = [
    member('manager.sun', 'manager'),
    member('head.quality', 'department_head', 'quality', 'zh-CN'),
    member('agent.li', 'agent', 'customer_service'),
  ];
  const policy: Policy = { ...defaultPolicy, staff };
  const reads: { days: string[]; department?: string }[] = [];
  const counters: CounterReader = {
    async counterItems(days, department) {
      reads.push({ days, department });
      return [];
    },
  };
  const deps = (mailer: RecordingMailer, ledger: OnceLedger) => ({
    counters,
    mailer,
    ledger,
    clock: { now: () => new Date('2026-11-30T01:00:00Z') },
    policy,
    links: { baseUrl: 'https://cl.example' },
  });

  it('mails each manager and head once, reading the whole organisation for the manager and the department for the head', async () => {
    const mailer = new RecordingMailer();
    const ledger = new MemoryLedger();
    const first = await sendWeeklyReports(deps(mailer, ledger), '2026-W48');
    expect(first.sent).toEqual(['manager.sun', 'head.quality']);
    expect(reads.map((r) => r.department)).toEqual([undefined, undefined, 'quality', 'quality']);
    expect(reads[0]!.days).toEqual(W48.days);
    expect(reads[1]!.days).toEqual(W47.days);
    expect(mailer.sent[0]!.html).toContain('https://cl.example/console/reports/weekly?period=2026-W48');

    const again = await sendWeeklyReports(deps(mailer, ledger), '2026-W48');
    expect(again).toMatchObject({ sent: [], alreadySent: ['manager.sun', 'head.quality'] });
    expect(mailer.sent).toHaveLength(2);
  });

  it('gives the marker back when a mail fails, so the schedule’s retry sends it', async () => {
    const mailer = new RecordingMailer();
    const ledger = new MemoryLedger();
    mailer.failing = true;
    const failed = await sendWeeklyReports(deps(mailer, ledger), '2026-W48');
    expect(failed.failed.map((f) => f.staffId)).toEqual(['manager.sun', 'head.quality']);
    mailer.failing = false;
    const retried = await sendWeeklyReports(deps(mailer, ledger), '2026-W48');
    expect(retried.sent).toEqual(['manager.sun', 'head.quality']);
  });
});
