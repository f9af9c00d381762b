import { formatAmount, formatInstant, REMEDY_LABELS } from '../i18n/labels.js';
import type { Solution } from '../model/complaint.js';
import type { OutgoingMail } from '../ports/index.js';
import type { Block } from './letter.js';
import { type StaffMailBase, staffMail } from './staff-mails.js';

/**
 * Mails of the major-incident timetable (shared/workflow/legal-review.ts), in the reader's language.
 * Subjects carry only our words, the ticket and the grade; what staff wrote (the plan, the
 * reviewer's note) is quoted in the body, escaped by the letter.
 */

const zh = (ctx: StaffMailBase) => ctx.staff.locale === 'zh-CN';
const when = (ctx: StaffMailBase, iso: string) => formatInstant(iso, ctx.staff.locale, ctx.timezone);

function plan(ctx: StaffMailBase, solution: Solution): Block[] {
  const locale = ctx.staff.locale;
  const facts: [string, string][] = [];
  if (solution.remedy) facts.push([zh(ctx) ? '补偿方式' : 'Remedy', REMEDY_LABELS[solution.remedy][locale]]);
  if (solution.amount !== undefined) facts.push([zh(ctx) ? '金额' : 'Amount', formatAmount(solution.amount, locale)]);
  return [
    { heading: zh(ctx) ? '方案' : 'The plan' },
    { quote: solution.summary },
    ...(facts.length > 0 ? [{ facts }] : []),
  ];
}

/** A plan waits for a legal reviewer: what is proposed, by whom, and by when the review is due. */
export function legalReviewRequestMail(ctx: StaffMailBase & { solution: Solution; dueAt: string }): OutgoingMail {
  const t = ctx.complaint.ticketNumber;
  return staffMail(
    ctx,
    'legal_review_request',
    zh(ctx)
      ? `【法务审核】投诉 ${t}（${ctx.complaint.grade}）的处理方案待审核`
      : `[Legal review] The plan for ${t} (${ctx.complaint.grade}) waits for you`,
    [
      {
        p: zh(ctx)
          ? `投诉 ${t} 的处理方案须经法务审核后方可审批并告知客户。请在 ${when(ctx, ctx.dueAt)} 前通过或退回（退回请写明原因）。逾期将通报管理层。`
          : `The plan for complaint ${t} needs legal review before it can be approved and told to the customer. Please approve or return it (with a note) by ${when(ctx, ctx.dueAt)}; after that management is told.`,
      },
      ...plan(ctx, ctx.solution),
    ],
    zh(ctx) ? '查看并审核：' : 'Read and review:',
  );
}

/** Legal returned the plan: the owner reads why and proposes again. */
export function legalReturnedMail(ctx: StaffMailBase & { note: string; reviewerName: string }): OutgoingMail {
  const t = ctx.complaint.ticketNumber;
  return staffMail(
    ctx,
    'legal_review_returned',
    zh(ctx) ? `【法务退回】投诉 ${t} 的处理方案需修改` : `[Returned by legal] The plan for ${t} needs changes`,
    [
      {
        p: zh(ctx)
          ? `${ctx.reviewerName}（法务）退回了投诉 ${t} 的处理方案。请根据以下意见修改后重新提出。`
          : `${ctx.reviewerName} (legal) returned the plan for complaint ${t}. Please propose it again with the changes below.`,
      },
      { heading: zh(ctx) ? '法务意见' : 'Legal’s note' },
      { quote: ctx.note },
    ],
  );
}

/** 004's 48 hours passed with no approved compensation plan: management is told. */
export function compensationPlanMissedMail(ctx: StaffMailBase & { deadline: string }): OutgoingMail {
  const t = ctx.complaint.ticketNumber;
  return staffMail(
    ctx,
    'compensation_plan_missed',
    zh(ctx)
      ? `【赔偿方案逾期】投诉 ${t}（${ctx.complaint.grade}）`
      : `[Compensation plan overdue] ${t} (${ctx.complaint.grade})`,
    [
      {
        p: zh(ctx)
          ? `投诉 ${t} 的赔偿方案应于 ${when(ctx, ctx.deadline)} 前获批，至今仍无获批方案。请督办。`
          : `An approved compensation plan for complaint ${t} was due by ${when(ctx, ctx.deadline)} and there is none yet. Please see to it.`,
      },
    ],
  );
}
