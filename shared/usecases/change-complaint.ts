import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { ConcurrentUpdateError, NotFoundError } from '../errors/index.js';
import { AddressUnreachableError } from '../mail/errors.js';
import type { Complaint, TimelineEvent } from '../model/complaint.js';
import { timelineEvent } from '../model/events.js';
import { logger, MetricUnit, metrics } from '../observability.js';
import type { Policy } from '../policy/types.js';
import type {
  Clock,
  ComplaintChangeStore,
  Mailer,
  OutgoingMail,
  ParkedTokenReader,
  TaskSignals,
} from '../ports/index.js';
import { type Command, nextStatus } from '../workflow/lifecycle.js';
import { type ComplaintChanges, stepTransition, withChanges } from '../workflow/step-times.js';
import { wakeWorkflow } from '../workflow/wake.js';
import { retryOnConflict } from './retry-on-conflict.js';

export interface ChangeDeps {
  store: ComplaintChangeStore;
  /** Only changes that mail need it (the archive step has none). */
  mailer?: Mailer;
  tokens: ParkedTokenReader;
  workflow: TaskSignals;
  clock: Clock;
  policy: Policy;
  calendar: WorkingCalendar;
}

/** The ports of a change that wakes no workflow ({ wake: false }): the workflow's own steps, an erasure. */
export type QuietChangeDeps = Omit<ChangeDeps, 'tokens' | 'workflow'>;

export interface Decision {
  changes: Omit<ComplaintChanges, 'status'>;
  events: TimelineEvent[];
  /** The command whose lifecycle row sets the status, when it depends on what the decision found (the workflow's steps). */
  command?: Command;
}

/** A mail that reports a written change (to staff, or to the customer); built late when building can fail too. */
export interface Notice {
  kind: string;
  mail: OutgoingMail | (() => Promise<OutgoingMail | undefined>);
}

/** One change to a complaint, by staff, by the customer or by the workflow. */
export interface ChangeSpec {
  /** The lifecycle command: checked against the stored status before anything else, and it sets the next status. */
  command?: Command;
  /**
   * Works the change out from the stored complaint, or throws the typed error that says why it
   * cannot happen now; undefined when there is nothing to do (a timer that finds nothing due).
   * Called once before anything is sent and again on the fresh record after every lost race, so
   * a precondition is always checked against what is actually stored.
   */
  decide(c: Complaint, now: Date, messageId?: string): Decision | undefined;
  /**
   * The mail that is the action itself (a reply, a question, the result letter): sent first, so a
   * failure records nothing and the caller may simply retry. Undefined: nothing to send (no address).
   */
  message?(c: Complaint, now: Date): Promise<OutgoingMail | undefined>;
  /** Mails that report the change once written: a failure is recorded on the timeline and the change stands. */
  notices?(written: Complaint, now: Date): Promise<Notice[]>;
}

export interface ChangeResult {
  complaint: Complaint;
  events: TimelineEvent[];
}

export interface ChangeOptions {
  /** The caller's If-Match version: a stale one is refused instead of retried. */
  expectedVersion?: number;
  /** Hand the waiting workflow step the new plan (default). The workflow's own steps return their plan instead. */
  wake?: boolean;
}

/**
 * The one path for every change, the table first, then the clock: check the command against the
 * lifecycle, decide, send the action's own mail, write the change with a version check (the
 * caller's If-Match version, or the stored one re-read after every lost race so that concurrent
 * edits never lose an update), hand the waiting workflow step the plan that follows from the
 * written complaint, then send the notices. Each try reads the clock again, so a change retried
 * after a lost race is stamped after the change it lost to. A change that touches no state (a
 * note, a message while nothing waits on the customer) only appends to the timeline: the plan is
 * unchanged, so the workflow is not woken.
 */
