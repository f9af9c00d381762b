import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { NotFoundError } from '../errors/index.js';
import type { Complaint, TimelineEvent } from '../model/complaint.js';
import { type EventDataArgs, type EventType, timelineEvent } from '../model/events.js';
import { MetricUnit, metrics } from '../observability.js';
import type { Policy, StaffMember } from '../policy/types.js';
import type { Clock, ComplaintStore, Mailer, TaskSignals, WorkflowTokenStore } from '../ports/index.js';
import { closedMail, progressMail, resultMail, surveyMail, surveyReminderMail } from '../templates/customer-mails.js';
import { escalationMail, newWorkMail, ownerReminderMail } from '../templates/staff-mails.js';
import type { Command } from '../workflow/lifecycle.js';
import { ANNOUNCED_GRADES, newWorkAudience } from '../workflow/new-work.js';
import { resumeFromPause } from '../workflow/pause.js';
import { closesAt, planNext } from '../workflow/plan.js';
import { decideOnTimer, type TimerDecision } from '../workflow/timer-decisions.js';
import type { Plan } from '../workflow/types.js';
import { acceptanceTimerChange, acceptanceTimerNotices } from './acceptance-timer.js';
import { changeComplaint, type Decision, type Notice } from './change-complaint.js';
import { resultSentDecision } from './delay-and-fix.js';
import { legalTimerChange, legalTimerNotices } from './legal-review.js';
import { staffUrl, statusUrl, surveyUrl } from './mail-links.js';
import { partnerTimerChange, partnerTimerNotices } from './partner-requests.js';
import { workOrderTimerChange, workOrderTimerNotices } from './work-order-timer.js';

/** What every workflow task needs; the tasks that never mail (plan, park, archive) need no more. */
export interface WorkflowCoreDeps {
  store: ComplaintStore;
  tokens: WorkflowTokenStore;
  workflow: TaskSignals;
  /** Only the steps that mail use it; the one change path refuses a mail without it. */
  mailer?: Mailer;
  clock: Clock;
  policy: Policy;
  calendar: WorkingCalendar;
}

export interface WorkflowStepDeps extends WorkflowCoreDeps {
  mailer: Mailer;
  links: { baseUrl: string; key: Uint8Array };
}

async function load(deps: Pick<WorkflowStepDeps, 'store'>, complaintId: string): Promise<Complaint> {
  const complaint = await deps.store.getComplaint(complaintId);
  if (!complaint) throw new NotFoundError();
  return complaint;
}

const plan = (deps: WorkflowCoreDeps, complaint: Complaint) =>
  planNext(complaint, deps.clock.now(), deps.policy, deps.calendar);

/** Task `Plan`: where the complaint stands, read from the table. */
export async function planStep(deps: WorkflowCoreDeps, complaintId: string): Promise<Plan> {
  return plan(deps, await load(deps, complaintId));
}

/**
 * The waiting states' task (`.waitForTaskToken`): keep the token beside the complaint, then
 * look again. If the complaint moved on since the plan was made (an action landed while the
 * machine was between steps, so nobody could wake it), wake ourselves with a fresh plan.
 */
export async function parkStep(
  deps: WorkflowCoreDeps,
  input: { taskToken: string; complaintId: string; plan: Plan },
): Promise<{ parked: true; selfWoken: boolean }> {
  await deps.tokens.saveParkedToken({
    complaintId: input.complaintId,
    token: input.taskToken,
    step: input.plan.step,
    planVersion: input.plan.version,
    parkedAt: deps.clock.now().toISOString(),
  });
  const complaint = await load(deps, input.complaintId);
  if (complaint.version === input.plan.version) return { parked: true, selfWoken: false };
  await deps.workflow.signal(input.taskToken, plan(deps, complaint));
  return { parked: true, selfWoken: true };
}

/**
 * Task `OnTimer`: a waiting step's timer fired. Decide from the table what is due and write it
 * through the one change path (the version check makes the write the claim: a racing action or
 * a retried task finds nothing due and repeats nothing), then send the mails it implies.
 */
export async function timerStep(deps: WorkflowStepDeps, complaintId: string): Promise<Plan> {
  // The decision of the try that won the write: the mails follow what was written, not a lost try.
  let decided: TimerDecision | undefined;
  const { complaint, events } = await changeComplaint(
    deps,
    complaintId,
    {
      decide: (c, now) => {
        decided = decideOnTimer(c, now, deps.policy, deps.calendar);
        return timerChange(deps, c, now, decided);
      },
      notices: async (written) => timerNotices(deps, written, decided!),
    },
    { wake: false },
  );
  // Counted from what was written: decide runs once to check and again on every try of the write.
  if (events.some((e) => e.type === 'sla_breached')) metrics.addMetric('SlaBreached', MetricUnit.Count, 1);
  return plan(deps, complaint);
}

