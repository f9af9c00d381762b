import { formatAmount, formatInstant, REMEDY_LABELS } from '../i18n/labels.js';
import type { Complaint, Locale, Solution } from '../model/complaint.js';
import type { OutgoingMail } from '../ports/index.js';
import { CASE_NOUNS, caseKind } from './case-kind.js';
import { type Block, renderLetter } from './letter.js';

/**
 * The offer (ACC, issue 10): the customer is told the final solution (what, the remedy, the amount
 * with its currency, the date the owner gave) and asked to accept it or ask for a change, on the
 * status page or by replying (004 3.2.3 方案沟通: "清晰说明解决方案…确认客户同意后执行"). The subject
 * holds only our words and the ticket number; the body goes through renderLetter, which escapes.
 */
export interface OfferMailContext {
  complaint: Complaint;
  solution: Solution;
  /** The status page, where the customer accepts or asks for a change. */
  answerUrl: string;
  /** ISO 4217 code of the amount; the default (CNY) when not given. */
  currency?: string;
  /** When silence counts as acceptance (policy `workflow.acceptance.silenceAcceptsAfter`); absent: it never does. */
  silenceAcceptsAt?: string;
  timezone: string;
}

const COPY = {
  en: {
    greeting: (name?: string) => (name ? `Dear ${name},` : 'Dear customer,'),
    subject: (noun: string, ticket: string) => `The solution we propose for your ${noun} (${ticket})`,
    intro: (noun: string, ticket: string) =>
      `Here is the solution we propose for your ${noun} ${ticket}. We will carry it out as soon as you agree to it.`,
    remedy: 'Remedy',
    amount: 'Amount',
    remedyBy: 'Carried out by',
    answer: 'Accept it, or tell us what you would like changed, on this page:',
    reply:
      'You can also reply to this mail: write "I accept" to accept it, or tell us what you would like changed and why.',
    silence: (when: string) => `If we have not heard from you by ${when}, we will take it that you agree.`,
    signOff: 'Customer Care',
  },
  'zh-CN': {
    greeting: (name?: string) => (name ? `尊敬的${name}：` : '尊敬的客户：'),
    subject: (noun: string, ticket: string) => `您的${noun}（编号 ${ticket}）的解决方案`,
    intro: (noun: string, ticket: string) =>
      `针对您的${noun}（编号 ${ticket}），我们提出以下解决方案。经您同意后，我们将立即执行。`,
    remedy: '处理方式',
    amount: '金额',
    remedyBy: '预计完成时间',
    answer: '请在此页面确认方案，或告诉我们需要调整之处：',
    reply: '您也可以直接回复本邮件：回复“同意”即表示接受方案；如需调整，请写明您的要求和原因。',
    silence: (when: string) => `如在 ${when} 前未收到您的答复，我们将视为您同意该方案。`,
    signOff: '客户服务部',
  },
} as const satisfies Record<Locale, unknown>;

export function offerMail(ctx: OfferMailContext): OutgoingMail {
  const { complaint, solution, timezone } = ctx;
  const locale = complaint.customer.locale;
  const t = COPY[locale];
  const noun = CASE_NOUNS[caseKind(complaint)][locale];
  const facts: [string, string][] = [];
  if (solution.remedy) facts.push([t.remedy, REMEDY_LABELS[solution.remedy][locale]]);
  if (solution.amount !== undefined) facts.push([t.amount, formatAmount(solution.amount, locale, ctx.currency)]);
  if (solution.remedyBy) facts.push([t.remedyBy, formatInstant(solution.remedyBy, locale, timezone)]);
  const blocks: Block[] = [
    { p: t.greeting(complaint.customer.name) },
    { p: t.intro(noun, complaint.ticketNumber) },
    { quote: solution.summary },
    ...(facts.length > 0 ? [{ facts }] : []),
    { link: ctx.answerUrl, label: t.answer },
    { p: t.reply },
    ...(ctx.silenceAcceptsAt ? [{ p: t.silence(formatInstant(ctx.silenceAcceptsAt, locale, timezone)) }] : []),
    { p: t.signOff },
  ];
  return {
    to: complaint.customer.email!,
    subject: t.subject(noun, complaint.ticketNumber),
    ...renderLetter(locale, blocks),
    tags: { kind: 'solution_offer', ticket: complaint.ticketNumber },
    complaintId: complaint.id,
    audience: 'customer',
  };
}
