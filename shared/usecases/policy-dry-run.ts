import { computeDeadlines } from '../calendar/deadlines.js';
import { CalendarPolicyError, createCalendar } from '../calendar/working-calendar.js';
import { ValidationError } from '../errors/index.js';
import { gradeComplaint } from '../grading/grade.js';
import type { ComplaintFacts } from '../grading/match.js';
import { routeComplaint } from '../grading/route.js';
import {
  type Category,
  type Complaint,
  type Deadlines,
  type Department,
  GRADES,
  type Grade,
  STATUSES,
} from '../model/complaint.js';
import { changedSections, type PolicyDocument, parsePolicyDocument } from '../policy/schema.js';
import type { ComplaintStore, Page } from '../ports/index.js';

/**
 * The policy dry run (issue 9): before a manager saves a policy, every sample complaint is graded
 * and routed under the policy in force and under the proposal, with the same code intake runs, and
 * the answer says what would move. Pure: the samples come in as data (recentSamples reads them).
 */

/** A complaint as the dry run needs it: what intake graded it by, and what staff finally said. */
export interface DryRunSample {
  ticketNumber: string;
  facts: ComplaintFacts;
  /** The grade staff settled on by regrading it: a label the graders are measured against. */
  label?: Grade;
}

export interface Outcome {
  grade: Grade;
  category: Category;
  department: Department;
}

export interface ChangedComplaint {
  ticketNumber: string;
  before: Outcome;
  after: Outcome;
  /** The grading and routing reasons that fired under the proposal: why it moves. */
  reasons: string[];
  label?: Grade;
}

export interface Move<T extends string> {
  from: T;
  to: T;
  count: number;
}

export interface DeadlinesSideBySide {
  grade: Grade;
  current: Deadlines;
  proposed: Deadlines;
}

export interface DryRunResult {
  /** How many complaints were graded under both. */
  sampled: number;
  /** Top-level sections whose content differs. */
  sections: string[];
  /** from → to → count, every sample counted once (the diagonal is what stays). */
  gradeMatrix: Record<Grade, Record<Grade, number>>;
  changed: { grade: number; category: number; department: number; any: number };
  categoryMoves: Move<Category>[];
  departmentMoves: Move<Department>[];
  /** The first complaints that would change, in sample order (newest first from the store). */
  changes: ChangedComplaint[];
  /** Against the grades staff settled on by regrading: how many each policy grades as they did. */
  accuracy: { labelled: number; current: number; proposed: number };
  /** When deadlines or the calendar differ: what a complaint received at `receivedAt` would get. */
  deadlines?: { receivedAt: string; rows: DeadlinesSideBySide[] };
}

/** How many changed complaints the answer lists one by one; the counts cover every one. */
export const LISTED_CHANGES = 50;

/**
 * Grades and routes every sample under both documents. The proposal is checked first, as a save
 * would check it: a malformed one is refused (ValidationError per field) before anything is graded.
 */
export function dryRunPolicy(input: {
  current: PolicyDocument;
  proposed: unknown;
  samples: readonly DryRunSample[];
  now: Date;
}): DryRunResult {
  const proposed = parsePolicyDocument(input.proposed);
  const { current, samples } = input;
  const gradeMatrix = emptyMatrix();
  const changed = { grade: 0, category: 0, department: 0, any: 0 };
  const categoryMoves = new Map<string, Move<Category>>();
  const departmentMoves = new Map<string, Move<Department>>();
  const changes: ChangedComplaint[] = [];
  const accuracy = { labelled: 0, current: 0, proposed: 0 };

  for (const sample of samples) {
    const before = outcome(sample.facts, current);
    const afterDecision = decide(sample.facts, proposed);
    const after = afterDecision.outcome;
    gradeMatrix[before.grade][after.grade] += 1;
    if (before.grade !== after.grade) changed.grade += 1;
    if (before.category !== after.category) {
      changed.category += 1;
      count(categoryMoves, before.category, after.category);
    }
    if (before.department !== after.department) {
      changed.department += 1;
      count(departmentMoves, before.department, after.department);
    }
    if (sample.label) {
      accuracy.labelled += 1;
      if (before.grade === sample.label) accuracy.current += 1;
      if (after.grade === sample.label) accuracy.proposed += 1;
    }
    const moved =
      before.grade !== after.grade || before.category !== after.category || before.department !== after.department;
    if (!moved) continue;
    changed.any += 1;
    if (changes.length < LISTED_CHANGES) {
      changes.push({
        ticketNumber: sample.ticketNumber,
        before,
        after,
        reasons: afterDecision.reasons,
        ...(sample.label ? { label: sample.label } : {}),
      });
    }
  }

  const sections = changedSections(current, proposed);
  return {
    sampled: samples.length,
    sections,
    gradeMatrix,
    changed,
    categoryMoves: [...categoryMoves.values()].sort((a, b) => b.count - a.count),
    departmentMoves: [...departmentMoves.values()].sort((a, b) => b.count - a.count),
    changes,
    accuracy,
    ...(sections.includes('deadlines') || sections.includes('calendar')
      ? { deadlines: deadlinesSideBySide(current, proposed, input.now) }
      : {}),
  };
}

function decide(facts: ComplaintFacts, policy: PolicyDocument): { outcome: Outcome; reasons: string[] } {
  const grade = gradeComplaint(facts, policy.grading);
  const routing = routeComplaint(facts, policy.routing);
  return {
    outcome: { grade: grade.grade, category: routing.category, department: routing.department },
    reasons: [...grade.reasons, ...routing.reasons],
  };
}

const outcome = (facts: ComplaintFacts, policy: PolicyDocument): Outcome => decide(facts, policy).outcome;

