import { STAFF_ACTIONS } from '../auth/staff.js';
import type { DeadlineName } from '../calendar/deadlines.js';
import { InvalidTransitionError } from '../errors/index.js';
import { type Complaint, STATUSES, type Status } from '../model/complaint.js';
import { acceptanceDeadline, awaitingAcceptance } from './acceptance.js';
import type { WorkflowStep } from './types.js';

/**
 * The lifecycle as data. Every change to a complaint is a command; this table says in which
 * statuses it is accepted and the status it leaves behind. Staff actions, customer responses and
 * the workflow's own steps all go through `nextStatus`, so a new action is a decision function
 * plus a row here, never another copy of the rules.
 */
export const COMMANDS = [
  ...STAFF_ACTIONS,
  /** The acknowledgement went out (or was recorded as impossible): the customer knows we have it. */
  'acknowledge',
  'customer_reply',
  'survey_satisfied',
  'survey_dissatisfied',
  /** A timer fired: escalation, automatic progress, survey reminder. The status stays. */
  'timer',
  /** A new P1 or P2 complaint is announced to its department. The status stays. */
  'announce',
  'info_expired',
  'survey_unanswered',
  'result_sent',
  'survey_sent',
  'archive',
  /** The customer's personal data is erased (shared/usecases/customer-privacy.ts). The status stays. */
  'erase_personal_data',
  /** The customer accepted the solution, or asked for a change to it (shared/workflow/acceptance.ts). */
  'customer_accepted',
  'customer_asked_change',
  /** A duplicate was merged into this complaint (shared/usecases/merge-complaints.ts). The status stays. */
  'merged_from',
] as const;
export type Command = (typeof COMMANDS)[number];

type Row = Partial<Record<Status, Status>>;

const OPEN: readonly Status[] = STATUSES.filter((s) => s !== 'closed');
/** Every open status to itself. */
const stays = (statuses: readonly Status[] = OPEN): Row => Object.fromEntries(statuses.map((s) => [s, s]));

/** Work still under way: not yet resolved, and not closed. */
export const UNDER_WAY: readonly Status[] = [
  'received',
  'acknowledged',
  'assigned',
  'in_progress',
  'awaiting_customer',
  'solution_proposed',
  'reopened',
];

/** Talking to the customer puts a freshly assigned or reopened complaint in progress; other statuses keep their meaning. */
const talkingToCustomer: Row = {
  ...stays(['in_progress', 'awaiting_customer', 'solution_proposed', 'resolved', 'awaiting_survey']),
  assigned: 'in_progress',
  reopened: 'in_progress',
};

export const LIFECYCLE: Readonly<Record<Command, Row>> = {
  // Later statuses keep theirs: an owner may have called before the acknowledgement mail went out.
  acknowledge: { ...stays(), received: 'acknowledged' },
  assign: { ...stays(), received: 'assigned', acknowledged: 'assigned' },
  contact: talkingToCustomer,
  reply: talkingToCustomer,
  note: stays(STATUSES),
  propose: { in_progress: 'solution_proposed', solution_proposed: 'solution_proposed' },
  // A question to the customer may come between the proposal and the decision, and the answer
  // leaves the complaint in progress: the decision is still due (decide checks one is pending).
  approve: stays(['solution_proposed', 'in_progress', 'awaiting_customer']),
  // Back to finding a solution (the planner sees approval 'rejected').
  reject: { solution_proposed: 'in_progress', in_progress: 'in_progress', awaiting_customer: 'awaiting_customer' },
  resolve: { in_progress: 'resolved', solution_proposed: 'resolved' },
  'request-info': {
    assigned: 'awaiting_customer',
    in_progress: 'awaiting_customer',
    solution_proposed: 'awaiting_customer',
    reopened: 'awaiting_customer',
  },
  reopen: { resolved: 'reopened', awaiting_survey: 'reopened' },
  // Changing the grade or the department, or escalating by hand, belongs to work still under way:
  // once resolved the deadlines are met, and while we wait on the customer the clock is paused.
  regrade: stays(UNDER_WAY),
  reroute: stays(UNDER_WAY),
  escalate: stays(UNDER_WAY.filter((s) => s !== 'awaiting_customer')),
  // A question to a partner department pauses nothing; an answer may still come once the work is resolved.
  'request-partner': stays(UNDER_WAY),
  'answer-partner': stays(),
  'dispute-partner': stays(UNDER_WAY),
  // SM: a delay is told while the work is under way; a fix version may come any time before closing.
  'notify-delay': stays(UNDER_WAY),
  'record-fix': stays(),
  // Legal review (shared/workflow/legal-review.ts): decided where approval is; a returned plan goes back to the owner, as a rejected one.
  'legal-approve': stays(['solution_proposed', 'in_progress', 'awaiting_customer']),
  'legal-return': {
    solution_proposed: 'in_progress',
    in_progress: 'in_progress',
    awaiting_customer: 'awaiting_customer',
  },
  // A work order carries out a solution: opened once one is proposed, worked while the complaint is open.
  'open-work-order': stays(['solution_proposed', 'in_progress', 'awaiting_customer']),
  'work-order-step': stays(UNDER_WAY),
  'work-order-assign': stays(UNDER_WAY),
  customer_reply: { ...stays(STATUSES), awaiting_customer: 'in_progress' },
  // 'resolved': an answer may land between the survey mail and the step recording it.
  survey_satisfied: { awaiting_survey: 'closed', resolved: 'closed' },
  survey_dissatisfied: { awaiting_survey: 'reopened', resolved: 'reopened' },
  timer: stays(),
  announce: stays(),
  info_expired: { awaiting_customer: 'in_progress' },
  survey_unanswered: { awaiting_survey: 'closed' },
  result_sent: { resolved: 'resolved' },
  survey_sent: { resolved: 'awaiting_survey' },
  archive: { closed: 'closed' },
  // Only once closed: an open complaint's workflow would go on mailing the address the erasure removed.
  erase_personal_data: { closed: 'closed' },
  // The customer accepts the solution (ACC): told while the solution stands, answering sends a change back to the owner.
  'offer-by-call': stays(['solution_proposed', 'in_progress', 'awaiting_customer']),
  'record-acceptance': stays(['solution_proposed', 'in_progress', 'awaiting_customer']),
  customer_accepted: stays(['solution_proposed', 'in_progress', 'awaiting_customer']),
  customer_asked_change: {
    solution_proposed: 'in_progress',
    in_progress: 'in_progress',
    awaiting_customer: 'awaiting_customer',
  },
  // A duplicate closes into a complaint whose work is still under way; a proposed solution belongs to
  // its own complaint, so it is decided (or withdrawn by a rejection) before the complaint can merge.
  merge: Object.fromEntries(UNDER_WAY.filter((s) => s !== 'solution_proposed').map((s) => [s, 'closed'])),
  // The complaint that goes on records what joined it whatever happened to it since: a fact, not a step.
  merged_from: stays(STATUSES),
};