function timerChange(deps: WorkflowStepDeps, c: Complaint, now: Date, d: TimerDecision): Decision | undefined {
  const changes: Decision['changes'] = {};
  const events: TimelineEvent[] = [];
  let command: Command = 'timer';
  const event = <T extends EventType>(type: T, ...data: EventDataArgs<T>) =>
    events.push(timelineEvent(c.id, type, now, 'workflow', ...data));

  if (d.escalation) {
    const e = d.escalation;
    changes.escalation = { step: e.step, level: e.level, deadline: e.newDeadline };
    changes.nextDeadlineAt = e.newDeadline;
    event('sla_breached', {
      step: e.step,
      deadline: e.missedDeadline,
      level: e.level,
      role: e.role,
      notified: e.notify.map((s) => s.id),
      newDeadline: e.newDeadline,
      ...(e.digest ? { digest: true } : {}),
    });
  }
  if (d.autoProgress) {
    changes.lastCustomerUpdateAt = now.toISOString();
    event('progress_sent', { automatic: true });
    const owner = deps.policy.staff.find((s) => s.id === c.ownerId);
    if (owner) event('owner_reminded', { ownerId: owner.id, reason: 'progress_due' });
  }
  if (d.surveyReminder) {
    changes.surveyReminderSentAt = now.toISOString();
    event('survey_reminder_sent');
  }
  if (d.confirmationReminder) {
    // The next reminder counts from this one (plan.ts timers).
    changes.surveyReminderSentAt = now.toISOString();
    event('owner_reminded', { ownerId: c.ownerId ?? 'unassigned', reason: 'confirmation_due' });
  }
  if (d.surveyClose) {
    command = 'survey_unanswered';
    Object.assign(changes, { closedAt: now.toISOString(), closeReason: 'no_survey_answer' });
    event('survey_unanswered');
    event('closed', { reason: 'no_survey_answer' });
  }
  if (d.infoExpired) {
    command = 'info_expired';
    Object.assign(changes, resumeFromPause(c, now, deps.policy, deps.calendar));
    event('info_request_expired');
  }
  const partners = partnerTimerChange(c, now, d.partners);
  if (partners) {
    Object.assign(changes, partners.changes);
    events.push(...partners.events);
  }
  // The major-incident timetable (LEG): management's notice, the compensation plan.
  const legal = legalTimerChange(c, now, d.legal);
  Object.assign(changes, legal.changes);
  events.push(...legal.events);
  const workOrders = workOrderTimerChange(c, now, d.workOrders);
  if (workOrders) {
    Object.assign(changes, workOrders.changes);
    events.push(...workOrders.events);
  }
  const acceptance = acceptanceTimerChange(c, now, d.acceptance);
  if (acceptance) {
    Object.assign(changes, acceptance.changes);
    events.push(...acceptance.events);
  }
  return events.length === 0 ? undefined : { command, changes, events };
}

function timerNotices(deps: WorkflowStepDeps, c: Complaint, d: TimerDecision): Notice[] {
  const tz = deps.policy.calendar.timezone;
  const notices: Notice[] = [];
  const e = d.escalation;
  // The top rung is told once; after that it hears of this complaint only in its daily digest
  // (shared/usecases/breach-digest.ts), one mail for everything still breached there.
  for (const staff of e && !e.digest ? e.notify : []) {
    notices.push({
      kind: `escalation:${staff.id}`,
      mail: escalationMail({
        complaint: c,
        staff,
        step: e!.step,
        timezone: tz,
        staffUrl: staffUrl(deps, c),
        missedDeadline: e!.missedDeadline,
        level: e!.level,
        newDeadline: e!.newDeadline,
      }),
    });
  }
  if (d.autoProgress) {
    if (c.customer.email) {
      notices.push({
        kind: 'progress',
        mail: async () =>
          progressMail({
            complaint: c,
            automatic: true,
            statusUrl: await statusUrl(deps, c.id, deps.clock.now()),
            timezone: tz,
          }),
      });
    }
    const owner = deps.policy.staff.find((s) => s.id === c.ownerId);
    if (owner) {
      notices.push({
        kind: 'owner_reminder',
        mail: ownerReminderMail({
          complaint: c,
          staff: owner,
          reason: 'progress_due',
          timezone: tz,
          staffUrl: staffUrl(deps, c),
        }),
      });
    }
  }
  if (d.surveyReminder && c.customer.email) {
    notices.push({
      kind: 'survey_reminder',
      mail: async () =>
        surveyReminderMail({
          complaint: c,
          surveyUrl: await surveyUrl(deps, c.id, deps.clock.now()),
          closesAt: closesAt(c, deps.policy, deps.calendar)?.toISOString(),
          timezone: tz,
        }),
    });
  }
  const owner = d.confirmationReminder ? deps.policy.staff.find((s) => s.id === c.ownerId) : undefined;
  if (owner) {
    notices.push({
      kind: 'owner_reminder',
      mail: ownerReminderMail({
        complaint: c,
        staff: owner,
        reason: 'confirmation_due',
        timezone: tz,
        staffUrl: staffUrl(deps, c),
      }),
    });
  }
  if (d.surveyClose && c.customer.email) {
    notices.push({ kind: 'closed', mail: closedMail({ complaint: c, reason: 'no_survey_answer', timezone: tz }) });
  }
  notices.push(...partnerTimerNotices(deps, c, d.partners));
  notices.push(...legalTimerNotices(deps, c, d.legal));
  notices.push(...workOrderTimerNotices(deps, c, d.workOrders));
  notices.push(...acceptanceTimerNotices(deps, c, d.acceptance));
  return notices;
}

