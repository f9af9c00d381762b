import type { Category, Channel, Complaint, Department, Grade, TimelineEvent } from '../model/complaint.js';
import { isDissatisfied } from '../usecases/customer-responses.js';

/**
 * The report counters (issue 11): what a change of the table adds to the figures, per local day and
 * department, with what came in also split by category, channel and grade. Pure: a stream record's images in, increments out; the
 * aggregator (shared/reports/aggregate.ts) writes them exactly once.
 *
 * Most facts are transitions of the complaint item (NEW_AND_OLD_IMAGES: `assignedAt` appears, a step
 * of `stepTimes` ends, `reopenCount` rises), and the item after the write carries the dimensions as
 * they were at that moment. Two facts never show on the item and are read from their timeline event
 * instead: a breach (an escalation by hand looks the same on the item) and a survey answer (a
 * dissatisfied one is cleared by the reopen in the same write).
 */

export interface Dimensions {
  department: Department;
  category: Category;
  channel: Channel;
  grade: Grade;
}

export interface Increment {
  /** Local date (YYYY-MM-DD) in the operator's zone. */
  day: string;
  dims: Dimensions;
  add: Record<string, number>;
}

/** The deadlines whose on-time share the reports show, named as in Complaint['deadlines']. */
export const TIMED = ['assign', 'firstContact', 'solution', 'resolve'] as const;
export type Timed = (typeof TIMED)[number];

/** Upper bounds (hours) of the handling-time histogram, from which the report reads its p90. */
export const HANDLING_BUCKETS_HOURS = [1, 2, 4, 8, 24, 48, 72, 120, 168, 336] as const;

/** Counter attribute names; the reports read the same names. */
export const counter = {
  received: 'received',
  receivedAtHour: (hour: number) => `receivedH${String(hour).padStart(2, '0')}`,
  /** The report's splits of what came in; the counter item itself is one per day and department. */
  receivedBy: (dimension: SplitDimension, value: string) => `received_${dimension}_${value}`,
  onTime: (deadline: Timed) => `${deadline}OnTime`,
  late: (deadline: Timed) => `${deadline}Late`,
  breach: (step: string, rung: number) => `breach_${step}_${rung}`,
  handlingMinutes: (step: string) => `handlingMin_${step}`,
  handlingCount: (step: string) => `handlingN_${step}`,
  /** `le` is a bucket bound, or 'inf'. */
  handlingBucket: (step: string, le: number | 'inf') => `handlingLe_${step}_${le}`,
  surveySent: 'surveySent',
  surveyAnswered: 'surveyAnswered',
  surveyUnanswered: 'surveyUnanswered',
  surveyScoreSum: 'surveyScoreSum',
  surveyScoreCount: 'surveyScoreN',
  surveyScore: (score: number) => `surveyScore${score}`,
  surveyVerdict: (verdict: string) => `verdict_${verdict}`,
  satisfied: 'satisfied',
  dissatisfied: 'dissatisfied',
  dissatisfiedBecause: (reason: DissatisfactionReason) => `dissatisfiedBecause_${reason}`,
  reopened: 'reopened',
  regraded: 'regraded',
  regradedFromTo: (from: Grade, to: Grade) => `regraded_${from}_${to}`,
  /** Complaints whose grade a person left other than the initial one (net: a regrade back subtracts). */
  gradeDiffers: 'gradeDiffers',
  rerouted: 'rerouted',
  reroutedFrom: (from: Department) => `reroutedFrom_${from}`,
  closed: 'closed',
  /** Closed as a duplicate merged into the same customer's other complaint (merge-complaints.ts). */
  merged: 'merged',
} as const;

/** The dimensions a report splits `received` by, besides the department (the counter item's key) and the day. */
export const SPLIT_DIMENSIONS = ['category', 'channel', 'grade'] as const;
export type SplitDimension = (typeof SPLIT_DIMENSIONS)[number];

/** Why a customer was dissatisfied, in words a counter can hold (what they wrote stays on the timeline only). */
export type DissatisfactionReason = 'not_fixed' | 'low_score' | 'verdict';

/** The local date and hour of an instant in a zone. */
export function localDayAndHour(instant: string, timezone: string): { day: string; hour: number } {
  const parts = formatter(timezone).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return { day: `${part('year')}-${part('month')}-${part('day')}`, hour: Number(part('hour')) % 24 };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timezone: string): Intl.DateTimeFormat {
  let found = formatters.get(timezone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timezone, found);
  }
  return found;
}

export const dimensionsOf = (c: Pick<Complaint, 'department' | 'category' | 'channel' | 'grade'>): Dimensions => ({
  department: c.department,
  category: c.category,
  channel: c.channel,
  grade: c.grade,
});