export function changeComplaint(
  deps: ChangeDeps,
  complaintId: string,
  spec: ChangeSpec,
  opts?: ChangeOptions,
): Promise<ChangeResult>;
export function changeComplaint(
  deps: QuietChangeDeps,
  complaintId: string,
  spec: ChangeSpec,
  opts: ChangeOptions & { wake: false },
): Promise<ChangeResult>;
export async function changeComplaint(
  deps: QuietChangeDeps & Partial<ChangeDeps>,
  complaintId: string,
  spec: ChangeSpec,
  opts: ChangeOptions = {},
): Promise<ChangeResult> {
  const initial = await load(deps.store, complaintId);
  if (opts.expectedVersion !== undefined && initial.version !== opts.expectedVersion) {
    throw new ConcurrentUpdateError();
  }
  const firstNow = deps.clock.now();
  if (!decideOn(spec, initial, firstNow)) return { complaint: initial, events: [] };
  const ownMail = spec.message ? await spec.message(initial, firstNow) : undefined;
  const sent = ownMail ? await sendUnlessUnreachable(mailer(deps), ownMail) : undefined;
  const messageId = sent === 'unreachable' ? undefined : sent;

  const write = async (c: Complaint) => {
    const now = deps.clock.now();
    const decision = decideOn(spec, c, now, messageId);
    if (!decision) return { complaint: c, events: [], changed: false, now };
    const status = nextStatus(c.status, (decision.command ?? spec.command)!);
    const changes: ComplaintChanges = { ...decision.changes, ...(status !== c.status ? { status } : {}) };
    if (Object.keys(changes).length === 0) {
      if (decision.events.length > 0) await deps.store.appendEvents(decision.events);
      return { complaint: c, events: decision.events, changed: false, now };
    }
    const all = { ...changes, ...stepTransition(c, withChanges(c, changes), now) };
    const written = await deps.store.updateComplaint(c.id, c.version, all, decision.events, c);
    return { complaint: written, events: decision.events, changed: true, now };
  };
  // The first try writes on the record already read (its version check catches anything newer);
  // only a lost race costs another read.
  let tries = 0;
  const outcome =
    opts.expectedVersion === undefined
      ? await retryOnConflict(async () => write(tries++ === 0 ? initial : await load(deps.store, complaintId)))
      : await write(initial);

  if (sent === 'unreachable' && ownMail && outcome.events.length > 0)
    await recordSkipped(deps, complaintId, ownMail.tags?.kind ?? 'message');
  // The overloads hold the wake ports to be there unless the caller said { wake: false }.
  if (outcome.changed && opts.wake !== false) await wake(deps as ChangeDeps, outcome.complaint);
  if (spec.notices && (outcome.changed || outcome.events.length > 0)) {
    await sendNotices(deps, outcome.complaint, await spec.notices(outcome.complaint, outcome.now));
  }
  return { complaint: outcome.complaint, events: outcome.events };
}

function mailer(deps: QuietChangeDeps): Mailer {
  if (!deps.mailer) throw new Error('this change sends mail, but no mailer was wired');
  return deps.mailer;
}

/** The action's own mail; to an address that bounced it is not sent, and the action still happens (recorded as skipped). */
async function sendUnlessUnreachable(mailer: Mailer, mail: OutgoingMail): Promise<string | 'unreachable'> {
  try {
    return (await mailer.send(mail)).messageId;
  } catch (error) {
    if (error instanceof AddressUnreachableError) return 'unreachable';
    throw error;
  }
}

function recordSkipped(deps: QuietChangeDeps, complaintId: string, kind: string): Promise<void> {
  metrics.addMetric('MailSkipped', MetricUnit.Count, 1);
  return deps.store.appendEvents([
    timelineEvent(complaintId, 'mail_skipped', deps.clock.now(), 'system', { kind, reason: 'address_unreachable' }),
  ]);
}

function decideOn(spec: ChangeSpec, c: Complaint, now: Date, messageId?: string): Decision | undefined {
  if (spec.command) nextStatus(c.status, spec.command);
  const decision = spec.decide(c, now, messageId);
  if (decision && !decision.command && !spec.command) throw new Error('a change needs a lifecycle command');
  return decision;
}

async function load(store: ComplaintChangeStore, complaintId: string): Promise<Complaint> {
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

/**
 * Mails that follow a written change. Each is tried once: a failure is counted and written on
 * the timeline (the change already happened exactly once, so nothing is retried blindly), and a
 * failure to record it is logged, never thrown, so the remaining notices still go out.
 */
async function sendNotices(deps: QuietChangeDeps, complaint: Complaint, notices: Notice[]): Promise<void> {
  for (const notice of notices) {
    try {
      const mail = typeof notice.mail === 'function' ? await notice.mail() : notice.mail;
      if (mail) await mailer(deps).send(mail);
    } catch (error) {
      if (error instanceof AddressUnreachableError) {
        await recordSkipped(deps, complaint.id, notice.kind).catch((appendError) =>
          logger.error('could not record the skipped mail', { complaintId: complaint.id, error: appendError as Error }),
        );
        continue;
      }
      logger.error('notice mail failed', { complaintId: complaint.id, kind: notice.kind, error: error as Error });
      metrics.addMetric('MailFailed', MetricUnit.Count, 1);
      await deps.store
        .appendEvents([
          timelineEvent(complaint.id, 'mail_failed', deps.clock.now(), 'system', {
            kind: notice.kind,
            error: (error as Error).name,
          }),
        ])
        .catch((appendError) =>
          logger.error('could not record the failed mail', { complaintId: complaint.id, error: appendError as Error }),
        );
    }
  }
}
