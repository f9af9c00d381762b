import { describe, expect, it } from 'vitest';
import { assembleReport } from '../../shared/reports/load-report.js';
import { figures, parsePeriod } from '../../shared/reports/report.js';
import type { ConsoleView } from '../../web/console/layout.js';
import { renderReportPage } from '../../web/console/report-page.js';
import { counterItem } from '../support/counter-items.js';
import { demoMember, demoStaff } from '../support/staff.js';

const view = (id: string, locale: 'en' | 'zh-CN' = 'en'): ConsoleView => ({
  staff: demoMember(id),
  csrf: 'csrf-token',
  locale,
  now: new Date('2026-12-01T04:00:00Z'),
  timezone: 'Asia/Shanghai',
  path: '/console/reports/weekly?period=2026-W48',
  nameOf: (s) => s,
  directory: demoStaff,
  left: () => ({ minutes: 0, working: false, running: false }),
});

const report = () =>
  assembleReport({
    period: parsePeriod('weekly', '2026-W48')!,
    current: figures('2026-W48', [
      counterItem('2026-11-24', 'finance#billing#web#P3', { received: 2, assignOnTime: 1, assignLate: 1 }),
    ]),
    previous: figures('2026-W47', []),
    actions: {
      previous: [
        {
          id: 'a1',
          kind: 'weekly',
          period: '2026-W47',
          text: '<img src=x onerror=alert(1)>',
          recordedBy: 'manager.sun',
          recordedAt: '2026-11-20T02:00:00.000Z',
        },
      ],
      recorded: [],
    },
    openOverdue: [],
    today: '2026-12-01',
  });

describe('the report page', () => {
  it('says whether each target was met in words and with a sign, not colour alone', () => {
    const page = renderReportPage(view('manager.sun'), report(), { canRecord: true });
    expect(page).toContain('<span aria-hidden="true">✗</span> Not met');
    expect(page).toContain('No data');
  });

  it('draws each chart as an image named by its title and description, followed by the same figures as a table', () => {
    const page = renderReportPage(view('manager.sun'), report(), { canRecord: true });
    for (const id of ['report-received', 'report-top', 'report-on-time', 'report-satisfaction']) {
      expect(page).toContain(`aria-labelledby="${id}-svg-title ${id}-svg-desc"`);
      expect(page).toContain(`id="${id}-table"`);
    }
    expect(page).toContain('stroke-dasharray');
  });

  it('says how many of the complaints received were merged as a customer’s duplicate, and nothing when none were', () => {
    expect(renderReportPage(view('manager.sun'), report(), { canRecord: true })).not.toContain('merged');
    const withMerged = { ...report(), merged: 1 };
    expect(renderReportPage(view('manager.sun'), withMerged, { canRecord: true })).toContain(
      '2 complaints over 7 days; 1 of them merged as a customer’s duplicate.',
    );
  });

  it('shows what a manager wrote as text, never as markup', () => {
    const page = renderReportPage(view('manager.sun'), report(), { canRecord: true });
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('offers the action form to managers only', () => {
    expect(renderReportPage(view('manager.sun'), report(), { canRecord: true })).toContain('id="report-action-form"');
    expect(renderReportPage(view('supervisor.wang', 'zh-CN'), report(), { canRecord: false })).not.toContain(
      'id="report-action-form"',
    );
  });
});
