import { describe, expect, it } from 'vitest';
import { figures, parsePeriod, previousPeriod } from '../../shared/reports/report.js';
import { counterItem } from '../support/counter-items.js';

describe('report figures from counter items', () => {
  it('names the days of an ISO week and of a month, and the period before each', () => {
    const week = parsePeriod('weekly', '2026-W48')!;
    expect(week.days[0]).toBe('2026-11-23');
    expect(week.days.at(-1)).toBe('2026-11-29');
    expect(previousPeriod(week).id).toBe('2026-W47');
    expect(previousPeriod(parsePeriod('weekly', '2026-W01')!).id).toBe('2025-W52');
    const month = parsePeriod('monthly', '2026-11')!;
    expect(month.days).toHaveLength(30);
    expect(previousPeriod(parsePeriod('monthly', '2026-01')!).id).toBe('2025-12');
  });

  it('refuses a period that names no week or month', () => {
    expect(parsePeriod('weekly', '2026-W54')).toBeUndefined();
    expect(parsePeriod('monthly', '2026-13')).toBeUndefined();
    expect(parsePeriod('weekly', '2026-11')).toBeUndefined();
  });

  it('sums the days and dimensions into the figures the issue asks for, each target with whether it was met', () => {
    const report = figures('2026-W48', [
      counterItem('2026-11-23', 'finance#billing#web#P3', {
        received: 3,
        receivedH09: 3,
        assignOnTime: 3,
        resolveOnTime: 2,
        resolveLate: 1,
        reopened: 1,
        handlingMin_await_owner: 180,
        handlingN_await_owner: 3,
        handlingLe_await_owner_1: 3,
        breach_await_resolution_1: 1,
      }),
      counterItem('2026-11-24', 'quality#product_quality#email#P1', {
        received: 1,
        receivedH14: 1,
        regraded: 1,
        gradeDiffers: 1,
        surveySent: 2,
        surveyAnswered: 2,
        satisfied: 1,
        dissatisfied: 1,
        dissatisfiedBecause_not_fixed: 1,
      }),
    ]);
    expect(report).toMatchObject({
      received: 4,
      receivedByChannel: { web: 3, email: 1 },
      receivedByDay: { '2026-11-23': 3, '2026-11-24': 1 },
      receivedByHour: { '09': 3, '14': 1 },
      topCategories: [
        { category: 'billing', count: 3, share: 0.75 },
        { category: 'product_quality', count: 1, share: 0.25 },
      ],
      gradeMix: { P3: 3, P1: 1 },
      onTime: { assign: { onTime: 3, late: 0, rate: 1 }, resolve: { onTime: 2, late: 1 } },
      overdueRate: 1 / 6,
      handlingHours: { await_owner: { mean: 1, p90: 1, count: 3 } },
      breaches: { await_resolution: { '1': 1 } },
      satisfactionRate: 0.5,
      surveyCoverage: 1,
      dissatisfactionReasons: { not_fixed: 1 },
      reopenRate: 1 / 3,
      gradingAccuracy: 0.75,
    });
    expect(report.targets.find((t) => t.name === 'satisfaction')).toEqual({
      name: 'satisfaction',
      target: 0.85,
      figure: 0.5,
      met: false,
    });
    expect(report.targets.find((t) => t.name === 'surveyCoverage')?.met).toBe(true);
  });

  it('measures grading accuracy by complaints whose grade a person left other than the initial one, not by regrades', () => {
    const day = { pk: 'REPORT#DAY#2026-11-23', sk: 'finance#billing#web#P3' };
    // Ten complaints; one regraded twice away from its first grade, one regraded and back again.
    const accuracy = figures('2026-W48', [{ ...day, received: 10, regraded: 4, gradeDiffers: 1 }]).gradingAccuracy;
    expect(accuracy).toBe(0.9);
    expect(figures('2026-W48', [{ ...day, received: 10, regraded: 2 }]).gradingAccuracy).toBe(1);
    expect(figures('2026-W48', []).gradingAccuracy).toBeNull();
  });
});
