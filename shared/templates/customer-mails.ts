import {
  CATEGORY_LABELS,
  ESCALATION_ROLE_LABELS,
  formatAmount,
  formatDate,
  formatInstant,
  REMEDY_LABELS,
} from '../i18n/labels.js';
import type { Category, Complaint, Locale } from '../model/complaint.js';
import type { OutgoingMail } from '../ports/index.js';
import { type Block, renderLetter } from './letter.js';
import { nextPromise, type OpenStep } from './next-step.js';

/**
 * The mails a customer receives after the acknowledgement, in the customer's language. Every
 * subject carries only our own words and the ticket number: nothing the customer (or a member
 * of staff) typed ever reaches a mail header. Bodies go through renderLetter, which escapes.
 */

interface CustomerMailBase {
  complaint: Complaint;
  /** IANA zone deadlines are shown in (the operator's calendar zone). */
  timezone: string;
}

export type ProgressMailContext = CustomerMailBase & {
  statusUrl: string;
  /** The case owner's name, when there is one. */
  ownerName?: string;
} & (
    | { automatic: true }
    /** The owner's own update, shown as written. */
    | { automatic: false; message: string }
  );

export interface InfoRequestMailContext extends CustomerMailBase {
  question: string;
  /** Where the customer answers (the status page). */
  replyUrl: string;
  /** Until when the clock waits for the answer. */
  limitAt: string;
}

export interface ResultMailContext extends CustomerMailBase {
  /** What we found: the resolution summary. */
  summary: string;
  statusUrl: string;
  /** The letter's date (when it is sent); the resolution time when not given. */
  sentAt?: string;
  /** When the remedy will have been carried out, if it is still under way; otherwise the resolution time is given. */
  remedyBy?: string;
  ownerName?: string;
}

export interface SurveyMailContext extends CustomerMailBase {
  surveyUrl: string;
  /** When the complaint closes without an answer; the first survey mail may leave it out. */
  closesAt?: string;
}

export interface SurveyReminderMailContext extends SurveyMailContext {
  closesAt: string;
}

export interface ReopenedMailContext extends CustomerMailBase {
  statusUrl: string;
  followUpBy: string;
  /** The supervisor (or manager) who now oversees it. */
  overseerName?: string;
}

export interface ClosedMailContext extends CustomerMailBase {
  /** Why it closed; the date is the complaint's closedAt. */
  reason: 'survey_answered' | 'no_survey_answer';
}

/** Service attitude and delays get the reference's apology letter; everything else its explanation letter. */
const APOLOGY_CATEGORIES: readonly Category[] = ['service', 'logistics'];

interface Copy {
  greeting: (name?: string) => string;
  signOff: string;
  statusLink: string;
  next: Record<OpenStep, (when: string) => string>;
  cadence: string;
  progress: {
    subject: (ticket: string) => string;
    automatic: (ticket: string, topic: string) => string;
    ownerIs: (name: string) => string;
    manual: (ticket: string, ownerName?: string) => string;
  };
  infoRequest: {
    subject: (ticket: string) => string;
    intro: (ticket: string) => string;
    answerBy: (when: string) => string;
    paused: string;
  };
  result: {
    subject: (ticket: string) => string;
    apology: (date: string, topic: string, ticket: string) => string;
    explanation: (date: string, topic: string, ticket: string) => string;
    found: string;
    remedy: string;
    remedyKind: string;
    amount: string;
    completeBy: string;
    completedOn: string;
    contact: (ticket: string, ownerName?: string) => string;
    survey: string;
    closing: string;
    regards: string;
  };
  survey: {
    subject: (ticket: string) => string;
    reminderSubject: (ticket: string) => string;
    intro: (ticket: string, topic: string) => string;
    reminderIntro: (ticket: string) => string;
    scale: string;
    notFixed: string;
    answerBy: (when: string) => string;
    closesOn: (when: string) => string;
    link: string;
  };
  reopened: {
    subject: (ticket: string) => string;
    heard: (ticket: string) => string;
    overseer: (role: string, name?: string) => string;
    followUp: (when: string) => string;
  };
  closed: {
    subject: (ticket: string) => string;
    answered: (ticket: string, when?: string) => string;
    unanswered: (ticket: string, when?: string) => string;
    comeBack: (ticket: string) => string;
  };
}

