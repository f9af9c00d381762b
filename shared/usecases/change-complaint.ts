import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { ConcurrentUpdateError, NotFoundError } from '../errors/index.js';
import type { Complaint, TimelineEvent } from '../model/complaint.js';
import { timelineEvent } from '../model/events.js';
import { logger, MetricUnit, metrics } from '../observability.js';
import type { Policy } from '../policy/types.js';
import type { Clock, ComplaintStore, Mailer, OutgoingMail, Workflow, WorkflowTokenStore } from '../ports/index.js';
import { type ComplaintChanges, stepTransition, withChanges } from '../workflow/step-times.js';
import { wakeWorkflow } from '../workflow/wake.js';
import { retryOnConflict } from './retry-on-conflict.js';

export interface ChangeDeps {
  store: ComplaintStore;
  mailer: Mailer;
  tokens: WorkflowTokenStore;
  workflow: Workflow;
  clock: Clock;
  policy: Policy;
  calendar: WorkingCalendar;
}

export interface Decision {
  changes: ComplaintChanges;
  events: TimelineEvent[];
}

/** A mail that reports a written change (to staff, or to the customer). */
export interface Notice {
  kind: string;
  mail: OutgoingMail;
}

/** One action on a complaint, by staff or by the customer. */
export interface ChangeSpec {
  /**
   * Works the change out from the stored complaint, or throws the typed error that says why it
   * cannot happen now. Called once before anything is sent and again on the fresh record after
   * every lost race, so a precondition is always checked against what is actually stored.
   */
  decide(c: Complaint, now: Date, messageId?: string): Decision;
  /** The mail that is the action itself (a reply, a question): sent first, so a failure records nothing and the caller may simply retry. */
  message?(c: Complaint, now: Date): Promise<OutgoingMail>;
  /** Mails that report the change once written: a failure is recorded on the timeline and the change stands. */
  notices?(written: Complaint, now: Date): Promise<Notice[]>;
}

export interface ChangeResult {
  complaint: Complaint;
  events: TimelineEvent[];
}

/**
 * The table first, then the clock: decide, send the action's own mail, write the change with a
 * version check (the caller's If-Match version, or the stored one re-read after every lost race so
 * that concurrent edits never lose an update), then hand the waiting workflow step the plan that
 * follows from the written complaint, then send the notices. A change that touches no state (a
 * note, a message while nothing waits on the customer) only appends to the timeline: the plan is
 * unchanged, so the workflow is not woken.
 */
export async function changeComplaint(
  deps: ChangeDeps,
  complaintId: string,
  spec: ChangeSpec,
  opts: { expectedVersion?: number } = {},
): Promise<ChangeResult> {
  const now = deps.clock.now();
  const initial = await load(deps.store, complaintId);
  if (opts.expectedVersion !== undefined && initial.version !== opts.expectedVersion) {
    throw new ConcurrentUpdateError();
  }
  spec.decide(initial, now);
  const messageId = spec.message ? (await deps.mailer.send(await spec.message(initial, now))).messageId : undefined;

  const write = async (c: Complaint): Promise<ChangeResult & { changed: boolean }> => {
    const { changes, events } = spec.decide(c, now, messageId);
    if (Object.keys(changes).length === 0) {
      await deps.store.appendEvents(events);
      return { complaint: c, events, changed: false };
    }
    const all = { ...changes, ...stepTransition(c, withChanges(c, changes), now) };
    return { complaint: await deps.store.updateComplaint(c.id, c.version, all, events), events, changed: true };
  };
  const outcome =
    opts.expectedVersion === undefined
      ? await retryOnConflict(async () => write(await load(deps.store, complaintId)))
      : await write(initial);

  if (outcome.changed) await wake(deps, outcome.complaint);
  if (spec.notices) await sendNotices(deps, outcome.complaint, await spec.notices(outcome.complaint, now));
  return { complaint: outcome.complaint, events: outcome.events };
}

async function load(store: ComplaintStore, complaintId: string): Promise<Complaint> {
  const complaint = await store.getComplaint(complaintId);
  if (!complaint) throw new NotFoundError();
  return complaint;
}

/**
 * A wake that fails loses nothing: the waiting step's own timer still fires, and the step that
 * runs then re-reads the table. So the action, already written, is not reported as failed.
 */
async function wake(deps: ChangeDeps, complaint: Complaint): Promise<void> {
  try {
    await wakeWorkflow(deps, complaint);
  } catch (error) {
    logger.error('could not wake the workflow', { complaintId: complaint.id, error: error as Error });
    metrics.addMetric('WorkflowWakeFailed', MetricUnit.Count, 1);
  }
}

async function sendNotices(deps: ChangeDeps, complaint: Complaint, notices: Notice[]): Promise<void> {
  for (const notice of notices) {
    try {
      await deps.mailer.send(notice.mail);
    } catch (error) {
      logger.error('notice mail failed', { complaintId: complaint.id, kind: notice.kind, error: error as Error });
      metrics.addMetric('MailFailed', MetricUnit.Count, 1);
      await deps.store
        .appendEvents([
          timelineEvent(complaint.id, 'mail_failed', deps.clock.now(), 'system', {
            kind: notice.kind,
            error: (error as Error).name,
          }),
        ])
        .catch((appendError) => logger.error('could not record the failed mail', { error: appendError as Error }));
    }
  }
}