/**
 * Part of task `AcknowledgeAndPlan`: a P1 or P2 complaint is announced to its department when it
 * arrives, not first at its first breach. The announcement is written (announcedAt, with a version
 * check) before anyone is mailed, so a retried step, or a racing copy of it, finds it done and
 * mails nobody again; a mail that fails is recorded on the timeline, as every notice is. A complaint
 * someone has already taken (a workflow restarted long after intake) is not announced.
 */
export async function announceStep(deps: WorkflowStepDeps, complaintId: string): Promise<void> {
  let told: StaffMember[] = [];
  await changeComplaint(
    deps,
    complaintId,
    {
      decide: (c, now) => {
        if (c.announcedAt || c.ownerId || c.status === 'closed' || !ANNOUNCED_GRADES.has(c.grade)) return undefined;
        told = newWorkAudience(c, deps.policy);
        return {
          command: 'announce',
          changes: { announcedAt: now.toISOString() },
          events: [timelineEvent(c.id, 'new_work_announced', now, 'workflow', { notified: told.map((s) => s.id) })],
        };
      },
      notices: async (written) =>
        told.map((staff) => ({
          kind: `new_work:${staff.id}`,
          mail: newWorkMail({
            complaint: written,
            staff,
            timezone: deps.policy.calendar.timezone,
            staffUrl: staffUrl(deps, written),
          }),
        })),
    },
    { wake: false },
  );
}

/**
 * Task `SendResult`: the result mail, then the satisfaction survey, each the action of its own
 * change: sent first and recorded once sent. A mail that fails throws before anything is
 * written, and the state machine's retry sends it again; a retry after the write finds nothing due.
 */
export async function sendResultStep(deps: WorkflowStepDeps, complaintId: string): Promise<Plan> {
  const tz = deps.policy.calendar.timezone;
  const once = { wake: false };
  let late: { due: string; notify: StaffMember[] } | undefined;
  await changeComplaint(
    deps,
    complaintId,
    {
      // SM: a result sent after resultWithin is recorded and escalated (shared/usecases/delay-and-fix.ts).
      decide: (c, now, messageId) => {
        const sent = resultSentDecision(c, now, messageId, deps.policy);
        late = sent?.late;
        return sent?.decision;
      },
      notices: async (written) =>
        (late?.notify ?? []).map((staff) => ({
          kind: `escalation:${staff.id}`,
          mail: escalationMail({
            complaint: written,
            staff,
            step: 'send_result',
            timezone: tz,
            staffUrl: staffUrl(deps, written),
            missedDeadline: late!.due,
            level: 1,
            newDeadline: written.resultSentAt!,
          }),
        })),
      message: async (c, now) =>
        c.customer.email
          ? resultMail({
              complaint: c,
              summary: c.resolutionSummary ?? '',
              statusUrl: await statusUrl(deps, c.id, now),
              timezone: tz,
            })
          : undefined,
    },
    once,
  );
  const { complaint } = await changeComplaint(
    deps,
    complaintId,
    {
      decide: (c, now, messageId) =>
        !c.resolvedAt || !c.resultSentAt || c.surveySentAt || c.survey
          ? undefined
          : {
              command: 'survey_sent',
              changes: { surveySentAt: now.toISOString() },
              events: [timelineEvent(c.id, 'survey_sent', now, 'workflow', { messageId: messageId ?? null })],
            },
      message: async (c, now) =>
        c.customer.email
          ? surveyMail({ complaint: c, surveyUrl: await surveyUrl(deps, c.id, now), timezone: tz })
          : undefined,
    },
    once,
  );
  return plan(deps, complaint);
}

/** Task `Archive`: keep the handling times of every step for the reports. Idempotent. */
export async function archiveStep(deps: WorkflowCoreDeps, complaintId: string): Promise<{ archived: true }> {
  await changeComplaint(
    deps,
    complaintId,
    {
      decide: (c, now) => {
        if (c.archivedAt || c.status !== 'closed') return undefined;
        const received = new Date(c.receivedAt);
        const milestones: Record<string, string | undefined> = {
          assigned: c.assignedAt,
          firstContact: c.firstContactAt,
          solutionProposed: c.solution?.proposedAt,
          resolved: c.resolvedAt,
          closed: c.closedAt,
        };
        const handling: Record<string, { minutes: number; workingMinutes: number }> = {};
        for (const [name, at] of Object.entries(milestones)) {
          if (!at) continue;
          const end = new Date(at);
          handling[name] = {
            minutes: Math.round((end.getTime() - received.getTime()) / 60_000),
            workingMinutes: Math.round(deps.calendar.workingMinutesBetween(received, end)),
          };
        }
        return {
          command: 'archive',
          changes: { archivedAt: now.toISOString() },
          events: [timelineEvent(c.id, 'archived', now, 'workflow', { handling, reopenCount: c.reopenCount ?? 0 })],
        };
      },
    },
    { wake: false },
  );
  return { archived: true };
}
