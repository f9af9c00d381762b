import { addDuration } from '../calendar/deadlines.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { NotFoundError } from '../errors/index.js';
import type { Complaint, TimelineEvent } from '../model/complaint.js';
import { timelineEvent } from '../model/events.js';
import { logger, MetricUnit, metrics } from '../observability.js';
import type { Policy } from '../policy/types.js';
import type { Clock, ComplaintStore, Mailer, OutgoingMail, Workflow, WorkflowTokenStore } from '../ports/index.js';
import { closedMail, progressMail, resultMail, surveyMail, surveyReminderMail } from '../templates/customer-mails.js';
import { escalationMail, ownerReminderMail } from '../templates/staff-mails.js';
import { resumeFromPause } from '../workflow/pause.js';
import { planNext } from '../workflow/plan.js';
import { stepTransition, withChanges } from '../workflow/step-times.js';
import { decideOnTimer } from '../workflow/timer-decisions.js';
import type { Plan } from '../workflow/types.js';
import { staffUrl, statusUrl, surveyUrl } from './mail-links.js';
import { retryOnConflict } from './retry-on-conflict.js';

/** What every workflow task needs; the tasks that never mail (plan, park, archive) need no more. */
export interface WorkflowCoreDeps {
  store: ComplaintStore;
  tokens: WorkflowTokenStore;
  workflow: Workflow;
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
 * Task `OnTimer`: a waiting step's timer fired. Decide from the table what is due, write it
 * (the version check makes the write the claim: a racing action or a retried task finds
 * nothing due and repeats nothing), then send the mails it implies.
 */
export async function timerStep(deps: WorkflowStepDeps, complaintId: string): Promise<Plan> {
  const outcome = await retryOnConflict(async () => {
    const complaint = await load(deps, complaintId);
    const now = deps.clock.now();
    const decision = decideOnTimer(complaint, now, deps.policy, deps.calendar);
    const changes: Partial<Complaint> = {};
    const events: TimelineEvent[] = [];
    const mails: { kind: string; build: (c: Complaint) => Promise<OutgoingMail | undefined> }[] = [];
    const event = (type: string, data?: Record<string, unknown>) =>
      events.push(timelineEvent(complaintId, type, now, 'workflow', data));
    const tz = deps.policy.calendar.timezone;

    if (decision.escalation) {
      const e = decision.escalation;
      changes.escalation = { step: e.step, level: e.level, deadline: e.newDeadline };
      changes.nextDeadlineAt = e.newDeadline;
      event('sla_breached', {
        step: e.step,
        deadline: e.missedDeadline,
        level: e.level,
        role: e.role,
        notified: e.notify.map((s) => s.id),
        newDeadline: e.newDeadline,
      });
      metrics.addMetric('SlaBreached', MetricUnit.Count, 1);
      for (const staff of e.notify) {
        mails.push({
          kind: `escalation:${staff.id}`,
          build: async (c) =>
            escalationMail({
              complaint: c,
              staff,
              step: e.step,
              missedDeadline: e.missedDeadline,
              level: e.level,
              newDeadline: e.newDeadline,
              timezone: tz,
              staffUrl: staffUrl(deps, c.id),
            }),
        });
      }
    }
    if (decision.autoProgress) {
      changes.lastCustomerUpdateAt = now.toISOString();
      event('progress_sent', { automatic: true });
      mails.push({
        kind: 'progress',
        build: async (c) =>
          c.customer.email
            ? progressMail({
                complaint: c,
                automatic: true,
                statusUrl: await statusUrl(deps, c.id, deps.clock.now()),
                timezone: tz,
              })
            : undefined,
      });
      const owner = deps.policy.staff.find((s) => s.id === complaint.ownerId);
      if (owner) {
        event('owner_reminded', { ownerId: owner.id, reason: 'progress_due' });
        mails.push({
          kind: 'owner_reminder',
          build: async (c) =>
            ownerReminderMail({
              complaint: c,
              staff: owner,
              reason: 'progress_due',
              timezone: tz,
              staffUrl: staffUrl(deps, c.id),
            }),
        });
      }
    }
    if (decision.surveyReminder) {
      changes.surveyReminderSentAt = now.toISOString();
      event('survey_reminder_sent');
      mails.push({
        kind: 'survey_reminder',
        build: async (c) =>
          c.customer.email
            ? surveyReminderMail({
                complaint: c,
                surveyUrl: await surveyUrl(deps, c.id, deps.clock.now()),
                closesAt: addDuration(
                  new Date(c.surveySentAt!),
                  deps.policy.workflow.surveyCloseAfter,
                  deps.calendar,
                ).toISOString(),
                timezone: tz,
              })
            : undefined,
      });
    }
    if (decision.surveyClose) {
      Object.assign(changes, { status: 'closed', closedAt: now.toISOString(), closeReason: 'no_survey_answer' });
      event('survey_unanswered');
      event('closed', { reason: 'no_survey_answer' });
      mails.push({
        kind: 'closed',
        build: async (c) =>
          c.customer.email ? closedMail({ complaint: c, reason: 'no_survey_answer', timezone: tz }) : undefined,
      });
    }
    if (decision.infoExpired) {
      Object.assign(changes, resumeFromPause(complaint, now));
      event('info_request_expired');
    }
    if (events.length === 0) return { complaint, mails };
    Object.assign(changes, stepTransition(complaint, withChanges(complaint, changes), now));
    const updated = await deps.store.updateComplaint(complaintId, complaint.version, changes, events);
    return { complaint: updated, mails };
  });
  await sendRecorded(deps, outcome.complaint, outcome.mails);
  return plan(deps, outcome.complaint);
}

/**
 * Task `SendResult`: the result mail, then the satisfaction survey. Each is recorded once sent;
 * a mail that fails throws, and the state machine's retry sends it again.
 */
export async function sendResultStep(deps: WorkflowStepDeps, complaintId: string): Promise<Plan> {
  let complaint = await load(deps, complaintId);
  const tz = deps.policy.calendar.timezone;
  if (!complaint.resolvedAt) return plan(deps, complaint);
  if (!complaint.resultSentAt) {
    const sent = complaint.customer.email
      ? await deps.mailer.send(
          resultMail({
            complaint,
            summary: complaint.resolutionSummary ?? '',
            statusUrl: await statusUrl(deps, complaint.id, deps.clock.now()),
            timezone: tz,
          }),
        )
      : undefined;
    complaint = await record(deps, complaintId, (c) =>
      c.resultSentAt
        ? undefined
        : {
            changes: {
              resultSentAt: deps.clock.now().toISOString(),
              lastCustomerUpdateAt: deps.clock.now().toISOString(),
            },
            events: [
              timelineEvent(complaintId, 'result_sent', deps.clock.now(), 'workflow', {
                messageId: sent?.messageId ?? null,
              }),
            ],
          },
    );
  }
  if (!complaint.surveySentAt) {
    const sent = complaint.customer.email
      ? await deps.mailer.send(
          surveyMail({ complaint, surveyUrl: await surveyUrl(deps, complaint.id, deps.clock.now()), timezone: tz }),
        )
      : undefined;
    complaint = await record(deps, complaintId, (c) =>
      c.surveySentAt
        ? undefined
        : {
            changes: { surveySentAt: deps.clock.now().toISOString(), status: 'awaiting_survey' },
            events: [
              timelineEvent(complaintId, 'survey_sent', deps.clock.now(), 'workflow', {
                messageId: sent?.messageId ?? null,
              }),
            ],
          },
    );
  }
  return plan(deps, complaint);
}

/** Task `Archive`: keep the handling times of every step for the reports. Idempotent. */
export async function archiveStep(deps: WorkflowCoreDeps, complaintId: string): Promise<{ archived: true }> {
  await record(deps, complaintId, (c) => {
    if (c.archivedAt || c.status !== 'closed') return undefined;
    const now = deps.clock.now();
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
      changes: { archivedAt: now.toISOString() },
      events: [timelineEvent(complaintId, 'archived', now, 'workflow', { handling, reopenCount: c.reopenCount ?? 0 })],
    };
  });
  return { archived: true };
}

