import { ESCALATION_ROLE_LABELS, formatInstant } from '../i18n/labels.js';
import { WORK_ORDER_KIND_LABELS, workStepLabel } from '../i18n/work-order-labels.js';
import type { EscalationRole, WorkOrder } from '../model/complaint.js';
import type { OutgoingMail } from '../ports/index.js';
import { type StaffMailBase, staffMail } from './staff-mails.js';

/**
 * Mails about after-sales work orders (shared/workflow/work-orders.ts), in the reader's language.
 * Subjects carry only our words, the ticket and the grade; a note staff wrote is quoted, escaped by the letter.
 */

export interface WorkOrderMailContext extends StaffMailBase {
  workOrder: WorkOrder;
  /** The step (or `milestone:<name>`) the mail is about. */
  step: string;
}

const zh = (ctx: WorkOrderMailContext) => ctx.staff.locale === 'zh-CN';
const when = (ctx: WorkOrderMailContext, iso: string) => formatInstant(iso, ctx.staff.locale, ctx.timezone);
const kind = (ctx: WorkOrderMailContext) => WORK_ORDER_KIND_LABELS[ctx.workOrder.kind][ctx.staff.locale];
const stepName = (ctx: WorkOrderMailContext) => workStepLabel(ctx.step, ctx.staff.locale);

/** A step became due and is the reader's (their role's, or theirs by name): what, for which complaint, by when. */
export function workStepDueMail(ctx: WorkOrderMailContext & { dueAt: string }): OutgoingMail {
  const t = ctx.complaint.ticketNumber;
  return staffMail(
    ctx,
    'work_order_step',
    zh(ctx)
      ? `【售后工单】投诉 ${t}（${ctx.complaint.grade}）的${kind(ctx)}工单待您处理：${stepName(ctx)}`
      : `[Work order] ${stepName(ctx)} for the ${kind(ctx)} on ${t} (${ctx.complaint.grade})`,
    [
      {
        p: zh(ctx)
          ? `投诉 ${t} 的${kind(ctx)}工单已进入“${stepName(ctx)}”步骤，请在 ${when(ctx, ctx.dueAt)} 前完成。逾期将上报主管。`
          : `The ${kind(ctx)} work order on complaint ${t} is at its "${stepName(ctx)}" step. Please complete it by ${when(ctx, ctx.dueAt)}; after that it goes to the supervisor.`,
      },
      ...(ctx.workOrder.note
        ? [{ heading: zh(ctx) ? '工单说明' : 'Work order note' }, { quote: ctx.workOrder.note }]
        : []),
    ],
    zh(ctx) ? '查看工单：' : 'Open the work order:',
  );
}

/** A step or milestone passed its deadline: the next rung is told (the step's holder too, on the first). */
export function workOrderEscalationMail(
  ctx: WorkOrderMailContext & { role: EscalationRole; missedDeadline: string; newDeadline?: string },
): OutgoingMail {
  const t = ctx.complaint.ticketNumber;
  const role = ESCALATION_ROLE_LABELS[ctx.role][ctx.staff.locale];
  return staffMail(
    ctx,
    'work_order_escalation',
    zh(ctx)
      ? `【工单逾期，已升级至${role}】投诉 ${t}（${ctx.complaint.grade}）：${stepName(ctx)}`
      : `[Work order overdue, escalated to ${role}] ${t} (${ctx.complaint.grade}): ${stepName(ctx)}`,
    [
      {
        p: zh(ctx)
          ? `投诉 ${t} 的${kind(ctx)}工单“${stepName(ctx)}”应于 ${when(ctx, ctx.missedDeadline)} 前完成，至今未完成，现上报${role}。`
          : `The "${stepName(ctx)}" of the ${kind(ctx)} work order on complaint ${t} was due by ${when(ctx, ctx.missedDeadline)} and is not done. It is now with the ${role}.`,
      },
      ...(ctx.newDeadline
        ? [
            {
              p: zh(ctx)
                ? `请确保在 ${when(ctx, ctx.newDeadline)} 前完成，否则将继续上报。`
                : `Please see that it is done by ${when(ctx, ctx.newDeadline)}; after that it goes one rung higher.`,
            },
          ]
        : []),
    ],
  );
}