const COPY: Record<Locale, Copy> = {
  en: {
    greeting: (name) => (name ? `Dear ${name},` : 'Dear customer,'),
    signOff: 'Customer Care',
    statusLink: 'You can see where your complaint stands at any time here:',
    next: {
      await_owner: (when) => `We are assigning a named case owner, who will contact you by ${when}.`,
      await_contact: (when) => `Your case owner will contact you by ${when}.`,
      await_solution: (when) => `Next, we will work out a solution and tell you about it by ${when}.`,
      await_approval: (when) =>
        `A solution is being reviewed for approval; we aim to have your complaint resolved by ${when}.`,
      await_resolution: (when) => `We aim to have it resolved by ${when}.`,
      await_customer: (when) => `We are waiting for the information we asked you for; please send it by ${when}.`,
    },
    cadence: 'Until it is resolved, you will hear from us at least once every 24 hours.',
    progress: {
      subject: (ticket) => `An update on your complaint (${ticket})`,
      automatic: (ticket, topic) =>
        `We are still working on your ${topic} complaint ${ticket}. There is no news to report yet, but we promised not to leave you without word from us.`,
      ownerIs: (name) => `Your case owner is ${name}.`,
      manual: (ticket, ownerName) =>
        `${ownerName ? `Your case owner, ${ownerName},` : 'Your case owner'} has an update on your complaint ${ticket}:`,
    },
    infoRequest: {
      subject: (ticket) => `We need some information about your complaint (${ticket})`,
      intro: (ticket) => `To continue with your complaint ${ticket}, we need the following from you:`,
      answerBy: (when) => `Please answer by ${when} on this page:`,
      paused:
        'While we wait for your answer, the clock on your complaint is paused. If we have not heard from you by then, we will continue with the information we have.',
    },
    result: {
      subject: (ticket) => `The result of your complaint (${ticket})`,
      apology: (date, topic, ticket) =>
        `Regarding the ${topic} problem you reported on ${date} (complaint ${ticket}): we have received it and take it seriously. We are sincerely sorry for the poor experience it gave you.`,
      explanation: (date, topic, ticket) =>
        `Thank you for contacting us on ${date} about your ${topic} problem (complaint ${ticket}). We have looked into it carefully; here is what we found and what we are doing about it.`,
      found: 'What we found',
      remedy: 'What we are doing about it',
      remedyKind: 'Remedy',
      amount: 'Amount',
      completeBy: 'To be completed by',
      completedOn: 'Completed on',
      contact: (ticket, ownerName) =>
        `If anything is unclear, or the problem comes back, reply to this email quoting ${ticket}${ownerName ? `, or ask your case owner, ${ownerName}` : ''}.`,
      survey: 'We will shortly ask you how satisfied you are with how we handled it.',
      closing: 'Thank you again for your feedback. We hope to have the chance to serve you better.',
      regards: 'Kind regards,',
    },
    survey: {
      subject: (ticket) => `How did we do? Your complaint (${ticket})`,
      reminderSubject: (ticket) => `Reminder: how did we do? Your complaint (${ticket})`,
      intro: (ticket, topic) =>
        `Your ${topic} complaint ${ticket} has been resolved. Please tell us how satisfied you are.`,
      reminderIntro: (ticket) =>
        `A few days ago we asked how satisfied you are with how we handled your complaint ${ticket}. We have not heard from you yet, and your opinion matters to us.`,
      scale:
        'It takes a minute: a score from 1 (very poor) to 5 (excellent), and whether you are satisfied, basically satisfied or dissatisfied.',
      notFixed:
        'If the problem is not fixed, say so on the same page: we will reopen your complaint and a supervisor will follow it up.',
      answerBy: (when) => `Please answer by ${when}; after that we close the complaint.`,
      closesOn: (when) => `If we do not hear from you, the complaint will close automatically on ${when}.`,
      link: 'Give your answer here:',
    },
    reopened: {
      subject: (ticket) => `Your complaint has been reopened (${ticket})`,
      heard: (ticket) =>
        `We heard that you are not satisfied with how your complaint ${ticket} was handled, and we are sorry. We have reopened it with a higher priority.`,
      overseer: (role, name) => `${name ? `${name}, a ${role},` : `A ${role}`} now oversees it personally.`,
      followUp: (when) => `We will follow up with you by ${when}.`,
    },
    closed: {
      subject: (ticket) => `Your complaint is closed (${ticket})`,
      answered: (ticket, when) =>
        `Thank you for your feedback. Your complaint ${ticket} has been closed${when ? ` on ${when}` : ''}.`,
      unanswered: (ticket, when) =>
        `We did not receive an answer to our satisfaction survey, so your complaint ${ticket} has been closed as resolved${when ? ` on ${when}` : ''}.`,
      comeBack: (ticket) =>
        `If the problem comes back, reply to this email quoting ${ticket} and we will take it up again.`,
    },
  },
  'zh-CN': {
    greeting: (name) => (name ? `尊敬的${name}：` : '尊敬的客户：'),
    signOff: '客户关怀中心',
    statusLink: '您可以随时通过以下链接查看处理进度：',
    next: {
      await_owner: (when) => `我们正在为您指派专属负责人，负责人将在 ${when} 前与您联系。`,
      await_contact: (when) => `您的专属负责人将在 ${when} 前与您联系。`,
      await_solution: (when) => `接下来，我们将制定解决方案，并在 ${when} 前告知您。`,
      await_approval: (when) => `解决方案正在审批中，我们力争在 ${when} 前为您解决。`,
      await_resolution: (when) => `我们力争在 ${when} 前为您解决。`,
      await_customer: (when) => `我们正在等待您补充所需信息，请在 ${when} 前提供。`,
    },
    cadence: '在问题解决之前，我们至少每 24 小时向您通报一次进展。',
    progress: {
      subject: (ticket) => `您的投诉处理进展（编号 ${ticket}）`,
      automatic: (ticket, topic) =>
        `我们仍在处理您关于${topic}的投诉（编号 ${ticket}）。目前暂无新的进展，但我们承诺不会让您久等而无音讯，特此向您通报。`,
      ownerIs: (name) => `您的专属负责人是${name}。`,
      manual: (ticket, ownerName) => `您的专属负责人${ownerName ?? ''}就您的投诉（编号 ${ticket}）向您通报最新进展：`,
    },
    infoRequest: {
      subject: (ticket) => `请补充您的投诉信息（编号 ${ticket}）`,
      intro: (ticket) => `为继续处理您的投诉（编号 ${ticket}），我们需要您补充以下信息：`,
      answerBy: (when) => `请在 ${when} 前通过以下页面回复：`,
      paused: '在等待您回复期间，处理时限暂停计算；如届时仍未收到您的回复，我们将根据现有信息继续处理。',
    },
    result: {
      subject: (ticket) => `您的投诉处理结果（编号 ${ticket}）`,
      apology: (date, topic, ticket) =>
        `您好！关于您于${date}反馈的${topic}问题（投诉编号 ${ticket}），我们已收悉并高度重视。对于此次给您带来的不佳体验，我们深表歉意。`,
      explanation: (date, topic, ticket) =>
        `您好！感谢您于${date}就${topic}问题（投诉编号 ${ticket}）与我们联系。我们已认真核查，现将核查结果及处理方案告知如下。`,
      found: '核查结果',
      remedy: '处理方案',
      remedyKind: '处理方式',
      amount: '金额',
      completeBy: '预计完成时间',
      completedOn: '完成时间',
      contact: (ticket, ownerName) =>
        `如有任何疑问或问题再次出现，请直接回复本邮件并注明编号 ${ticket}${ownerName ? `，或联系您的专属负责人${ownerName}` : ''}。`,
      survey: '稍后我们将邀请您对本次处理进行评价。',
      closing: '再次感谢您的监督与反馈，期待能有机会为您提供更好的服务体验！',
      regards: '顺祝商祺！',
    },
    survey: {
      subject: (ticket) => `请您评价本次投诉处理（编号 ${ticket}）`,
      reminderSubject: (ticket) => `提醒：请您评价本次投诉处理（编号 ${ticket}）`,
      intro: (ticket, topic) => `您关于${topic}的投诉（编号 ${ticket}）已处理完毕，请告诉我们您是否满意。`,
      reminderIntro: (ticket) =>
        `日前我们邀请您对投诉（编号 ${ticket}）的处理进行评价，目前尚未收到您的反馈。您的意见对我们非常重要。`,
      scale: '只需一分钟：从 1（很差）到 5（很好）打分，并选择“满意”、“基本满意”或“不满意”。',
      notFixed: '如问题仍未解决，请在同一页面告诉我们，我们将重新处理您的投诉，并由主管跟进。',
      answerBy: (when) => `请在 ${when} 前完成评价，届时我们将结案。`,
      closesOn: (when) => `如未收到您的评价，该投诉将于 ${when} 自动结案。`,
      link: '请在此处评价：',
    },
    reopened: {
      subject: (ticket) => `您的投诉已重新处理（编号 ${ticket}）`,
      heard: (ticket) =>
        `我们获悉您对投诉（编号 ${ticket}）的处理结果不满意，对此深表歉意。我们已提高优先级，重新处理您的投诉。`,
      overseer: (role, name) => `现由${role}${name ?? ''}亲自督办。`,
      followUp: (when) => `我们将在 ${when} 前再次与您跟进。`,
    },
    closed: {
      subject: (ticket) => `您的投诉已结案（编号 ${ticket}）`,
      answered: (ticket, when) => `感谢您的评价。您的投诉（编号 ${ticket}）已${when ? `于 ${when} ` : ''}结案。`,
      unanswered: (ticket, when) =>
        `我们未收到您的满意度评价，您的投诉（编号 ${ticket}）已${when ? `于 ${when} ` : ''}按已解决结案。`,
      comeBack: (ticket) => `如问题再次出现，请回复本邮件并注明编号 ${ticket}，我们将重新为您处理。`,
    },
  },
};

