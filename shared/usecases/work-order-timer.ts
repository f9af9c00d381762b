import type { Complaint } from '../model/complaint.js';
import { timelineEvent } from '../model/events.js';
import { workOrderEscalationMail } from '../templates/work-order-mails.js';
import { escalatedWorkOrders, type WorkOrderEscalation } from '../workflow/work-orders.js';
import type { Decision, Notice } from './change-complaint.js';
import { type LinkDeps, staffUrl } from './mail-links.js';
import type { StaffActionDeps } from './staff-actions.js';

/**
 * The workflow's side of work orders (kept apart from the staff actions, so the timer's function
 * bundles no action schemas): a step or milestone past its deadline climbs the ladder, each rung mailed once.
 */

type MailDeps = LinkDeps & Pick<StaffActionDeps, 'policy'>;

/** What the workflow's timer writes for steps and milestones gone past their deadline (workflow-steps.ts). */
export function workOrderTimerChange(
  c: Complaint,
  now: Date,
  escalations: WorkOrderEscalation[],
): Pick<Decision, 'changes' | 'events'> | undefined {
  if (escalations.length === 0) return undefined;
  return {
    changes: { workOrders: escalatedWorkOrders(c, escalations) },
    events: escalations.map((e) =>
      timelineEvent(c.id, 'work_order_escalated', now, 'workflow', {
        workOrderId: e.workOrderId,
        step: e.step,
        missedDeadline: e.missedDeadline,
        level: e.level,
        role: e.role,
        notified: e.notify.map((s) => s.id),
        newDeadline: e.newDeadline ?? null,
      }),
    ),
  };
}

/** The mails of those escalations: each rung told once. */
export function workOrderTimerNotices(deps: MailDeps, c: Complaint, escalations: WorkOrderEscalation[]): Notice[] {
  return escalations.flatMap((e) => {
    const workOrder = (c.workOrders ?? []).find((w) => w.id === e.workOrderId);
    if (!workOrder) return [];
    return e.notify.map(
      (staff): Notice => ({
        kind: `work_order_escalation:${e.workOrderId}:${e.step}:${e.level}:${staff.id}`,
        mail: workOrderEscalationMail({
          complaint: c,
          staff,
          workOrder,
          step: e.step,
          role: e.role,
          missedDeadline: e.missedDeadline,
          ...(e.newDeadline ? { newDeadline: e.newDeadline } : {}),
          timezone: deps.policy.calendar.timezone,
          staffUrl: staffUrl(deps, c),
        }),
      }),
    );
  });
}
