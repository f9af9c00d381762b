import { DEFAULT_CURRENCY, formatAmount, formatDate, formatInstant, REMEDY_LABELS } from '../i18n/labels.js';
import type { Complaint, Locale, Remedy } from '../model/complaint.js';
import type { StaffMember } from '../policy/types.js';
import { topicOf } from './case-kind.js';

/**
 * The letters an owner starts a reply from (reference 002/003): each is filled from the case in the
 * customer's language, then edited by the owner and sent through the `reply` action. The apology and
 * the explanation-and-resolution letters follow the structure the references give: date, topic,
 * cause found, remedy with concrete timing, contact, sign-off.
 */
export const LETTER_KINDS = ['acknowledgement', 'request_info', 'progress', 'apology', 'explanation'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export interface LetterContext {
  complaint: Complaint;
  /** Who signs: the owner writing the reply. */
  staff: StaffMember;
  now: Date;
  /** The customer's language unless the owner picks the other one. */
  locale?: Locale;
  /** The policy's zone for dates the customer reads. */
  timeZone?: string;
  /** ISO 4217 code of the solution's amount; the default policy's (CNY) when not given. */
  currency?: string;
}

export interface LetterDraft {
  kind: LetterKind;
  locale: Locale;
  /** The editable body the reply form starts from; placeholders the owner must fill are in 【】 / [ ]. */
  text: string;
}

/** The default policy's zone: a draft without one is still dated as the default customer reads it. */
const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** What every letter is filled with, already made safe to stand in a sentence. */
interface Filled {
  /** The greeting's name, or none (a customer who left only a phone number). */
  name?: string;
  ticket: string;
  /** What the customer complained about: their subject (quoted, their words), else the category; none for "other". */
  topic?: string;
  topicIsTheirs: boolean;
  order?: string;
  /** The day they told us, and today, as a letter is dated. */
  receivedOn: string;
  today: string;
  /** By when a first answer, the solution, and the whole case are due (working time already counted). */
  answerBy: string;
  resolveBy: string;
  /** The proposed solution, its remedy and amount, if one is proposed. */
  solution?: { summary: string; remedy?: string; amount?: string };
  owner: string;
}

interface LetterCopy {
  greeting: (name?: string) => string;
  body: Record<LetterKind, (f: Filled) => string[]>;
  signOff: (f: Filled) => string[];
}

/** A placeholder the owner must replace before sending: bracketed so nobody can miss it. */
const zh = (what: string) => `【${what}】`;
const en = (what: string) => `[${what}]`;

const COPY: Record<Locale, LetterCopy> = {
  'zh-CN': {
    greeting: (name) => (name ? `尊敬的${name}：` : '尊敬的客户：'),
    body: {
      acknowledgement: (f) => [
        `您好！关于您于${f.receivedOn}反馈的${about(f, 'zh-CN')}问题（投诉编号 ${f.ticket}），我们已经详细记录，将尽快为您核实处理，预计在${f.answerBy}前给出初步方案。`,
        `我是您的专属处理人${f.owner}，处理过程中如有任何问题，请直接回复本邮件（请保留投诉编号 ${f.ticket}）。`,
        '感谢您的耐心等待！',
      ],
      request_info: (f) => [
        `您好！为尽快处理您于${f.receivedOn}反馈的${about(f, 'zh-CN')}问题（投诉编号 ${f.ticket}），我们还需要您补充以下信息：`,
        zh('请列出需要客户补充的信息，例如：订单截图、产品照片、问题发生的时间'),
        '请直接回复本邮件提供以上信息。收到您的回复后，我们将立即继续处理；在此期间，处理时限暂停计算。',
        '感谢您的配合！',
      ],
      progress: (f) => [
        `您好！现将您的投诉（编号 ${f.ticket}${f.topic ? `，${about(f, 'zh-CN')}问题` : ''}）的处理进展告知如下：`,
        zh('请填写目前的进展，例如：已定位问题原因，正在安排维修'),
        `下一步：${zh('请填写下一步安排及预计时间')}。我们承诺在${f.resolveBy}前处理完毕，并至少每 24 小时向您通报一次进展。`,
        `如有任何疑问，请直接回复本邮件，或联系您的专属处理人${f.owner}。`,
      ],
      apology: (f) => [
        `您好！关于您于${f.receivedOn}反馈的${about(f, 'zh-CN')}问题（投诉编号 ${f.ticket}），我们已收悉并高度重视。对于此次服务过程中给您带来的不佳体验，我们深表歉意。`,
        `经核查，${zh('请简述核查到的原因，例如：因系统临时故障导致响应延迟，未能及时为您解答疑问')}。`,
        `为弥补我们的不足，我们将${remedy(f, 'zh-CN')}。同时，${zh('请填写改进措施，例如：已对相关人员进行专项培训')}，避免类似情况再次发生。`,
        `如有任何疑问，请直接回复本邮件（请保留投诉编号 ${f.ticket}），或联系您的专属处理人${f.owner}。`,
        '再次感谢您的监督与反馈，期待能有机会为您提供更好的服务体验！',
      ],
      explanation: (f) => [
        `您好！感谢您于${f.receivedOn}就${f.order ? `订单 ${f.order} 的` : ''}${about(f, 'zh-CN')}问题（投诉编号 ${f.ticket}）与我们联系。我们已认真核查，现将核查结果及解决方案告知如下。`,
        `经核查，${zh('请说明核查结果：问题原因及依据，例如：检测报告、账单明细')}。`,
        `针对上述情况，我们的解决方案是：${remedy(f, 'zh-CN')}。`,
        `如您对以上说明或方案有任何疑问，请直接回复本邮件（请保留投诉编号 ${f.ticket}），或联系您的专属处理人${f.owner}。`,
        '感谢您的理解与支持！',
      ],
    },
    signOff: (f) => ['顺祝商祺！', `${f.owner}\n客户服务团队\n${f.today}`],
  },
  en: {
    greeting: (name) => (name ? `Dear ${name},` : 'Dear customer,'),
    body: {
      acknowledgement: (f) => [
        `Thank you for telling us on ${f.receivedOn} about ${about(f, 'en')} (complaint ${f.ticket}). We have recorded it in full and are looking into it now; you will have a first answer from us by ${f.answerBy}.`,
        `I am ${f.owner} and I will look after your complaint until it is closed. If anything comes up in the meantime, simply reply to this email (please keep the number ${f.ticket}).`,
        'Thank you for your patience.',
      ],
      request_info: (f) => [
        `To resolve ${about(f, 'en')} you reported on ${f.receivedOn} (complaint ${f.ticket}) as quickly as we can, we need a little more from you:`,
        en(
          'List what the customer should send, e.g. a screenshot of the order, photos of the product, when the problem happened',
        ),
        'Please reply to this email with it. We continue the moment it arrives; until then the clock on your complaint is paused.',
        'Thank you for your help.',
      ],
      progress: (f) => [
        `Here is where your complaint ${f.ticket}${f.topic ? ` about ${about(f, 'en')}` : ''} stands:`,
        en('What has happened so far, e.g. we have found the cause and are arranging the repair'),
        `Next: ${en('the next step and when it will happen')}. We will have it resolved by ${f.resolveBy}, and you will hear from us at least every 24 hours until then.`,
        `If you have any questions, reply to this email or ask me, ${f.owner}, your case owner.`,
      ],
      apology: (f) => [
        `Regarding ${about(f, 'en')} you reported on ${f.receivedOn} (complaint ${f.ticket}): we have received it and take it seriously. We are sincerely sorry for the poor experience it gave you.`,
        `We looked into it and found that ${en('briefly, the cause found, e.g. a temporary system fault delayed our answer')}.`,
        `To put this right, we will ${remedy(f, 'en')}. We have also ${en('what changes so that it does not happen again, e.g. retrained the team concerned')}.`,
        `If you have any questions, reply to this email (please keep the number ${f.ticket}) or ask me, ${f.owner}, your case owner.`,
        'Thank you again for your feedback. We hope to have the chance to serve you better.',
      ],
      explanation: (f) => [
        `Thank you for contacting us on ${f.receivedOn} about ${about(f, 'en')}${f.order ? ` with order ${f.order}` : ''} (complaint ${f.ticket}). We have looked into it carefully; here is what we found and how we will resolve it.`,
        `What we found: ${en('the cause and the evidence for it, e.g. the test report, the billing records')}.`,
        `Our solution: we will ${remedy(f, 'en')}.`,
        `If anything in this letter is unclear, or you do not agree with the solution, reply to this email (please keep the number ${f.ticket}) or ask me, ${f.owner}, your case owner.`,
        'Thank you for your understanding.',
      ],
    },
    signOff: (f) => ['Kind regards,', `${f.owner}\nCustomer Service\n${f.today}`],
  },
};

/** What the letter calls the problem (zh-CN: before 问题): the customer's own subject quoted, or the category. */
function about(f: Filled, locale: Locale): string {
  if (!f.topic) return locale === 'zh-CN' ? '' : 'the problem';
  if (locale === 'zh-CN') return f.topicIsTheirs ? `“${f.topic}”` : f.topic;
  return f.topicIsTheirs ? `the problem “${f.topic}”` : `the ${f.topic} problem`;
}

/** The remedy with its concrete timing: the proposed solution if there is one, else a placeholder to fill. */
function remedy(f: Filled, locale: Locale): string {
  const s = f.solution;
  if (locale === 'zh-CN') {
    const what = s
      ? `${s.summary}${s.remedy || s.amount ? `（${[s.remedy, s.amount && `金额 ${s.amount}`].filter(Boolean).join('，')}）` : ''}`
      : zh('请填写具体解决方案，例如：为您办理全额退款');
    return `${what}，并于${f.resolveBy}前办理完毕${zh('如有更具体的时间请在此注明，例如：退款预计 3 个工作日内到账')}`;
  }
  const what = s
    ? `${s.summary}${s.remedy || s.amount ? ` (${[s.remedy, s.amount && `amount ${s.amount}`].filter(Boolean).join(', ')})` : ''}`
    : en('the remedy, e.g. refund the full price');
  return `${what}, completed by ${f.resolveBy} ${en('a more precise time if known, e.g. the refund reaches your account within 3 working days')}`;
}

/**
 * Customer text inside a sentence: one line, no control or invisible characters, no brackets that
 * could pass for a placeholder (or hide one), and short enough to stay a topic.
 */
function inline(value: string | undefined, max = 60): string | undefined {
  if (value === undefined) return undefined;
  const flat = value
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]+/g, ' ')
    .replace(/[【[]/g, '(')
    .replace(/[】\]]/g, ')')
    .replace(/\s+/g, ' ')
    .trim();
  if (flat === '') return undefined;
  const chars = [...flat];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat;
}

