import type { Complaint, Locale } from '../model/complaint.js';
import type { StaffMember } from '../policy/types.js';

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
}

export interface LetterDraft {
  kind: LetterKind;
  locale: Locale;
  /** The editable body the reply form starts from; placeholders the owner must fill are in 【】 / [ ]. */
  text: string;
}

// TODO(issue 8, letters engineer): the real templates; this placeholder only keeps the contract compiling.
export function draftLetter(kind: LetterKind, ctx: LetterContext): LetterDraft {
  const locale = ctx.locale ?? ctx.complaint.customer.locale;
  const name = ctx.complaint.customer.name ?? '';
  const text =
    locale === 'zh-CN'
      ? `${name}您好：\n\n关于您的投诉 ${ctx.complaint.ticketNumber}……\n\n${ctx.staff.name}`
      : `Dear ${name},\n\nAbout your complaint ${ctx.complaint.ticketNumber}…\n\n${ctx.staff.name}`;
  return { kind, locale, text };
}
