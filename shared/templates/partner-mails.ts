import { DEPARTMENT_LABELS, ESCALATION_ROLE_LABELS, formatInstant } from '../i18n/labels.js';
import type { EscalationRole, PartnerRequest } from '../model/complaint.js';
import type { OutgoingMail } from '../ports/index.js';
import type { Block } from './letter.js';
import { type StaffMailBase, staffMail } from './staff-mails.js';

/**
 * Mails between departments working on one complaint (shared/workflow/partners.ts), in the reader's
 * language. Subjects carry only our words, the ticket, the grade and department names; what staff
 * wrote (the question, the answer, the reason) is quoted in the body, escaped by the letter.
 */

export interface PartnerMailContext extends StaffMailBase {
  request: PartnerRequest;
}

const dept = (ctx: PartnerMailContext, d = ctx.request.department) => DEPARTMENT_LABELS[d][ctx.staff.locale];
const lead = (ctx: PartnerMailContext) => DEPARTMENT_LABELS[ctx.complaint.department][ctx.staff.locale];
const when = (ctx: PartnerMailContext, iso: string) => formatInstant(iso, ctx.staff.locale, ctx.timezone);
const zh = (ctx: PartnerMailContext) => ctx.staff.locale === 'zh-CN';

function question(ctx: PartnerMailContext): Block[] {
  return [
    { heading: zh(ctx) ? '问题' : 'Question' },
    { quote: ctx.request.question },
    ...(ctx.request.reason ? [{ heading: zh(ctx) ? '原因' : 'Why' }, { quote: ctx.request.reason }] : []),
  ];
}

/** The partner department is asked: what, by whom, and the answer's deadline. */
export function partnerRequestMail(ctx: PartnerMailContext & { askedByName: string }): OutgoingMail {
  const { complaint, request } = ctx;
  const t = complaint.ticketNumber;
  return staffMail(
    ctx,
    'partner_request',
    zh(ctx)
      ? `【协办请求】${lead(ctx)}请${dept(ctx)}协助投诉 ${t}（${complaint.grade}）`
      : `[Request for help] ${lead(ctx)} asks ${dept(ctx)} about ${t} (${complaint.grade})`,
    [
      {
        p: zh(ctx)
          ? `${ctx.askedByName}（${lead(ctx)}，主办部门）请${dept(ctx)}协助处理投诉 ${t}，请在 ${when(ctx, request.dueAt)} 前答复。逾期未答复将上报${dept(ctx)}负责人。`
          : `${ctx.askedByName} (${lead(ctx)}, the lead department) asks ${dept(ctx)} for help with complaint ${t}. Please answer by ${when(ctx, request.dueAt)}; an unanswered request goes to the head of ${dept(ctx)}.`,
      },
      ...question(ctx),
    ],
    zh(ctx) ? '查看并答复：' : 'Read and answer:',
  );
}

/** A request went unanswered: the partner department's next rung is told. */
export function partnerEscalationMail(
  ctx: PartnerMailContext & { role: EscalationRole; missedDeadline: string; newDeadline?: string },
): OutgoingMail {
  const { complaint } = ctx;
  const t = complaint.ticketNumber;
  const role = ESCALATION_ROLE_LABELS[ctx.role][ctx.staff.locale];
  const next = ctx.newDeadline;
  return staffMail(
    ctx,
    'partner_escalation',
    zh(ctx)
      ? `【协办逾期，已升级至${role}】${dept(ctx)}未答复投诉 ${t}（${complaint.grade}）`
      : `[Partner answer overdue, escalated to ${role}] ${dept(ctx)} has not answered about ${t} (${complaint.grade})`,
    [
      {
        p: zh(ctx)
          ? `${lead(ctx)}（主办部门）就投诉 ${t} 请${dept(ctx)}协助，答复期限 ${when(ctx, ctx.missedDeadline)} 已过，仍未答复。现上报您（${role}）协调。`
          : `${lead(ctx)}, the lead department, asked ${dept(ctx)} for help with complaint ${t}. The answer was due by ${when(ctx, ctx.missedDeadline)} and has not come. It is now with you (${role}).`,
      },
      ...(next
        ? [
            {
              p: zh(ctx)
                ? `请在 ${when(ctx, next)} 前答复，否则将上报共同上级。`
                : `Please see that it is answered by ${when(ctx, next)}; after that it goes to the common superior.`,
            },
          ]
        : []),
      ...question(ctx),
    ],
  );
}

/** The lead has the partner's answer. */
export function partnerAnsweredMail(ctx: PartnerMailContext & { answeredByName: string }): OutgoingMail {
  const { complaint, request } = ctx;
  const t = complaint.ticketNumber;
  return staffMail(
    ctx,
    'partner_answered',
    zh(ctx) ? `【协办答复】${dept(ctx)}已答复投诉 ${t}` : `[Partner answer] ${dept(ctx)} answered about ${t}`,
    [
      {
        p: zh(ctx)
          ? `${ctx.answeredByName}（${dept(ctx)}）答复了您就投诉 ${t} 提出的协办请求。`
          : `${ctx.answeredByName} (${dept(ctx)}) answered your request about complaint ${t}.`,
      },
      ...question(ctx),
      { heading: zh(ctx) ? '答复' : 'Answer' },
      { quote: request.answer ?? '' },
    ],
  );
}

/** The departments disagree: their common superior decides. */
export function partnerDisputeMail(ctx: PartnerMailContext & { byName: string; reason: string }): OutgoingMail {
  const { complaint } = ctx;
  const t = complaint.ticketNumber;
  return staffMail(
    ctx,
    'partner_dispute',
    zh(ctx)
      ? `【部门分歧】${lead(ctx)}与${dept(ctx)}就投诉 ${t}（${complaint.grade}）请您裁定`
      : `[Departments disagree] ${lead(ctx)} and ${dept(ctx)} ask you to decide on ${t} (${complaint.grade})`,
    [
      {
        p: zh(ctx)
          ? `${ctx.byName} 将${lead(ctx)}（主办）与${dept(ctx)}（协办）之间的分歧提交给您（共同上级）裁定。`
          : `${ctx.byName} took a disagreement between ${lead(ctx)} (lead) and ${dept(ctx)} (partner) to you, their common superior.`,
      },
      { heading: zh(ctx) ? '分歧' : 'The disagreement' },
      { quote: ctx.reason },
      ...question(ctx),
    ],
  );
}