function fill(ctx: LetterContext, locale: Locale): Filled {
  const { complaint, staff, now } = ctx;
  const zone = ctx.timeZone ?? DEFAULT_TIME_ZONE;
  const { deadlines, solution } = complaint;
  return {
    name: inline(complaint.customer.name, 100),
    ticket: complaint.ticketNumber,
    topic: inline(complaint.subject) ?? topicOf(complaint, locale),
    topicIsTheirs: inline(complaint.subject) !== undefined,
    order: inline(complaint.orderNumber, 64),
    receivedOn: formatDate(complaint.receivedAt, locale, zone),
    today: formatDate(now.toISOString(), locale, zone),
    answerBy: formatInstant(deadlines.solution ?? deadlines.resolve, locale, zone),
    resolveBy: formatInstant(deadlines.resolve, locale, zone),
    ...(solution
      ? {
          solution: {
            summary: inline(solution.summary, 500)!,
            ...(solution.remedy ? { remedy: remedyLabel(solution.remedy, locale) } : {}),
            ...(solution.amount !== undefined
              ? { amount: formatAmount(solution.amount, locale, ctx.currency ?? DEFAULT_CURRENCY) }
              : {}),
          },
        }
      : {}),
    owner: inline(staff.name, 100) ?? staff.id,
  };
}

/** A remedy named mid-sentence: "refund", not the label's "Refund". */
function remedyLabel(remedy: Remedy, locale: Locale): string {
  const label = REMEDY_LABELS[remedy][locale];
  return locale === 'en' ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

/**
 * The draft a reply starts from: greeting, the letter's paragraphs filled from the case, and the
 * owner's sign-off with today's date, in the customer's language (or the one the owner picks).
 * Plain text: the reply mail escapes it like everything else the owner writes.
 */
export function draftLetter(kind: LetterKind, ctx: LetterContext): LetterDraft {
  const locale = ctx.locale ?? ctx.complaint.customer.locale;
  const copy = COPY[locale];
  const f = fill(ctx, locale);
  const text = [copy.greeting(f.name), ...copy.body[kind](f), ...copy.signOff(f)].join('\n\n');
  return { kind, locale, text };
}