function customerMail(complaint: Complaint, kind: string, subject: string, blocks: Block[]): OutgoingMail {
  const locale = complaint.customer.locale;
  const letter = renderLetter(locale, [{ p: COPY[locale].greeting(complaint.customer.name) }, ...blocks]);
  return {
    to: complaint.customer.email!,
    subject,
    ...letter,
    tags: { kind, ticket: complaint.ticketNumber },
  };
}

function localeOf(complaint: Complaint) {
  const locale = complaint.customer.locale;
  return {
    locale,
    copy: COPY[locale],
    topic: CATEGORY_LABELS[complaint.category][locale],
    ticket: complaint.ticketNumber,
  };
}

/** The 24-hour progress mail: the owner's update, or (when the owner wrote none) an honest "still working on it". */
export function progressMail(ctx: ProgressMailContext): OutgoingMail {
  const { complaint, timezone, statusUrl, ownerName } = ctx;
  const { locale, copy, topic, ticket } = localeOf(complaint);
  const next = nextPromise(complaint);
  const update: Block[] = ctx.automatic
    ? [{ p: copy.progress.automatic(ticket, topic) }, ...(ownerName ? [{ p: copy.progress.ownerIs(ownerName) }] : [])]
    : [{ p: copy.progress.manual(ticket, ownerName) }, { quote: ctx.message }];
  return customerMail(complaint, 'progress', copy.progress.subject(ticket), [
    ...update,
    { p: copy.next[next.step](formatInstant(next.by, locale, timezone)) },
    { p: copy.cadence },
    { link: statusUrl, label: copy.statusLink },
    { p: copy.signOff },
  ]);
}

