import { describe, expect, it } from 'vitest';
import { ForbiddenError, ValidationError } from '../../shared/errors/index.js';
import type { CounterReader } from '../../shared/reports/dynamo-counters.js';
import { loadReport, nextPeriod, periodOf, type ReportAction } from '../../shared/reports/load-report.js';
import { type CounterItem, parsePeriod } from '../../shared/reports/report.js';
import { cell, reportCsv } from '../../shared/reports/report-csv.js';
import { reportRequest } from '../../shared/reports/report-request.js';
import { counterItem } from '../support/counter-items.js';
import { demoMember } from '../support/staff.js';

/** Counter items by day, read the way DynamoCounterStore reads them (a department narrows the sort key). */
function countersOf(items: CounterItem[]): CounterReader & { reads: string[][] } {
  const reads: string[][] = [];
  return {
    reads,
    async counterItems(days, department) {
      reads.push(days);
      return items.filter(
        (i) => days.includes(i.pk.slice('REPORT#DAY#'.length)) && (!department || i.sk === department),
      );
    },
  };
}

const NOW = new Date('2026-12-01T04:00:00.000Z');

const item = counterItem;

describe('loading a report from the counters', () => {
  it('gives the week and the week before, each target with whether it was met, and what moved', async () => {
    const counters = countersOf([
      item('2026-11-16', 'finance#billing#web#P3', { received: 4, resolveOnTime: 2, resolveLate: 2 }),
      item('2026-11-24', 'finance#billing#web#P3', {
        received: 2,
        resolveOnTime: 4,
        surveySent: 4,
        surveyAnswered: 4,
        satisfied: 4,
      }),
    ]);
    const report = await loadReport(counters, { kind: 'weekly', period: '2026-W48' }, NOW);
    expect(counters.reads).toHaveLength(2);
    expect(report).toMatchObject({ received: 2, from: '2026-11-23', to: '2026-11-29', partial: false });
    expect(report.previous).toMatchObject({ period: '2026-W47', received: 4 });
    expect(report.targets.find((t) => t.name === 'completion')).toMatchObject({ figure: 1, met: true });
    expect(report.previous.targets.find((t) => t.name === 'completion')).toMatchObject({ figure: 0.5, met: false });
    expect(report.moved.find((m) => m.name === 'completionRate')).toEqual({
      name: 'completionRate',
      figure: 1,
      previous: 0.5,
      delta: 0.5,
    });
    expect(report.moved.find((m) => m.name === 'received')?.delta).toBe(-2);
    expect(report.moved.find((m) => m.name === 'satisfactionRate')?.delta).toBeNull();
  });

  it('reads the 90th percentile of handling time from the histogram bucket that holds it', async () => {
    // 10 rounds: 8 within 1 h, 1 within 24 h, 1 within 72 h → the 9th of 10 is in the 24 h bucket.
    const report = await loadReport(
      countersOf([
        item('2026-11-24', 'quality#product_quality#web#P2', {
          handlingN_await_solution: 10,
          handlingMin_await_solution: 8 * 30 + 20 * 60 + 70 * 60,
          handlingLe_await_solution_1: 8,
          handlingLe_await_solution_24: 1,
          handlingLe_await_solution_72: 1,
        }),
      ]),
      { kind: 'weekly', period: '2026-W48' },
      NOW,
    );
    expect(report.handlingHours.await_solution).toEqual({ mean: 9.4, p90: 24, count: 10 });
  });

  it('reads one department only when the request names one', async () => {
    const report = await loadReport(
      countersOf([
        item('2026-11-24', 'finance#billing#web#P3', { received: 3 }),
        item('2026-11-24', 'quality#product_quality#web#P1', { received: 1 }),
      ]),
      { kind: 'weekly', period: '2026-W48', department: 'quality' },
      NOW,
    );
    expect(report).toMatchObject({ department: 'quality', received: 1, topCategories: [{ share: 1 }] });
  });

  it("shows the previous period's improvement actions next to what moved, and this period's own", async () => {
    const action = (period: string, text: string, department?: string): ReportAction => ({
      id: text,
      kind: 'weekly',
      period,
      text,
      recordedBy: 'manager.sun',
      recordedAt: '2026-11-23T02:00:00.000Z',
      ...(department ? { department } : {}),
    });
    const stored = [
      action('2026-W47', 'Call back every billing complaint within 2 hours'),
      action('2026-W47', 'Retrain the quality desk', 'quality'),
      action('2026-W48', 'Keep the callback rule'),
    ];
    const report = await loadReport(
      countersOf([]),
      { kind: 'weekly', period: '2026-W48', department: 'finance' },
      NOW,
      { actions: { actionsOn: async (_kind, period) => stored.filter((a) => a.period === period) } },
    );
    expect(report.actions.previous.map((a) => a.text)).toEqual(['Call back every billing complaint within 2 hours']);
    expect(report.actions.recorded.map((a) => a.text)).toEqual(['Keep the callback rule']);
  });

  it('marks the running period partial and offers no next period beyond today', async () => {
    const report = await loadReport(countersOf([]), { kind: 'monthly', period: '2026-12' }, NOW);
    expect(report.partial).toBe(true);
    expect(report.navigation).toEqual({ previous: '2026-11' });
    const before = await loadReport(countersOf([]), { kind: 'monthly', period: '2026-11' }, NOW);
    expect(before.navigation).toEqual({ previous: '2026-10', next: '2026-12' });
  });

  it('finds the week and month a day falls in, and the period after one', () => {
    expect(periodOf('weekly', '2026-12-01').id).toBe('2026-W49');
    expect(periodOf('weekly', '2027-01-01').id).toBe('2026-W53');
    expect(nextPeriod(parsePeriod('weekly', '2026-W53')!).id).toBe('2027-W01');
    expect(nextPeriod(parsePeriod('monthly', '2026-12')!).id).toBe('2027-01');
  });
});

