import { formatInstant } from '../i18n/labels.js';
import type { Complaint, Locale } from '../model/complaint.js';
import type { OutgoingMail } from '../ports/index.js';
import { type CaseKind, caseKind, topicOf } from './case-kind.js';
import { renderLetter } from './letter.js';

export interface AcknowledgementContext {
  complaint: Complaint;
  statusUrl: string;
  timezone: string;
}

interface Copy {
  subject: Record<CaseKind, (ticket: string) => string>;
  greeting: (name?: string) => string;
  /** 003, step 1: name the topic, say it is recorded and will be looked into; a complaint is apologised for. */
  received: Record<CaseKind, (ticket: string, topic?: string) => string>;
  nextSteps: string;
  contactBy: (when: string) => string;
  settleBy: Record<CaseKind, (when: string) => string>;
  progress: string;
  statusLink: string;
  signOff: string;
}

const COPY: Record<Locale, Copy> = {
  en: {
    subject: {
      complaint: (ticket) => `We have received your complaint (${ticket})`,
      question: (ticket) => `We have received your question (${ticket})`,
      suggestion: (ticket) => `We have received your suggestion (${ticket})`,
    },
    greeting: (name) => (name ? `Dear ${name},` : 'Dear customer,'),
    received: {
      complaint: (ticket, topic) =>
        `Thank you for telling us about ${topic ? `your ${topic} problem` : 'the problem you had'}. We are sorry for the trouble. We have recorded it in full and will look into it promptly. Your complaint is registered under the number ${ticket}; please quote it whenever you contact us.`,
      question: (ticket, topic) =>
        `Thank you for your question${topic ? ` about ${topic}` : ''}. We have recorded it and will answer it promptly. It is registered under the number ${ticket}; please quote it whenever you contact us.`,
      suggestion: (ticket) =>
        `Thank you for your suggestion. We have recorded it and will pass it on to the team concerned. It is registered under the number ${ticket}; please quote it whenever you contact us.`,
    },
    nextSteps: 'What happens next',
    contactBy: (when) => `A named case owner will contact you by ${when}.`,
    settleBy: {
      complaint: (when) => `We aim to have it resolved by ${when}.`,
      question: (when) => `We aim to answer it by ${when}.`,
      suggestion: (when) => `We will reply to you by ${when}.`,
    },
    progress: 'Until then, you will hear from us at least once every 24 hours.',
    statusLink: 'You can see where your case stands at any time here:',
    signOff: 'Customer Care',
  },
  'zh-CN': {
    subject: {
      complaint: (ticket) => `您的投诉已受理（编号 ${ticket}）`,
      question: (ticket) => `您的咨询已受理（编号 ${ticket}）`,
      suggestion: (ticket) => `您的建议已收到（编号 ${ticket}）`,
    },
    greeting: (name) => (name ? `尊敬的${name}：` : '尊敬的客户：'),
    received: {
      complaint: (ticket, topic) =>
        `您好！关于您反馈的${topic ?? ''}问题，我们已经详细记录，将尽快为您核实处理。给您带来不便，我们深表歉意。您的投诉已登记，编号为 ${ticket}，联系我们时请提供此编号。`,
      question: (ticket, topic) =>
        `您好！感谢您${topic ? `就${topic}方面的问题` : ''}向我们咨询，我们已经详细记录，将尽快为您解答。您的咨询已登记，编号为 ${ticket}，联系我们时请提供此编号。`,
      suggestion: (ticket) =>
        `您好！感谢您向我们提出宝贵建议，我们已经详细记录，并将转交相关团队研究。您的建议已登记，编号为 ${ticket}，联系我们时请提供此编号。`,
    },
    nextSteps: '接下来',
    contactBy: (when) => `专属负责人将在 ${when} 前与您联系。`,
    settleBy: {
      complaint: (when) => `我们力争在 ${when} 前为您解决。`,
      question: (when) => `我们力争在 ${when} 前答复您。`,
      suggestion: (when) => `我们将在 ${when} 前答复您。`,
    },
    progress: '在此之前，我们至少每 24 小时向您通报一次进展。',
    statusLink: '您可以随时通过以下链接查看处理进度：',
    signOff: '客户关怀中心',
  },
};

/**
 * The acknowledgement in the customer's language. The subject carries only our own words and
 * the ticket number: nothing the customer typed ever reaches a mail header.
 */
export function acknowledgementMail({ complaint, statusUrl, timezone }: AcknowledgementContext): OutgoingMail {
  const locale = complaint.customer.locale;
  const copy = COPY[locale];
  const kind = caseKind(complaint);
  const when = (iso: string) => formatInstant(iso, locale, timezone);
  const letter = renderLetter(locale, [
    { p: copy.greeting(complaint.customer.name) },
    { p: copy.received[kind](complaint.ticketNumber, topicOf(complaint, locale)) },
    { heading: copy.nextSteps },
    {
      list: [
        copy.contactBy(when(complaint.deadlines.firstContact)),
        copy.settleBy[kind](when(complaint.deadlines.resolve)),
        copy.progress,
      ],
    },
    { link: statusUrl, label: copy.statusLink },
    { p: copy.signOff },
  ]);
  return {
    to: complaint.customer.email!,
    subject: copy.subject[kind](complaint.ticketNumber),
    ...letter,
    tags: { kind: 'acknowledgement', ticket: complaint.ticketNumber },
    complaintId: complaint.id,
    audience: 'customer',
  };
}