/** What one write of a complaint item adds; `before` is absent for the write that created it. */
export function complaintCounters(before: Complaint | undefined, after: Complaint, timezone: string): Increment[] {
  const out = new Increments(dimensionsOf(after), timezone);
  if (!before) {
    const { hour } = localDayAndHour(after.receivedAt, timezone);
    out.add(after.receivedAt, counter.received);
    out.add(after.receivedAt, counter.receivedAtHour(hour));
    for (const dimension of SPLIT_DIMENSIONS)
      out.add(after.receivedAt, counter.receivedBy(dimension, after[dimension]));
  }
  const appeared = (pick: (c: Complaint) => string | undefined) =>
    pick(after) !== undefined && (!before || pick(before) !== pick(after)) ? pick(after) : undefined;

  timed(out, after, 'assign', before?.assignedAt === undefined ? after.assignedAt : undefined);
  timed(out, after, 'firstContact', before?.firstContactAt === undefined ? after.firstContactAt : undefined);
  timed(
    out,
    after,
    'solution',
    appeared((c) => c.solution?.proposedAt),
  );
  timed(out, after, 'resolve', before?.resolvedAt === undefined ? after.resolvedAt : undefined);

  for (const [key, round] of Object.entries(after.stepTimes ?? {})) {
    if (!round.endedAt || before?.stepTimes?.[key]?.endedAt) continue;
    const step = key.split('#')[0]!;
    const minutes = Math.max(0, Math.round((Date.parse(round.endedAt) - Date.parse(round.startedAt)) / 60_000));
    out.add(round.endedAt, counter.handlingMinutes(step), minutes);
    out.add(round.endedAt, counter.handlingCount(step));
    const bound = HANDLING_BUCKETS_HOURS.find((hours) => minutes <= hours * 60);
    out.add(round.endedAt, counter.handlingBucket(step, bound ?? 'inf'));
  }

  if (before && after.surveySentAt && !before.surveySentAt) out.add(after.surveySentAt, counter.surveySent);

  const reopened = (after.reopenCount ?? 0) > (before?.reopenCount ?? 0);
  if (before && reopened) out.add(after.reopenedAt ?? after.updatedAt, counter.reopened);
  // A reopen raises the grade by the policy's rule: only a person's regrade says the first grade was wrong.
  if (before && !reopened && before.grade !== after.grade) {
    out.add(after.updatedAt, counter.regraded);
    out.add(after.updatedAt, counter.regradedFromTo(before.grade, after.grade));
  }
  // Grading accuracy ("share of complaints whose final grade is the initial one"): +1 when a person's
  // regrade moves the grade away from the initial one, −1 when one brings it back, so a complaint
  // counts at most once however often it is regraded (a reopen's raise never sets the flag). Counted
  // on the local day the complaint was received, beside its `received`: the figure judges the grading
  // done in a period, so a regrade weeks later corrects the period the complaint belongs to. Counted
  // on the regrade's day it would pair with complaints received at another time, and a week with more
  // regrades back than away would show an accuracy above 100 %.
  const differs = (c: Complaint | undefined) => c?.gradeDiffers === true;
  if (before && differs(before) !== differs(after)) {
    out.add(after.receivedAt, counter.gradeDiffers, differs(after) ? 1 : -1);
  }
  if (before && before.department !== after.department) {
    out.add(after.updatedAt, counter.rerouted);
    out.add(after.updatedAt, counter.reroutedFrom(before.department));
  }
  if (before && before.status !== 'closed' && after.status === 'closed') {
    const at = after.closedAt ?? after.updatedAt;
    out.add(at, counter.closed);
    if (after.closeReason === 'merged') out.add(at, counter.merged);
    if (after.closeReason === 'no_survey_answer') out.add(at, counter.surveyUnanswered);
  }
  return out.list();
}

function timed(out: Increments, c: Complaint, deadline: Timed, at: string | undefined): void {
  if (at === undefined) return;
  const due = c.deadlines[deadline];
  // No deadline for the step (P4 has no solution step): it cannot be late.
  const late = due !== undefined && Date.parse(at) > Date.parse(due);
  out.add(at, late ? counter.late(deadline) : counter.onTime(deadline));
}

/** The timeline events whose fact the complaint item does not show; every other type (and any type added later) adds nothing. */
export const COUNTED_EVENT_TYPES = new Set<string>(['sla_breached', 'survey_answered']);

/** What one timeline event adds, counted under the complaint's dimensions as read with it. */
export function eventCounters(event: TimelineEvent, dims: Dimensions, timezone: string): Increment[] {
  const out = new Increments(dims, timezone);
  switch (event.type) {
    case 'sla_breached':
      // The top rung's daily reminder is the same breach, still open: counted once, when it happened.
      if (!event.data.digest) out.add(event.at, counter.breach(event.data.step, event.data.level));
      break;
    case 'survey_answered': {
      const answer = event.data;
      out.add(event.at, counter.surveyAnswered);
      if (answer.score !== undefined) {
        out.add(event.at, counter.surveyScoreSum, answer.score);
        out.add(event.at, counter.surveyScoreCount);
        out.add(event.at, counter.surveyScore(answer.score));
      }
      if (answer.verdict) out.add(event.at, counter.surveyVerdict(answer.verdict));
      if (isDissatisfied(answer)) {
        out.add(event.at, counter.dissatisfied);
        out.add(event.at, counter.dissatisfiedBecause(dissatisfactionReason(answer)));
      } else {
        out.add(event.at, counter.satisfied);
      }
      break;
    }
    default:
      break;
  }
  return out.list();
}

function dissatisfactionReason(answer: {
  score?: number;
  verdict?: string;
  notFixed?: boolean;
}): DissatisfactionReason {
  if (answer.notFixed) return 'not_fixed';
  if (answer.score !== undefined && answer.score <= 2) return 'low_score';
  return 'verdict';
}

/** Increments grouped by local day (one counter item per day and dimensions). */
class Increments {
  private readonly byDay = new Map<string, Record<string, number>>();
  constructor(
    private readonly dims: Dimensions,
    private readonly timezone: string,
  ) {}

  add(at: string, name: string, by = 1): void {
    const { day } = localDayAndHour(at, this.timezone);
    const counts = this.byDay.get(day) ?? {};
    counts[name] = (counts[name] ?? 0) + by;
    this.byDay.set(day, counts);
  }

  list(): Increment[] {
    return [...this.byDay].map(([day, add]) => ({ day, dims: this.dims, add }));
  }
}