/** The owner needs evidence or details: the question, where to answer, and until when the clock waits. */
export function infoRequestMail({
  complaint,
  question,
  replyUrl,
  limitAt,
  timezone,
}: InfoRequestMailContext): OutgoingMail {
  const { locale, copy, ticket } = localeOf(complaint);
  return customerMail(complaint, 'info_request', copy.infoRequest.subject(ticket), [
    { p: copy.infoRequest.intro(ticket) },
    { quote: question },
    { link: replyUrl, label: copy.infoRequest.answerBy(formatInstant(limitAt, locale, timezone)) },
    { p: copy.infoRequest.paused },
    { p: copy.signOff },
  ]);
}

/**
 * The result letter, after the reference's templates: the date of the complaint and its topic,
 * what we found, the remedy with its timing, how to reach us, the sign-off and the letter's date.
 * Service and delivery complaints open with the apology letter's words.
 */
export function resultMail(ctx: ResultMailContext): OutgoingMail {
  const { complaint, summary, statusUrl, sentAt, remedyBy, ownerName, timezone } = ctx;
  const { locale, copy, topic, ticket } = localeOf(complaint);
  const r = copy.result;
  const receivedOn = formatDate(complaint.receivedAt, locale, timezone);
  const opening = APOLOGY_CATEGORIES.includes(complaint.category) ? r.apology : r.explanation;
  const { solution } = complaint;
  const dated = sentAt ?? complaint.resolvedAt;
  const facts: [string, string][] = [];
  if (solution?.remedy) facts.push([r.remedyKind, REMEDY_LABELS[solution.remedy][locale]]);
  if (solution?.amount !== undefined) facts.push([r.amount, formatAmount(solution.amount, locale)]);
  if (remedyBy) facts.push([r.completeBy, formatInstant(remedyBy, locale, timezone)]);
  else if (complaint.resolvedAt) facts.push([r.completedOn, formatInstant(complaint.resolvedAt, locale, timezone)]);
  const remedy: Block[] = [
    ...(solution ? [{ quote: solution.summary }] : []),
    ...(facts.length > 0 ? [{ facts }] : []),
  ];
  return customerMail(complaint, 'result', r.subject(ticket), [
    { p: opening(receivedOn, topic, ticket) },
    { heading: r.found },
    { quote: summary },
    ...(remedy.length > 0 ? [{ heading: r.remedy }, ...remedy] : []),
    { p: r.contact(ticket, ownerName) },
    { link: statusUrl, label: copy.statusLink },
    { p: r.survey },
    { p: r.closing },
    { p: r.regards },
    { p: copy.signOff },
    ...(dated ? [{ p: formatDate(dated, locale, timezone) }] : []),
  ]);
}