/** Applies a change worked out from the fresh record, with the version check; nothing to do → the record as it is. */
async function record(
  deps: WorkflowCoreDeps,
  complaintId: string,
  change: (c: Complaint) => { changes: Partial<Complaint>; events: TimelineEvent[] } | undefined,
): Promise<Complaint> {
  return retryOnConflict(async () => {
    const fresh = await load(deps, complaintId);
    const next = change(fresh);
    if (!next) return fresh;
    // Keeps the step's handling times and the by-deadline index in step with the write.
    const moved = stepTransition(fresh, withChanges(fresh, next.changes), deps.clock.now());
    return deps.store.updateComplaint(complaintId, fresh.version, { ...next.changes, ...moved }, next.events);
  });
}

/**
 * Mails that follow a committed decision. A failure is written on the timeline (and counted)
 * rather than retried blindly: the state change already happened exactly once.
 */
async function sendRecorded(
  deps: WorkflowStepDeps,
  complaint: Complaint,
  mails: { kind: string; build: (c: Complaint) => Promise<OutgoingMail | undefined> }[],
): Promise<void> {
  for (const mail of mails) {
    try {
      const built = await mail.build(complaint);
      if (built) await deps.mailer.send(built);
    } catch (error) {
      logger.error('workflow mail failed', { complaintId: complaint.id, kind: mail.kind, error: error as Error });
      metrics.addMetric('MailFailed', MetricUnit.Count, 1);
      await deps.store.appendEvents([
        timelineEvent(complaint.id, 'mail_failed', deps.clock.now(), 'workflow', {
          kind: mail.kind,
          error: (error as Error).name,
        }),
      ]);
    }
  }
}