function emptyMatrix(): Record<Grade, Record<Grade, number>> {
  const row = () => Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>;
  return Object.fromEntries(GRADES.map((g) => [g, row()])) as Record<Grade, Record<Grade, number>>;
}

function count<T extends string>(moves: Map<string, Move<T>>, from: T, to: T): void {
  const key = `${from}>${to}`;
  const move = moves.get(key) ?? { from, to, count: 0 };
  move.count += 1;
  moves.set(key, move);
}

/** A calendar the working-time code refuses is a malformed proposal, named by its field. */
function calendarOf(policy: PolicyDocument) {
  try {
    return createCalendar(policy.calendar);
  } catch (error) {
    if (!(error instanceof CalendarPolicyError)) throw error;
    throw new ValidationError({ calendar: { code: 'invalid', params: { issues: error.issues.join('; ') } } });
  }
}

function deadlinesSideBySide(current: PolicyDocument, proposed: PolicyDocument, now: Date) {
  const before = calendarOf(current);
  const after = calendarOf(proposed);
  return {
    receivedAt: now.toISOString(),
    rows: GRADES.map((grade) => ({
      grade,
      current: computeDeadlines(now, grade, current.deadlines, before),
      proposed: computeDeadlines(now, grade, proposed.deadlines, after),
    })),
  };
}

/** The policy document of a running policy: every section but the staff, who come from the directory. */
export function documentOf(policy: PolicyDocument & { staff?: unknown }): PolicyDocument {
  const { staff: _staff, ...document } = policy;
  return document;
}

/**
 * A console dry run, kept for the page that shows it (post/redirect/get): the dry-run function
 * carries the grader, the console renders pages; neither carries both. Only its author reads it,
 * for an hour.
 */
export interface DryRunRecord {
  id: string;
  staffId: string;
  /** Epoch seconds after which it is gone (also the TTL). */
  expiresAt: number;
  /** The editor as posted: the document's text, the version it was based on, the preset, the reason typed. */
  draft: { text: string; basedOn: number; preset?: string; reason?: string };
  result?: DryRunResult;
  /** The proposal was refused: one issue per field, as a ValidationError carries them. */
  fields?: Record<string, { code: string; params?: Record<string, unknown> }>;
}

export interface DryRunRecords {
  save(record: DryRunRecord): Promise<void>;
  /** Undefined when there is none, it has expired, or it is someone else's. */
  get(id: string, staffId: string, now: Date): Promise<DryRunRecord | undefined>;
}

export const DRY_RUN_KEPT_SECONDS = 3600;

/** What the dry run reads from the store: an index of complaints by status, and a complaint's timeline. */
export type DryRunSource = Pick<ComplaintStore, 'listByStatus' | 'listTimeline'>;

export const DEFAULT_SAMPLE_SIZE = 500;
/** Timelines read at once for the labels: enough to overlap round trips, few enough not to throttle. */
const TIMELINE_READS_AT_ONCE = 8;

/**
 * The most recent `limit` complaints, newest first, through the byStatus index (never a Scan): its
 * sort key leads with the grade, then the receipt time, so each (status, grade) partition is read
 * newest first and the partitions are merged by receipt time, a page at a time, until `limit` are
 * taken. Each one's label is the grade of its last `regraded` event, read from its timeline.
 */
export async function recentSamples(store: DryRunSource, limit = DEFAULT_SAMPLE_SIZE): Promise<DryRunSample[]> {
  const streams = STATUSES.flatMap((status) => GRADES.map((grade) => newestFirst(store, status, grade)));
  await Promise.all(streams.map((s) => s.fill()));
  const taken: Complaint[] = [];
  while (taken.length < limit) {
    let newest: (typeof streams)[number] | undefined;
    for (const stream of streams) {
      const head = stream.head();
      if (head && (!newest || head.receivedAt > newest.head()!.receivedAt)) newest = stream;
    }
    if (!newest) break;
    taken.push(await newest.take());
  }
  const labels: (Grade | undefined)[] = [];
  for (let i = 0; i < taken.length; i += TIMELINE_READS_AT_ONCE) {
    const batch = taken.slice(i, i + TIMELINE_READS_AT_ONCE);
    labels.push(...(await Promise.all(batch.map((c) => finalRegrade(store, c.id)))));
  }
  return taken.map((c, i) => sampleOf(c, labels[i]));
}

function newestFirst(store: DryRunSource, status: Complaint['status'], grade: Grade) {
  let buffer: Complaint[] = [];
  let cursor: string | undefined;
  let ended = false;
  const fill = async () => {
    if (buffer.length > 0 || ended) return;
    const page: Page<Complaint> = await store.listByStatus(status, { grade, newestFirst: true, limit: 100, cursor });
    buffer = page.items;
    cursor = page.nextCursor;
    ended = cursor === undefined;
  };
  return {
    fill,
    head: () => buffer[0],
    take: async () => {
      const next = buffer.shift()!;
      await fill();
      return next;
    },
  };
}

async function finalRegrade(store: DryRunSource, complaintId: string): Promise<Grade | undefined> {
  const timeline = await store.listTimeline(complaintId);
  const regraded = timeline.filter((e) => e.type === 'regraded').at(-1);
  return regraded?.type === 'regraded' ? regraded.data.toGrade : undefined;
}

/** Intake graded these facts; the category counts as chosen only where routing said so. */
export function sampleOf(c: Complaint, label?: Grade): DryRunSample {
  const chosen = c.routingReasons.some((r) => r.endsWith(': chosen by customer'));
  return {
    ticketNumber: c.ticketNumber,
    facts: {
      subject: c.subject,
      description: c.description,
      channel: c.channel,
      customer: { tier: c.customer.tier },
      requestedRemedy: c.requestedRemedy,
      ...(chosen ? { category: c.category } : {}),
    },
    ...(label ? { label } : {}),
  };
}
