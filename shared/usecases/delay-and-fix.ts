import * as z from 'zod/mini';
import { can, type StaffPermission } from '../auth/staff.js';
import { addDuration } from '../calendar/deadlines.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { ForbiddenError, InvalidTransitionError, ValidationError } from '../errors/index.js';
import {
  type Complaint,
  type DelayNotice,
  FixInput,
  isoDate,
  multiLine,
  type ResultEvidence,
} from '../model/complaint.js';
import { timelineEvent } from '../model/events.js';
import type { Policy, StaffMember } from '../policy/types.js';
import { delayMail } from '../templates/delay-mail.js';
import { endOfDay, todayIn } from '../workflow/delay.js';
import { staffOnRung } from '../workflow/timer-decisions.js';
import type { ChangeSpec, Decision } from './change-complaint.js';
import { statusUrl } from './mail-links.js';
import type { StaffActionDeps } from './staff-actions.js';

/**
 * The smaller steps the manuals name (issue 10, SM): telling the customer of a delay with the new
 * date and the reason (003), recording the version that fixes a software fault (000), and the
 * result mail's own deadline and evidence (resultWithin; 001, 003). Each staff action is a change
 * through the one change path.
 */

export const SM_ACTION_INPUTS = {
  'notify-delay': z.object({ newDate: isoDate, reason: multiLine(1000).check(z.minLength(3)) }),
  'record-fix': FixInput,
};

/** What `resolve` may carry besides its summary: links to the evidence of the work, shown to the customer. */
export const ResultEvidenceInput = z
  .array(
    z.object({
      url: z.url({ protocol: /^https$/ }).check(z.maxLength(2048)),
      label: z.optional(multiLine(200)),
    }),
  )
  .check(z.maxLength(10));

type Input<A extends keyof typeof SM_ACTION_INPUTS> = z.infer<(typeof SM_ACTION_INPUTS)[A]>;

interface Ctx {
  deps: StaffActionDeps;
  actor: StaffMember;
}

function authorize(actor: StaffMember, permission: StaffPermission, c: Complaint): void {
  if (!can(actor, permission, c)) throw new ForbiddenError();
}

/**
 * `notify-delay`: the owner (or anyone above) tells the customer the new date and the reason. The
 * internal deadlines are the policy's and do not move (the timeline says so); what changes is that
 * no automatic "no news" mail goes out until the new date has passed (shared/workflow/delay.ts).
 */
export function notifyDelaySpec(input: Input<'notify-delay'>, { deps, actor }: Ctx): ChangeSpec {
  const timezone = deps.policy.calendar.timezone;
  return {
    decide: (c, now, messageId): Decision => {
      authorize(actor, 'notify-delay', c);
      if (!c.ownerId) throw new InvalidTransitionError('no_owner');
      if (!c.customer.email) throw new InvalidTransitionError('no_customer_email');
      const today = todayIn(now, timezone);
      if (input.newDate < today) throw new ValidationError({ newDate: { code: 'date_in_past', params: { today } } });
      const at = now.toISOString();
      const delay: DelayNotice = {
        newDate: input.newDate,
        reason: input.reason,
        toldAt: at,
        toldBy: actor.id,
        until: endOfDay(input.newDate, timezone).toISOString(),
      };
      return {
        changes: { delay, lastCustomerUpdateAt: at },
        events: [
          timelineEvent(c.id, 'delay_notified', now, actor.id, {
            newDate: input.newDate,
            reason: input.reason,
            messageId: messageId ?? null,
            deadlinesMoved: false,
          }),
        ],
      };
    },
    message: async (c, now) =>
      delayMail({
        complaint: c,
        newDate: input.newDate,
        reason: input.reason,
        statusUrl: await statusUrl(deps, c.id, now),
        ownerName: deps.policy.staff.find((s) => s.id === c.ownerId)?.name,
      }),
  };
}

/** `record-fix`: the version that fixes a software fault and its release date, told to the customer in the next mail. */
export function recordFixSpec(input: Input<'record-fix'>, { actor }: Ctx): ChangeSpec {
  return {
    decide: (c, now): Decision => {
      authorize(actor, 'record-fix', c);
      const fix = { ...input, recordedAt: now.toISOString(), recordedBy: actor.id };
      return {
        changes: { details: { ...c.details, fix } },
        events: [timelineEvent(c.id, 'fix_recorded', now, actor.id, input)],
      };
    },
  };
}

/**
 * What `resolve` writes besides the resolution: the result mail's deadline (the policy's
 * resultWithin from now, on the working calendar) and the evidence it links.
 */
export function resultChanges(
  c: Complaint,
  now: Date,
  evidence: ResultEvidence[] | undefined,
  policy: Policy,
  calendar: WorkingCalendar,
): { changes: Pick<Complaint, 'deadlines' | 'resultEvidence'>; resultDue: string } {
  const resultDue = addDuration(now, policy.workflow.resultWithin, calendar).toISOString();
  return {
    changes: {
      deadlines: { ...c.deadlines, result: resultDue },
      resultEvidence: evidence && evidence.length > 0 ? evidence : undefined,
    },
    resultDue,
  };
}

/** The result's deadline when it goes out after it (a step that failed and was resumed, a runtime that was down). */
export function resultLate(c: Complaint, now: Date): string | undefined {
  const due = c.deadlines.result;
  return due !== undefined && now.getTime() > Date.parse(due) ? due : undefined;
}

/**
 * What the SendResult task writes once the result mail is sent: `result_sent`, and when it is late
 * a missed deadline like any other (`sla_breached` on step send_result, told to the supervisors), so
 * the reports and the console count it. The mail still goes: a late result is better than none.
 */
export function resultSentDecision(
  c: Complaint,
  now: Date,
  messageId: string | undefined,
  policy: Policy,
): { decision: Decision; late?: { due: string; notify: StaffMember[] } } | undefined {
  if (!c.resolvedAt || c.resultSentAt) return undefined;
  const at = now.toISOString();
  const due = resultLate(c, now);
  const notify = due ? staffOnRung(c, 'supervisor', policy) : [];
  const notified = notify.map((s) => s.id);
  const events = [
    timelineEvent(c.id, 'result_sent', now, 'workflow', {
      messageId: messageId ?? null,
      ...(due ? { late: { due, notified } } : {}),
    }),
  ];
  if (due) {
    events.push(
      timelineEvent(c.id, 'sla_breached', now, 'workflow', {
        step: 'send_result',
        deadline: due,
        level: 1,
        role: 'supervisor',
        notified,
        newDeadline: at,
      }),
    );
  }
  return {
    decision: { command: 'result_sent', changes: { resultSentAt: at, lastCustomerUpdateAt: at }, events },
    ...(due ? { late: { due, notify } } : {}),
  };
}
