import type { QueueItem } from '../usecases/staff-queues.js';
import type { CounterReader } from './dynamo-counters.js';
import { figures, type Period, type PeriodKind, parsePeriod, previousPeriod, type ReportFigures } from './report.js';

/**
 * A weekly or monthly report as the API, the console page and the Monday mail show it: the period's
 * figures from the counters (never the complaints), the same figures for the period before, every
 * target with its figure and whether it was met, what moved between the two, the improvement actions
 * recorded on both periods and the complaints overdue now.
 */

export interface ReportRequest {
  kind: PeriodKind;
  /** `2026-W48` or `2026-11`. */
  period: string;
  /** One department's figures; absent: the whole company. */
  department?: string;
}

/** An improvement action a manager recorded on a report (stored as its own item, REPORT#ACTION#…). */
export interface ReportAction {
  id: string;
  kind: PeriodKind;
  period: string;
  /** The report's department scope when it was recorded; absent: company-wide. */
  department?: string;
  text: string;
  owner?: string;
  /** YYYY-MM-DD. */
  due?: string;
  recordedBy: string;
  recordedAt: string;
}

export interface ReportActionReader {
  actionsOn(kind: PeriodKind, period: string): Promise<ReportAction[]>;
}

/** The figures a reader follows from one period to the next, each with what it was before. */
export const HEADLINE_FIGURES = [
  'received',
  'onTimeRate',
  'overdueRate',
  'completionRate',
  'satisfactionRate',
  'surveyCoverage',
  'reopenRate',
  'gradingAccuracy',
] as const;
export type HeadlineFigure = (typeof HEADLINE_FIGURES)[number];

export interface Movement {
  name: HeadlineFigure;
  figure: number | null;
  previous: number | null;
  /** figure − previous; null when either is unknown. */
  delta: number | null;
}

export interface Report extends ReportFigures {
  kind: PeriodKind;
  department?: string;
  /** First and last local day of the period. */
  from: string;
  to: string;
  /** The period has not ended yet (its figures still grow). */
  partial: boolean;
  /** The previous period's id, and the next one's unless it lies in the future. */
  navigation: { previous: string; next?: string };
  previous: ReportFigures;
  moved: Movement[];
  /** Actions recorded on this report, and on the period before (next to what moved since). */
  actions: { recorded: ReportAction[]; previous: ReportAction[] };
  /** The complaints past a deadline now (the overdue queue), soonest deadline first. */
  openOverdue: QueueItem[];
}

export interface LoadReportExtras {
  actions?: ReportActionReader;
  /** The overdue queue of the report's scope (staff-queues' `overdue` view: an index, never a scan). */
  openOverdue?: (department?: string) => Promise<QueueItem[]>;
  /** The policy's zone, in which `now` names today (default Asia/Shanghai). */
  timezone?: string;
}

export class UnknownPeriodError extends Error {
  constructor(readonly kind: PeriodKind) {
    super(`not a ${kind} period`);
  }
}

export const PERIOD_FORMAT: Record<PeriodKind, string> = { weekly: 'YYYY-Www', monthly: 'YYYY-MM' };

/**
 * Reads the counter items of the period and of the one before (one Query per day each) and, when
 * given, the actions of both and the overdue queue; everything else is pure (`assembleReport`).
 */
export async function loadReport(
  counters: CounterReader,
  request: ReportRequest,
  now: Date,
  extras: LoadReportExtras = {},
): Promise<Report> {
  const period = parsePeriod(request.kind, request.period);
  if (!period) throw new UnknownPeriodError(request.kind);
  const before = previousPeriod(period);
  const [items, previousItems, recorded, previousActions, openOverdue] = await Promise.all([
    counters.counterItems(period.days, request.department),
    counters.counterItems(before.days, request.department),
    extras.actions?.actionsOn(period.kind, period.id) ?? [],
    extras.actions?.actionsOn(before.kind, before.id) ?? [],
    extras.openOverdue?.(request.department) ?? [],
  ]);
  return assembleReport({
    period,
    department: request.department,
    current: figures(period.id, items),
    previous: figures(before.id, previousItems),
    actions: {
      recorded: inScope(recorded, request.department),
      previous: inScope(previousActions, request.department),
    },
    openOverdue,
    today: localToday(now, extras.timezone ?? 'Asia/Shanghai'),
  });
}

/** A department's report shows its own actions and the company-wide ones; the company's, every one. */
export const inScope = (actions: ReportAction[], department: string | undefined) =>
  department === undefined ? actions : actions.filter((a) => a.department === undefined || a.department === department);

export function assembleReport(input: {
  period: Period;
  department?: string;
  current: ReportFigures;
  previous: ReportFigures;
  actions: Report['actions'];
  openOverdue: QueueItem[];
  /** Today's local date (YYYY-MM-DD). */
  today: string;
}): Report {
  const { period, current, previous } = input;
  const from = period.days[0]!;
  const to = period.days.at(-1)!;
  const next = nextPeriod(period);
  return {
    ...current,
    kind: period.kind,
    ...(input.department === undefined ? {} : { department: input.department }),
    from,
    to,
    partial: input.today <= to,
    navigation: { previous: previous.period, ...(next.days[0]! <= input.today ? { next: next.id } : {}) },
    previous,
    moved: HEADLINE_FIGURES.map((name) => {
      const figure = headline(current, name);
      const was = headline(previous, name);
      return { name, figure, previous: was, delta: figure === null || was === null ? null : figure - was };
    }),
    actions: input.actions,
    openOverdue: input.openOverdue,
  };
}

/** A headline figure of a period's figures. */
export function headline(f: ReportFigures, name: HeadlineFigure): number | null {
  const target = (t: string) => f.targets.find((x) => x.name === t)?.figure ?? null;
  switch (name) {
    case 'received':
      return f.received;
    case 'onTimeRate':
      return target('onTime');
    case 'completionRate':
      return target('completion');
    default:
      return f[name];
  }
}

/** The period just after (the one whose `previousPeriod` is this one). */
export function nextPeriod(p: Period): Period {
  const afterLast = new Date(Date.parse(`${p.days.at(-1)}T00:00:00Z`) + 86_400_000);
  if (p.kind === 'monthly') return parsePeriod('monthly', afterLast.toISOString().slice(0, 7))!;
  return periodOf('weekly', afterLast.toISOString().slice(0, 10));
}

/** The week or month a local date falls in. */
export function periodOf(kind: PeriodKind, day: string): Period {
  if (kind === 'monthly') return parsePeriod('monthly', day.slice(0, 7))!;
  const date = Date.parse(`${day}T00:00:00Z`);
  const thursday = date + (3 - ((new Date(date).getUTCDay() + 6) % 7)) * 86_400_000;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return parsePeriod('weekly', `${year}-W${String(week).padStart(2, '0')}`)!;
}

/** Today's date in a zone. */
export function localToday(now: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
