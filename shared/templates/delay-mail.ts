import type { Complaint, Locale } from '../model/complaint.js';
import type { OutgoingMail } from '../ports/index.js';
import { customerMail, localeOf } from './customer-mails.js';
import { fixBlocks, formatDay } from './fix-notice.js';

export interface DelayMailContext {
  complaint: Complaint;
  /** The new date, a day in the operator's zone, and why (003: 提前告知客户预计完成时间及原因). */
  newDate: string;
  reason: string;
  statusUrl: string;
  ownerName?: string;
}

interface Copy {
  subject: (noun: string, ticket: string) => string;
  sorry: (noun: string, ticket: string) => string;
  newDate: (day: string) => string;
  reason: string;
  promise: string;
  owner: (name: string) => string;
  statusLink: string;
  signOff: string;
}

const COPY: Record<Locale, Copy> = {
  en: {
    subject: (noun, ticket) => `Your ${noun} will take longer than planned (${ticket})`,
    sorry: (noun, ticket) =>
      `We are sorry: your ${noun} ${ticket} is taking longer than we planned, and we want you to know before the date we gave you.`,
    newDate: (day) => `We now expect to have it done by ${day}.`,
    reason: 'The reason:',
    promise:
      'If anything changes again, we will tell you straight away. Until that date we will not send you “no news” updates; reply to this email at any time if you have a question.',
    owner: (name) => `Your case owner, ${name}, is following it up.`,
    statusLink: 'You can see where your case stands at any time here:',
    signOff: 'Customer Care',
  },
  'zh-CN': {
    subject: (noun, ticket) => `您的${noun}处理时间将有所延长（编号 ${ticket}）`,
    sorry: (noun, ticket) => `非常抱歉：您的${noun}（编号 ${ticket}）处理时间将比原计划延长，我们在此提前告知您。`,
    newDate: (day) => `预计完成时间：${day}。`,
    reason: '延期原因：',
    promise:
      '如有新的变化，我们将第一时间告知您。在此日期之前，我们不再发送“暂无进展”的通知；如有任何疑问，欢迎随时回复本邮件。',
    owner: (name) => `您的专属负责人${name}将持续跟进。`,
    statusLink: '您可以随时通过以下链接查看处理进度：',
    signOff: '客户关怀中心',
  },
};

/** The delay notice (003): the new date and the reason, in the customer's language. */
export function delayMail(ctx: DelayMailContext): OutgoingMail {
  const { complaint, newDate, reason, statusUrl, ownerName } = ctx;
  const { locale, c } = localeOf(complaint);
  const copy = COPY[locale];
  return customerMail(complaint, 'delay', copy.subject(c.noun, c.ticket), [
    { p: copy.sorry(c.noun, c.ticket) },
    { p: copy.newDate(formatDay(newDate, locale)) },
    { p: copy.reason },
    { quote: reason },
    ...(ownerName ? [{ p: copy.owner(ownerName) }] : []),
    { p: copy.promise },
    ...fixBlocks(complaint),
    { link: statusUrl, label: copy.statusLink },
    { p: copy.signOff },
  ]);
}