/** The status a command leaves behind, or a 409 that names the status in which it cannot happen. */
export function nextStatus(status: Status, command: Command): Status {
  const next = LIFECYCLE[command][status];
  if (next === undefined) {
    throw new InvalidTransitionError(status === 'closed' ? 'closed' : 'not_in_status', { status, command });
  }
  return next;
}

/** Whether the owner has spoken to the customer in the current round (a reopen starts a new one). */
export function contactedThisRound(c: Complaint): boolean {
  if (!c.firstContactAt) return false;
  if (!c.reopenedAt) return true;
  return (c.lastContactAt ?? c.firstContactAt) >= c.reopenedAt;
}

interface StepRow {
  step: WorkflowStep;
  /** The complaint is in this step when this holds and no earlier row's does. */
  when: (c: Complaint) => boolean;
  /** The deadline that times the step (before any escalation); the next one when the first is absent. */
  deadline: readonly (DeadlineName | 'result')[];
  /** The customer must hear from us at least every `progressEvery` while the complaint is here. */
  progress: boolean;
  /** A step timed by its own record rather than by `deadlines` (the legal review's dueAt). */
  due?: (c: Complaint) => string | undefined;
}

/**
 * Where a complaint's workflow stands, read from the table alone, in lifecycle order. Whether the
 * grade has a solution step is read from the complaint's own deadlines, which the policy set when
 * it was received (or reopened at a new grade).
 */
export const STEPS: readonly StepRow[] = [
  { step: 'closed', when: (c) => c.status === 'closed', deadline: [], progress: false },
  {
    step: 'send_result',
    when: (c) => Boolean(c.resolvedAt && !c.surveySentAt),
    deadline: ['result'],
    progress: false,
  },
  { step: 'await_survey', when: (c) => Boolean(c.resolvedAt && !c.survey), deadline: [], progress: false },
  {
    step: 'await_customer',
    when: (c) => c.status === 'awaiting_customer' && Boolean(c.infoRequest && !c.infoRequest.answeredAt),
    deadline: [],
    progress: false,
  },
  { step: 'await_owner', when: (c) => !c.ownerId, deadline: ['assign'], progress: true },
  { step: 'await_contact', when: (c) => !contactedThisRound(c), deadline: ['firstContact'], progress: true },
  {
    step: 'await_solution',
    when: (c) =>
      Boolean(
        c.deadlines.solution &&
          (!c.solution || c.solution.approval === 'rejected' || c.solution.legal?.state === 'returned'),
      ),
    deadline: ['solution', 'resolve'],
    progress: true,
  },
  {
    step: 'await_legal',
    when: (c) => c.solution?.legal?.state === 'pending',
    deadline: [],
    progress: true,
    due: (c) => c.solution?.legal?.dueAt,
  },
  {
    step: 'await_approval',
    when: (c) => c.solution?.approval === 'pending',
    deadline: ['solution', 'resolve'],
    progress: true,
  },
  {
    step: 'await_acceptance',
    when: awaitingAcceptance,
    deadline: ['resolve'],
    due: acceptanceDeadline,
    progress: true,
  },
  { step: 'await_resolution', when: () => true, deadline: ['resolve'], progress: true },
];

export function stepRow(step: WorkflowStep): StepRow {
  return STEPS.find((row) => row.step === step)!;
}
