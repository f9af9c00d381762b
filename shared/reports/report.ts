import { HANDLING_BUCKETS_HOURS, type SplitDimension, TIMED, type Timed } from './counters.js';

/**
 * A weekly or monthly report from the counter items alone (shared/reports/dynamo-counters.ts): the
 * days of the period are read, never the complaints, so its cost follows the number of days and
 * departments, not the number of complaints. Pure: items in, figures out.
 */

export type PeriodKind = 'weekly' | 'monthly';

export interface Period {
  kind: PeriodKind;
  /** `2026-W48` or `2026-11`. */
  id: string;
  /** Local dates, first to last inclusive. */
  days: string[];
}

/** A counter item as stored: its sort key names the department, every number is a counter. */
export type CounterItem = Record<string, unknown> & { pk: string; sk: string };

/** The organisation's targets (001). */
export const TARGETS = {
  onTime: 0.95,
  completion: 0.95,
  satisfaction: 0.85,
  surveyCoverage: 0.9,
  gradingAccuracy: 0.9,
} as const;

/** The period an id names (ISO week `YYYY-Www`, or month `YYYY-MM`), or undefined when it names none. */
export function parsePeriod(kind: PeriodKind, id: string): Period | undefined {
  if (kind === 'monthly') {
    const m = /^(\d{4})-(\d{2})$/.exec(id);
    if (!m) return undefined;
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (month < 1 || month > 12) return undefined;
    const count = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return { kind, id, days: range(Date.UTC(year, month - 1, 1), count) };
  }
  const w = /^(\d{4})-W(\d{2})$/.exec(id);
  if (!w) return undefined;
  const year = Number(w[1]);
  const week = Number(w[2]);
  // ISO 8601: week 1 holds the year's first Thursday; weeks start on Monday.
  const jan4 = Date.UTC(year, 0, 4);
  const mondayOfWeek1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000;
  const start = mondayOfWeek1 + (week - 1) * 7 * 86_400_000;
  if (week < 1 || week > 53 || isoWeekYear(start + 3 * 86_400_000) !== year) return undefined;
  return { kind, id, days: range(start, 7) };
}

/** The period just before. */
export function previousPeriod(p: Period): Period {
  const first = Date.parse(`${p.days[0]}T00:00:00Z`);
  if (p.kind === 'weekly') {
    const start = first - 7 * 86_400_000;
    return { kind: p.kind, id: isoWeekId(start), days: range(start, 7) };
  }
  const d = new Date(first);
  const prev = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1));
  const id = `${prev.getUTCFullYear()}-${String(prev.getUTCMonth() + 1).padStart(2, '0')}`;
  return parsePeriod('monthly', id)!;
}

const range = (start: number, count: number) =>
  Array.from({ length: count }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));

function isoWeekYear(thursday: number): number {
  return new Date(thursday).getUTCFullYear();
}

