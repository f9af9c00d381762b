import { CATEGORY_LABELS, formatInstant } from '../i18n/labels.js';
import type { Complaint, Locale } from '../model/complaint.js';
import type { OutgoingMail } from '../ports/index.js';
import { html } from './html.js';

export interface AcknowledgementContext {
  complaint: Complaint;
  statusUrl: string;
  timezone: string;
}

interface Copy {
  subject: (ticket: string) => string;
  greeting: (name?: string) => string;
  received: (ticket: string, topic: string) => string;
  nextSteps: string;
  contactBy: (when: string) => string;
  resolveBy: (when: string) => string;
  progress: string;
  statusLink: string;
  signOff: string;
}

const COPY: Record<Locale, Copy> = {
  en: {
    subject: (ticket) => `We have received your complaint (${ticket})`,
    greeting: (name) => (name ? `Dear ${name},` : 'Dear customer,'),
    received: (ticket, topic) =>
      `Thank you for telling us about your ${topic} problem. We are sorry for the trouble. Your complaint is registered under the number ${ticket}; please quote it whenever you contact us.`,
    nextSteps: 'What happens next',
    contactBy: (when) => `A named case owner will contact you by ${when}.`,
    resolveBy: (when) => `We aim to have it resolved by ${when}.`,
    progress: 'Until it is resolved, you will hear from us at least once every 24 hours.',
    statusLink: 'You can see where your complaint stands at any time here:',
    signOff: 'Customer Care',
  },
  'zh-CN': {
    subject: (ticket) => `您的投诉已受理（编号 ${ticket}）`,
    greeting: (name) => (name ? `尊敬的${name}：` : '尊敬的客户：'),
    received: (ticket, topic) =>
      `感谢您反馈${topic}方面的问题，给您带来不便，我们深表歉意。您的投诉已登记，编号为 ${ticket}，联系我们时请提供此编号。`,
    nextSteps: '接下来',
    contactBy: (when) => `专属负责人将在 ${when} 前与您联系。`,
    resolveBy: (when) => `我们力争在 ${when} 前为您解决。`,
    progress: '在问题解决之前，我们至少每 24 小时向您通报一次进展。',
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
  const topic = CATEGORY_LABELS[complaint.category][locale];
  const contactBy = formatInstant(complaint.deadlines.firstContact, locale, timezone);
  const resolveBy = formatInstant(complaint.deadlines.resolve, locale, timezone);
  const lines = [
    copy.greeting(complaint.customer.name),
    '',
    copy.received(complaint.ticketNumber, topic),
    '',
    `${copy.nextSteps}:`,
    `- ${copy.contactBy(contactBy)}`,
    `- ${copy.resolveBy(resolveBy)}`,
    `- ${copy.progress}`,
    '',
    copy.statusLink,
    statusUrl,
    '',
    copy.signOff,
  ];
  const body = html`<!doctype html>
<html lang="${locale}"><body style="font-family: sans-serif; line-height: 1.5">
<p>${copy.greeting(complaint.customer.name)}</p>
<p>${copy.received(complaint.ticketNumber, topic)}</p>
<h3>${copy.nextSteps}</h3>
<ul><li>${copy.contactBy(contactBy)}</li><li>${copy.resolveBy(resolveBy)}</li><li>${copy.progress}</li></ul>
<p>${copy.statusLink}<br><a href="${statusUrl}">${statusUrl}</a></p>
<p>${copy.signOff}</p>
</body></html>`;
  return {
    to: complaint.customer.email!,
    subject: copy.subject(complaint.ticketNumber),
    text: lines.join('\n'),
    html: body.value,
    tags: { kind: 'acknowledgement', ticket: complaint.ticketNumber },
  };
}