describe('who may read which report', () => {
  const ZONE = 'Asia/Shanghai';
  it('refuses an agent', () => {
    expect(() => reportRequest(demoMember('agent.chen'), 'weekly', {}, NOW, ZONE)).toThrow(ForbiddenError);
  });

  it('keeps a supervisor of a department to that department', () => {
    const supervisor = { ...demoMember('supervisor.wang'), department: 'finance' as const };
    expect(reportRequest(supervisor, 'weekly', {}, NOW, ZONE).request).toEqual({
      kind: 'weekly',
      period: '2026-W49',
      department: 'finance',
    });
    expect(() => reportRequest(supervisor, 'weekly', { department: 'quality' }, NOW, ZONE)).toThrow(ForbiddenError);
  });

  it('lets a manager read the company or name a department', () => {
    const manager = demoMember('manager.sun');
    expect(reportRequest(manager, 'monthly', { period: '2026-11' }, NOW, ZONE).request).toEqual({
      kind: 'monthly',
      period: '2026-11',
    });
    expect(reportRequest(manager, 'monthly', { department: 'quality' }, NOW, ZONE).request.department).toBe('quality');
  });

  it('names the expected format of a period it cannot read', () => {
    const manager = demoMember('manager.sun');
    try {
      reportRequest(manager, 'weekly', { period: '2026-11' }, NOW, ZONE);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fields).toEqual({
        period: { code: 'period_format', params: { expected: 'YYYY-Www' } },
      });
    }
    expect(() => reportRequest(manager, 'yearly', {}, NOW, ZONE)).toThrow(ValidationError);
  });
});

describe('a report as CSV', () => {
  it('opens with a byte-order mark and gives each figure with the period before and the target', async () => {
    const report = await loadReport(
      countersOf([
        item('2026-11-24', 'finance#billing#web#P3', { received: 2, surveySent: 2, surveyAnswered: 1, satisfied: 1 }),
      ]),
      { kind: 'weekly', period: '2026-W48' },
      NOW,
    );
    const csv = reportCsv(report);
    expect(csv.startsWith('\uFEFF"figure","value","previous","target","met"\r\n')).toBe(true);
    expect(csv).toContain('"received","2","0","",""');
    expect(csv).toContain('"satisfactionRate","1","","0.85","yes"');
    expect(csv).toContain('"surveyCoverage","0.5","","0.9","no"');
  });

  it('quotes every cell and defuses what a spreadsheet would run as a formula', () => {
    expect(cell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(cell('+1')).toBe('"\'+1"');
    expect(cell('@SUM(A1)')).toBe('"\'@SUM(A1)"');
    expect(cell('投诉, "引号"')).toBe('"投诉, ""引号"""');
    expect(cell(0.123456)).toBe('"0.1235"');
    expect(cell(null)).toBe('""');
  });
});