/** The satisfaction survey: a 1-5 score and satisfied / basically satisfied / dissatisfied, answered on the survey page. */
export function surveyMail(ctx: SurveyMailContext): OutgoingMail {
  return surveyLetter(ctx, false);
}

/** The survey reminder, two working days on: the same question, and the date it closes without an answer. */
export function surveyReminderMail(ctx: SurveyReminderMailContext): OutgoingMail {
  return surveyLetter(ctx, true);
}

function surveyLetter(
  { complaint, surveyUrl, closesAt, timezone }: SurveyMailContext,
  reminder: boolean,
): OutgoingMail {
  const { locale, copy, topic, ticket } = localeOf(complaint);
  const s = copy.survey;
  const closes = closesAt && formatInstant(closesAt, locale, timezone);
  return customerMail(
    complaint,
    reminder ? 'survey_reminder' : 'survey',
    reminder ? s.reminderSubject(ticket) : s.subject(ticket),
    [
      { p: reminder ? s.reminderIntro(ticket) : s.intro(ticket, topic) },
      { p: s.scale },
      { p: s.notFixed },
      { link: surveyUrl, label: s.link },
      ...(closes ? [{ p: reminder ? s.closesOn(closes) : s.answerBy(closes) }] : []),
      { p: copy.signOff },
    ],
  );
}

/** A dissatisfied answer reopened the complaint: who now oversees it, and by when we follow up. */
export function reopenedMail({
  complaint,
  statusUrl,
  followUpBy,
  overseerName,
  timezone,
}: ReopenedMailContext): OutgoingMail {
  const { locale, copy, ticket } = localeOf(complaint);
  // The ladder of PRODUCT.md: a supervisor after the first reopen, a manager after the second.
  const role = ESCALATION_ROLE_LABELS[(complaint.reopenCount ?? 1) >= 2 ? 'manager' : 'supervisor'][locale];
  return customerMail(complaint, 'reopened', copy.reopened.subject(ticket), [
    { p: copy.reopened.heard(ticket) },
    { p: copy.reopened.overseer(role, overseerName) },
    { p: copy.reopened.followUp(formatInstant(followUpBy, locale, timezone)) },
    { link: statusUrl, label: copy.statusLink },
    { p: copy.signOff },
  ]);
}

/** The last word: closed after the survey, or without an answer. */
export function closedMail({ complaint, reason, timezone }: ClosedMailContext): OutgoingMail {
  const { locale, copy, ticket } = localeOf(complaint);
  const when = complaint.closedAt && formatInstant(complaint.closedAt, locale, timezone);
  return customerMail(complaint, 'closed', copy.closed.subject(ticket), [
    { p: reason === 'survey_answered' ? copy.closed.answered(ticket, when) : copy.closed.unanswered(ticket, when) },
    { p: copy.closed.comeBack(ticket) },
    { p: copy.signOff },
  ]);
}