function isoWeekId(monday: number): string {
  const thursday = monday + 3 * 86_400_000;
  const year = isoWeekYear(thursday);
  const jan1 = Date.UTC(year, 0, 1);
  const week = Math.floor((thursday - jan1) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export interface ReportFigures {
  period: string;
  received: number;
  /** Of what came in, duplicates merged into the same customer's other complaint (closed in the period). */
  merged: number;
  receivedByChannel: Record<string, number>;
  receivedByDay: Record<string, number>;
  receivedByHour: Record<string, number>;
  topCategories: { category: string; count: number; share: number }[];
  gradeMix: Record<string, number>;
  onTime: Record<Timed, { onTime: number; late: number; rate: number | null }>;
  overdueRate: number | null;
  handlingHours: Record<string, { mean: number; p90: number | null; count: number }>;
  breaches: Record<string, Record<string, number>>;
  satisfactionRate: number | null;
  surveyCoverage: number | null;
  dissatisfactionReasons: Record<string, number>;
  reopenRate: number | null;
  gradingAccuracy: number | null;
  targets: { name: string; target: number; figure: number | null; met: boolean | null }[];
}

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** The figures of one period from its counter items (every day of the period, any dimensions). */
export function figures(period: string, items: CounterItem[]): ReportFigures {
  const totals: Record<string, number> = {};
  const byChannel: Record<string, number> = {};
  const byDay: Record<string, number> = {};
  const byCategory: Record<string, number> = {};
  const gradeMix: Record<string, number> = {};
  const splits: Record<SplitDimension, Record<string, number>> = {
    category: byCategory,
    channel: byChannel,
    grade: gradeMix,
  };
  for (const item of items) {
    const day = item.pk.split('#').at(-1)!;
    for (const [name, value] of Object.entries(item)) {
      if (typeof value !== 'number' || value === 0) continue;
      totals[name] = (totals[name] ?? 0) + value;
      const split = /^received_([a-z]+)_(.+)$/.exec(name);
      const into = split ? splits[split[1] as SplitDimension] : undefined;
      if (into) into[split![2]!] = (into[split![2]!] ?? 0) + value;
    }
    if (typeof item.received === 'number' && item.received > 0) byDay[day] = (byDay[day] ?? 0) + item.received;
  }
  const n = (name: string) => totals[name] ?? 0;
  const received = n('received');

  const receivedByHour: Record<string, number> = {};
  for (const [name, value] of Object.entries(totals)) {
    const hour = /^receivedH(\d{2})$/.exec(name)?.[1];
    if (hour) receivedByHour[hour] = value;
  }

  const onTime = Object.fromEntries(
    TIMED.map((t) => {
      const on = n(`${t}OnTime`);
      const late = n(`${t}Late`);
      return [t, { onTime: on, late, rate: rate(on, on + late) }];
    }),
  ) as ReportFigures['onTime'];
  const allLate = TIMED.reduce((sum, t) => sum + onTime[t].late, 0);
  const allTimed = TIMED.reduce((sum, t) => sum + onTime[t].late + onTime[t].onTime, 0);

  const handlingHours: ReportFigures['handlingHours'] = {};
  for (const [name, count] of Object.entries(totals)) {
    const step = /^handlingN_(.+)$/.exec(name)?.[1];
    if (!step || count === 0) continue;
    handlingHours[step] = {
      mean: n(`handlingMin_${step}`) / count / 60,
      p90: p90Hours(step, totals, count),
      count,
    };
  }

  const breaches: ReportFigures['breaches'] = {};
  for (const [name, count] of Object.entries(totals)) {
    const m = /^breach_(.+)_(\d)$/.exec(name);
    if (!m) continue;
    breaches[m[1]!] = { ...(breaches[m[1]!] ?? {}), [m[2]!]: count };
  }

  const dissatisfactionReasons: Record<string, number> = {};
  for (const [name, count] of Object.entries(totals)) {
    const reason = /^dissatisfiedBecause_(.+)$/.exec(name)?.[1];
    if (reason) dissatisfactionReasons[reason] = count;
  }

  const topCategories = Object.entries(byCategory)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .slice(0, 3)
    .map(([category, count]) => ({ category, count, share: count / received }));

  const satisfactionRate = rate(n('satisfied'), n('surveyAnswered'));
  const surveyCoverage = rate(n('surveyAnswered'), n('surveySent'));
  // Issue 11: the share of complaints whose final grade is the initial one. `gradeDiffers` is net per
  // complaint and kept on its day of receipt (shared/reports/counters.ts), so it counts the same
  // complaints as `received`; `regraded` counts regrades, not complaints, and stays a figure of its own.
  const gradingAccuracy = received > 0 ? Math.min(1, Math.max(0, 1 - n('gradeDiffers') / received)) : null;
  const onTimeRate = rate(allTimed - allLate, allTimed);
  const completion = onTime.resolve.rate;
  const target = (name: string, goal: number, figure: number | null) => ({
    name,
    target: goal,
    figure,
    met: figure === null ? null : figure >= goal,
  });

  return {
    period,
    received,
    merged: n('merged'),
    receivedByChannel: byChannel,
    receivedByDay: byDay,
    receivedByHour,
    topCategories,
    gradeMix,
    onTime,
    overdueRate: rate(allLate, allTimed),
    handlingHours,
    breaches,
    satisfactionRate,
    surveyCoverage,
    dissatisfactionReasons,
    reopenRate: rate(n('reopened'), n('resolveOnTime') + n('resolveLate')),
    gradingAccuracy,
    targets: [
      target('onTime', TARGETS.onTime, onTimeRate),
      target('completion', TARGETS.completion, completion),
      target('satisfaction', TARGETS.satisfaction, satisfactionRate),
      target('surveyCoverage', TARGETS.surveyCoverage, surveyCoverage),
      target('gradingAccuracy', TARGETS.gradingAccuracy, gradingAccuracy),
    ],
  };
}

/** The upper bound of the histogram bucket that holds the 90th percentile (null: beyond the last bound). */
function p90Hours(step: string, totals: Record<string, number>, count: number): number | null {
  let seen = 0;
  for (const bound of HANDLING_BUCKETS_HOURS) {
    seen += totals[`handlingLe_${step}_${bound}`] ?? 0;
    if (seen >= 0.9 * count) return bound;
  }
  return null;
}
