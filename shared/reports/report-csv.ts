import { TIMED } from './counters.js';
import type { Report } from './load-report.js';
import type { ReportFigures } from './report.js';

/**
 * A report as CSV for a spreadsheet: one row per figure with the period before and the target. UTF-8
 * with a byte-order mark, so Excel reads Chinese right; every cell quoted, and a cell that a
 * spreadsheet would take for a formula (= + - @, tab, carriage return) is prefixed with an apostrophe.
 */
export const CSV_HEADER = ['figure', 'value', 'previous', 'target', 'met'] as const;

const BOM = '\uFEFF';

export function reportCsv(report: Report): string {
  const now = rows(report);
  const before = new Map(rows(report.previous).map(([name, value]) => [name, value]));
  const targets = new Map(report.targets.map((t) => [TARGET_FIGURE[t.name] ?? t.name, t]));
  const lines = [CSV_HEADER.map(cell)];
  for (const name of new Set([...now.map(([n]) => n), ...before.keys()])) {
    const value = now.find(([n]) => n === name)?.[1];
    const target = targets.get(name);
    lines.push(
      [
        name,
        value ?? '',
        before.get(name) ?? '',
        target?.target ?? '',
        target === undefined || target.met === null ? '' : target.met ? 'yes' : 'no',
      ].map(cell),
    );
  }
  return `${BOM}${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}

/** The row that carries each target's figure. */
const TARGET_FIGURE: Record<string, string> = {
  onTime: 'onTimeRate',
  completion: 'onTime.resolve.rate',
  satisfaction: 'satisfactionRate',
  surveyCoverage: 'surveyCoverage',
  gradingAccuracy: 'gradingAccuracy',
};

type Row = [string, number | string | null];

/** The figures flattened to named rows, in the order the issue lists them. */
export function rows(f: ReportFigures): Row[] {
  const out: Row[] = [
    ['received', f.received],
    ['merged', f.merged],
  ];
  for (const [k, v] of Object.entries(f.receivedByChannel)) out.push([`received.channel.${k}`, v]);
  for (const [k, v] of Object.entries(f.receivedByDay).sort()) out.push([`received.day.${k}`, v]);
  for (const [k, v] of Object.entries(f.receivedByHour).sort()) out.push([`received.hour.${k}`, v]);
  f.topCategories.forEach((c, i) => {
    out.push([`topCategories.${i + 1}.category`, c.category]);
    out.push([`topCategories.${i + 1}.share`, c.share]);
  });
  for (const [k, v] of Object.entries(f.gradeMix).sort()) out.push([`gradeMix.${k}`, v]);
  const onTime = f.targets.find((t) => t.name === 'onTime')?.figure ?? null;
  out.push(['onTimeRate', onTime]);
  for (const t of TIMED) out.push([`onTime.${t}.rate`, f.onTime[t].rate]);
  out.push(['overdueRate', f.overdueRate]);
  for (const [step, h] of Object.entries(f.handlingHours)) {
    out.push([`handlingHours.${step}.mean`, h.mean]);
    out.push([`handlingHours.${step}.p90`, h.p90]);
  }
  for (const [step, rungs] of Object.entries(f.breaches)) {
    for (const [rung, n] of Object.entries(rungs)) out.push([`breaches.${step}.${rung}`, n]);
  }
  out.push(['satisfactionRate', f.satisfactionRate], ['surveyCoverage', f.surveyCoverage]);
  for (const [k, v] of Object.entries(f.dissatisfactionReasons)) out.push([`dissatisfactionReasons.${k}`, v]);
  out.push(['reopenRate', f.reopenRate], ['gradingAccuracy', f.gradingAccuracy]);
  return out;
}

/** One quoted cell, safe against formula injection (OWASP CSV injection). */
export function cell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : typeof value === 'number' ? String(round(value)) : value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;
