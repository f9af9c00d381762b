import { ESCALATION_ROLE_LABELS, formatAmount, formatDate, formatInstant, REMEDY_LABELS } from '../i18n/labels.js';
import type { Category, Complaint, Locale } from '../model/complaint.js';
import type { OutgoingMail } from '../ports/index.js';
import { CASE_NOUNS, type CaseKind, caseKind, topicOf } from './case-kind.js';
import { evidenceBlocks, fixBlocks } from './fix-notice.js';
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
    /**
     * The owner's own update, shown as written. A `letter` (started from a template of
     * shared/templates/staff-letters.ts) has its own greeting and sign-off: it is sent as it is, with
     * only the status link after it, so the customer does not read two salutations.
     */
    | { automatic: false; message: string; letter?: boolean }
  );

export interface InfoRequestMailContext extends CustomerMailBase {
  question: string;
  /** Where the customer answers (the status page). */
  replyUrl: string;
  /** Until when the clock waits for the answer. */
  limitAt: string;
}

export interface ResultMailContext extends CustomerMailBase {
  /** What has been done, or the answer given: the resolution summary. */
  summary: string;
  /** ISO 4217 code of the solution's amount; the default policy's (CNY) when not given. */
  currency?: string;
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

/** `closesAt` absent: the closing rule waits for the customer's answer (policy `workflow.closing`). */
export type SurveyReminderMailContext = SurveyMailContext;

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

/** Service attitude and delays get the reference's apology letter; other complaints its explanation letter. */
const APOLOGY_CATEGORIES: readonly Category[] = ['service', 'logistics'];

/** "your billing complaint 202611-0042" / "您关于账单费用的投诉（编号 202611-0042）": the case as a letter names it. */
interface Case {
  kind: CaseKind;
  noun: string;
  topic?: string;
  ticket: string;
}

interface Copy {
  greeting: (name?: string) => string;
  signOff: string;
  statusLink: string;
  yours: (c: Case) => string;
  next: Record<OpenStep, (when: string, kind: CaseKind) => string>;
  cadence: string;
  progress: {
    subject: (c: Case) => string;
    automatic: (c: Case) => string;
    ownerIs: (name: string) => string;
    manual: (c: Case, ownerName?: string) => string;
  };
  infoRequest: {
    subject: (c: Case) => string;
    intro: (c: Case) => string;
    answerBy: (when: string) => string;
    paused: (c: Case) => string;
  };
  result: {
    subject: Record<CaseKind, (ticket: string) => string>;
    /** The reference's apology letter (003, template 1): service attitude and delays. */
    apology: (date: string, c: Case) => string;
    /** Its explanation-and-resolution letter (003, template 2): product and billing disputes. */
    explanation: (date: string, c: Case) => string;
    /** A question is answered and a suggestion thanked for, not apologised for. */
    question: (date: string, c: Case) => string;
    suggestion: (date: string, c: Case) => string;
    solution: string;
    outcome: Record<CaseKind, string>;
    remedyKind: string;
    amount: string;
    completeBy: string;
    completedOn: string;
    contact: Record<CaseKind, (ticket: string, ownerName?: string) => string>;
    survey: Record<CaseKind, string>;
    closing: Record<CaseKind, string>;
    regards: string;
  };
  survey: {
    subject: (c: Case) => string;
    reminderSubject: (c: Case) => string;
    intro: (c: Case) => string;
    reminderIntro: (c: Case) => string;
    scale: string;
    /** The score links: each opens the survey with that score chosen; nothing is recorded until it is sent. */
    pickScore: string;
    scores: Record<SurveyScore, string>;
    notFixed: Record<CaseKind, string>;
    answerBy: (when: string, c: Case) => string;
    closesOn: (when: string, c: Case) => string;
    link: string;
  };
  reopened: {
    subject: (c: Case) => string;
    heard: (c: Case) => string;
    overseer: (role: string, name?: string) => string;
    followUp: (when: string) => string;
  };
  merged: {
    subject: (c: Case, into: string) => string;
    body: (c: Case, into: string) => string;
    replies: string;
  };
  closed: {
    subject: (c: Case) => string;
    answered: (c: Case, when?: string) => string;
    unanswered: (c: Case, when?: string) => string;
    comeBack: (ticket: string) => string;
  };
}

const EN_DONE: Record<CaseKind, string> = { complaint: 'resolved', question: 'answered', suggestion: 'answered' };
const ZH_HANDLING: Record<CaseKind, string> = { complaint: '投诉处理', question: '咨询答复', suggestion: '建议答复' };

const COPY: Record<Locale, Copy> = {
  en: {
    greeting: (name) => (name ? `Dear ${name},` : 'Dear customer,'),
    signOff: 'Customer Care',
    statusLink: 'You can see where your case stands at any time here:',
    yours: ({ noun, topic, ticket }) => `your ${topic ? `${topic} ` : ''}${noun} ${ticket}`,
    next: {
      await_owner: (when) => `We are assigning a named case owner, who will contact you by ${when}.`,
      await_contact: (when) => `Your case owner will contact you by ${when}.`,
      await_solution: (when) => `Next, we will work out a solution and tell you about it by ${when}.`,
      await_approval: (when) => `A solution is being reviewed for approval; we aim to have it resolved by ${when}.`,
      await_acceptance: (when) =>
        `We have proposed a solution and are waiting for your answer to it; once you accept it, we aim to have it resolved by ${when}.`,
      await_resolution: (when, kind) =>
        kind === 'complaint' ? `We aim to have it resolved by ${when}.` : `We aim to answer it by ${when}.`,
      await_customer: (when) => `We are waiting for the information we asked you for; please send it by ${when}.`,
      // The customer hears nothing of the plan before legal has passed it: only that one is being checked.
      await_legal: (when) => `A solution is being reviewed; we aim to have it resolved by ${when}.`,
    },
    cadence: 'Until it is settled, you will hear from us at least once every 24 hours.',
    progress: {
      subject: ({ noun, ticket }) => `An update on your ${noun} (${ticket})`,
      automatic: (c) =>
        `We are still working on ${COPY.en.yours(c)}. There is no news to report yet, but we promised not to leave you without word from us.`,
      ownerIs: (name) => `Your case owner is ${name}.`,
      manual: ({ noun, ticket }, ownerName) =>
        `${ownerName ? `Your case owner, ${ownerName},` : 'Your case owner'} has an update on your ${noun} ${ticket}:`,
    },
    infoRequest: {
      subject: ({ noun, ticket }) => `We need some information about your ${noun} (${ticket})`,
      intro: ({ noun, ticket }) => `To continue with your ${noun} ${ticket}, we need the following from you:`,
      answerBy: (when) => `Please answer by ${when} on this page:`,
      paused: ({ noun }) =>
        `While we wait for your answer, the clock on your ${noun} is paused. If we have not heard from you by then, we will continue with the information we have.`,
    },
    result: {
      subject: {
        complaint: (ticket) => `The result of your complaint (${ticket})`,
        question: (ticket) => `Our answer to your question (${ticket})`,
        suggestion: (ticket) => `Our reply to your suggestion (${ticket})`,
      },
      apology: (date, { topic, ticket }) =>
        `Regarding the ${topic ? `${topic} ` : ''}problem you reported on ${date} (complaint ${ticket}): we have received it and take it seriously. We are sincerely sorry for the poor experience it gave you.`,
      explanation: (date, { topic, ticket }) =>
        `Thank you for contacting us on ${date} about ${topic ? `your ${topic} problem` : 'the problem you reported'} (complaint ${ticket}). We are sorry for the trouble it has caused you. We have looked into it carefully; here is the solution and what we have done.`,
      question: (date, { topic, ticket }) =>
        `Thank you for your question of ${date}${topic ? ` about ${topic}` : ''} (reference ${ticket}). Here is our answer.`,
      suggestion: (date, { ticket }) =>
        `Thank you for the suggestion you sent us on ${date} (reference ${ticket}). We have passed it on to the team concerned; here is our reply.`,
      solution: 'Our solution',
      outcome: { complaint: 'What we have done', question: 'Our answer', suggestion: 'Our reply' },
      remedyKind: 'Remedy',
      amount: 'Amount',
      completeBy: 'To be completed by',
      completedOn: 'Completed on',
      contact: {
        complaint: (ticket, ownerName) =>
          `If anything is unclear, or the problem comes back, reply to this email quoting ${ticket}${ownerName ? `, or ask your case owner, ${ownerName}` : ''}.`,
        question: (ticket, ownerName) =>
          `If anything is still unclear, reply to this email quoting ${ticket}${ownerName ? `, or ask your case owner, ${ownerName}` : ''}.`,
        suggestion: (ticket, ownerName) =>
          `If you would like to tell us more, reply to this email quoting ${ticket}${ownerName ? `, or write to your case owner, ${ownerName}` : ''}.`,
      },
      survey: {
        complaint: 'We will shortly ask you how satisfied you are with how we handled it.',
        question: 'We will shortly ask you whether our answer helped.',
        suggestion: 'We will shortly ask you how satisfied you are with our reply.',
      },
      closing: {
        complaint: 'Thank you again for your feedback. We hope to have the chance to serve you better.',
        question: 'Thank you for getting in touch. We are glad to help whenever you need us.',
        suggestion: 'Thank you for helping us improve.',
      },
      regards: 'Kind regards,',
    },
    survey: {
      subject: ({ noun, ticket }) => `How did we do? Your ${noun} (${ticket})`,
      reminderSubject: ({ noun, ticket }) => `Reminder: how did we do? Your ${noun} (${ticket})`,
      intro: (c) =>
        `${capitalise(COPY.en.yours(c))} has been ${EN_DONE[c.kind]}. Please tell us how satisfied you are.`,
      reminderIntro: ({ noun, ticket }) =>
        `A few days ago we asked how satisfied you are with how we handled your ${noun} ${ticket}. We have not heard from you yet, and your opinion matters to us.`,
      scale:
        'It takes a minute: a score from 1 (very poor) to 5 (excellent), and whether you are satisfied, basically satisfied or dissatisfied.',
      pickScore:
        'Pick your score below: the survey page opens with it chosen, and nothing is recorded until you press “Send my answer” there.',
      scores: { 1: '1 (very poor)', 2: '2 (poor)', 3: '3 (fair)', 4: '4 (good)', 5: '5 (excellent)' },
      notFixed: {
        complaint:
          'If the problem is not fixed, say so on the same page: we will reopen your complaint and a supervisor will follow it up.',
        question:
          'If our answer did not help, say so on the same page: we will reopen your question and a supervisor will follow it up.',
        suggestion: 'If you are not satisfied with our reply, say so on the same page: a supervisor will follow it up.',
      },
      answerBy: (when, { noun }) => `Please answer by ${when}; after that we close the ${noun}.`,
      closesOn: (when, { noun }) => `If we do not hear from you, the ${noun} will close automatically on ${when}.`,
      link: 'Give your answer here:',
    },
    reopened: {
      subject: ({ noun, ticket }) => `Your ${noun} has been reopened (${ticket})`,
      heard: ({ noun, ticket }) =>
        `We heard that you are not satisfied with how your ${noun} ${ticket} was handled, and we are sorry. We have reopened it with a higher priority.`,
      overseer: (role, name) => `${name ? `${name}, a ${role},` : `A ${role}`} now oversees it personally.`,
      followUp: (when) => `We will follow up with you by ${when}.`,
    },
    merged: {
      subject: ({ noun, ticket }, into) => `Your ${noun} ${ticket} is now handled with ${into}`,
      body: ({ noun, ticket }, into) =>
        `Your ${noun} ${ticket} is about the same matter as ${into}. So that you get one answer from one person, we now handle both under ${into}; there is nothing you need to do.`,
      replies: 'A reply to any of our emails about either reaches the same person.',
    },
    closed: {
      subject: ({ noun, ticket }) => `Your ${noun} is closed (${ticket})`,
      answered: ({ noun, ticket }, when) =>
        `Thank you for your feedback. Your ${noun} ${ticket} has been closed${when ? ` on ${when}` : ''}.`,
      unanswered: ({ noun, ticket }, when) =>
        `We did not receive an answer to our satisfaction survey, so your ${noun} ${ticket} has been closed as ${EN_DONE.complaint}${when ? ` on ${when}` : ''}.`,
      comeBack: (ticket) =>
        `If the matter comes back, reply to this email quoting ${ticket} and we will take it up again.`,
    },
  },
  'zh-CN': {
    greeting: (name) => (name ? `尊敬的${name}：` : '尊敬的客户：'),
    signOff: '客户关怀中心',
    statusLink: '您可以随时通过以下链接查看处理进度：',
    yours: ({ noun, topic, ticket }) => `${topic ? `您关于${topic}的` : '您的'}${noun}（编号 ${ticket}）`,
    next: {
      await_owner: (when) => `我们正在为您指派专属负责人，负责人将在 ${when} 前与您联系。`,
      await_contact: (when) => `您的专属负责人将在 ${when} 前与您联系。`,
      await_solution: (when) => `接下来，我们将制定解决方案，并在 ${when} 前告知您。`,
      await_approval: (when) => `解决方案正在审批中，我们力争在 ${when} 前为您解决。`,
      await_acceptance: (when) => `我们已向您提出解决方案，正在等待您的答复；您同意后，我们力争在 ${when} 前为您解决。`,
      await_resolution: (when, kind) =>
        kind === 'complaint' ? `我们力争在 ${when} 前为您解决。` : `我们力争在 ${when} 前答复您。`,
      await_customer: (when) => `我们正在等待您补充所需信息，请在 ${when} 前提供。`,
      await_legal: (when) => `解决方案正在审核中，我们力争在 ${when} 前为您解决。`,
    },
    cadence: '在处理完毕之前，我们至少每 24 小时向您通报一次进展。',
    progress: {
      subject: ({ noun, ticket }) => `您的${noun}处理进展（编号 ${ticket}）`,
      automatic: (c) =>
        `我们仍在处理${COPY['zh-CN'].yours(c)}。目前暂无新的进展，但我们承诺不会让您久等而无音讯，特此向您通报。`,
      ownerIs: (name) => `您的专属负责人是${name}。`,
      manual: ({ noun, ticket }, ownerName) =>
        `您的专属负责人${ownerName ?? ''}就您的${noun}（编号 ${ticket}）向您通报最新进展：`,
    },
    infoRequest: {
      subject: ({ noun, ticket }) => `请补充您的${noun}信息（编号 ${ticket}）`,
      intro: ({ noun, ticket }) => `为继续处理您的${noun}（编号 ${ticket}），我们需要您补充以下信息：`,
      answerBy: (when) => `请在 ${when} 前通过以下页面回复：`,
      paused: () => '在等待您回复期间，处理时限暂停计算；如届时仍未收到您的回复，我们将根据现有信息继续处理。',
    },
    result: {
      subject: {
        complaint: (ticket) => `您的投诉处理结果（编号 ${ticket}）`,
        question: (ticket) => `您的咨询答复（编号 ${ticket}）`,
        suggestion: (ticket) => `您的建议答复（编号 ${ticket}）`,
      },
      apology: (date, { topic, ticket }) =>
        `您好！关于您于${date}反馈的${topic ?? ''}问题（投诉编号 ${ticket}），我们已收悉并高度重视。对于此次给您带来的不佳体验，我们深表歉意。`,
      explanation: (date, { topic, ticket }) =>
        `您好！感谢您于${date}就${topic ? `${topic}问题` : '您反馈的问题'}（投诉编号 ${ticket}）与我们联系。给您带来的不便，我们深表歉意。我们已认真核查，现将处理方案及处理结果告知如下。`,
      question: (date, { topic, ticket }) =>
        `您好！感谢您于${date}就${topic ? `${topic}方面的问题` : '您关心的问题'}（编号 ${ticket}）向我们咨询，现答复如下。`,
      suggestion: (date, { ticket }) =>
        `您好！感谢您于${date}向我们提出宝贵建议（编号 ${ticket}）。我们已转交相关团队研究，现答复如下。`,
      solution: '处理方案',
      outcome: { complaint: '处理结果', question: '答复内容', suggestion: '答复内容' },
      remedyKind: '处理方式',
      amount: '金额',
      completeBy: '预计完成时间',
      completedOn: '完成时间',
      contact: {
        complaint: (ticket, ownerName) =>
          `如有任何疑问或问题再次出现，请直接回复本邮件并注明编号 ${ticket}${ownerName ? `，或联系您的专属负责人${ownerName}` : ''}。`,
        question: (ticket, ownerName) =>
          `如仍有疑问，请直接回复本邮件并注明编号 ${ticket}${ownerName ? `，或联系您的专属负责人${ownerName}` : ''}。`,
        suggestion: (ticket, ownerName) =>
          `如您还有其他想法，欢迎直接回复本邮件并注明编号 ${ticket}${ownerName ? `，或联系您的专属负责人${ownerName}` : ''}。`,
      },
      survey: {
        complaint: '稍后我们将邀请您对本次处理进行评价。',
        question: '稍后我们将邀请您对本次答复进行评价。',
        suggestion: '稍后我们将邀请您对本次答复进行评价。',
      },
      closing: {
        complaint: '再次感谢您的监督与反馈，期待能有机会为您提供更好的服务体验！',
        question: '感谢您的来信，期待继续为您服务！',
        suggestion: '感谢您帮助我们不断改进！',
      },
      regards: '顺祝商祺！',
    },
    survey: {
      subject: ({ kind, ticket }) => `请您评价本次${ZH_HANDLING[kind]}（编号 ${ticket}）`,
      reminderSubject: ({ kind, ticket }) => `提醒：请您评价本次${ZH_HANDLING[kind]}（编号 ${ticket}）`,
      // 003, step 5: the follow-up call's words.
      intro: ({ kind, topic, ticket }) =>
        kind === 'complaint'
          ? `您好！关于您之前反馈的${topic ?? ''}问题（编号 ${ticket}），已确认处理完成。想了解一下您对本次处理过程和结果是否满意？如有其他建议，欢迎随时告诉我们。`
          : `您好！关于您之前的${kind === 'question' ? '咨询' : '建议'}（编号 ${ticket}），我们已作答复。想了解一下您对本次答复是否满意？如有其他建议，欢迎随时告诉我们。`,
      reminderIntro: ({ noun, ticket }) =>
        `日前我们邀请您对${noun}（编号 ${ticket}）的处理进行评价，目前尚未收到您的反馈。您的意见对我们非常重要。`,
      scale: '只需一分钟：从 1（很差）到 5（很好）打分，并选择“满意”、“基本满意”或“不满意”。',
      pickScore: '请点击下方的分数：评价页面打开时已选好该分数，在页面上点击“提交评价”后才会记录。',
      scores: { 1: '1 分（很差）', 2: '2 分（较差）', 3: '3 分（一般）', 4: '4 分（较好）', 5: '5 分（很好）' },
      notFixed: {
        complaint: '如问题仍未解决，请在同一页面告诉我们，我们将重新处理您的投诉，并由主管跟进。',
        question: '如本次答复未能解决您的疑问，请在同一页面告诉我们，我们将重新处理，并由主管跟进。',
        suggestion: '如您对本次答复不满意，请在同一页面告诉我们，我们将由主管跟进。',
      },
      answerBy: (when) => `请在 ${when} 前完成评价，届时我们将结案。`,
      closesOn: (when, { noun }) => `如未收到您的评价，该${noun}将于 ${when} 自动结案。`,
      link: '请在此处评价：',
    },
    reopened: {
      subject: ({ noun, ticket }) => `您的${noun}已重新处理（编号 ${ticket}）`,
      heard: ({ noun, ticket }) =>
        `我们获悉您对${noun}（编号 ${ticket}）的处理结果不满意，对此深表歉意。我们已提高优先级，重新处理您的${noun}。`,
      overseer: (role, name) => `现由${role}${name ?? ''}亲自督办。`,
      followUp: (when) => `我们将在 ${when} 前再次与您跟进。`,
    },
    merged: {
      subject: ({ noun, ticket }, into) => `您的${noun}（编号 ${ticket}）已并入 ${into} 一并处理`,
      body: ({ noun, ticket }, into) =>
        `您的${noun}（编号 ${ticket}）与 ${into} 反映的是同一问题。为了由同一位专员给您一个统一的答复，我们已将两者合并在 ${into} 下处理，您无需做任何操作。`,
      replies: '回复我们关于其中任一编号的邮件，都会送达同一位专员。',
    },
    closed: {
      subject: ({ noun, ticket }) => `您的${noun}已结案（编号 ${ticket}）`,
      answered: ({ noun, ticket }, when) =>
        `感谢您的评价。您的${noun}（编号 ${ticket}）已${when ? `于 ${when} ` : ''}结案。`,
      unanswered: ({ noun, ticket }, when) =>
        `我们未收到您的满意度评价，您的${noun}（编号 ${ticket}）已${when ? `于 ${when} ` : ''}按已解决结案。`,
      comeBack: (ticket) => `如问题再次出现，请回复本邮件并注明编号 ${ticket}，我们将重新为您处理。`,
    },
  },
};

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function customerMail(
  complaint: Complaint,
  kind: string,
  subject: string,
  blocks: Block[],
  { greet = true }: { greet?: boolean } = {},
): OutgoingMail {
  const locale = complaint.customer.locale;
  const greeting: Block[] = greet ? [{ p: COPY[locale].greeting(complaint.customer.name) }] : [];
  const letter = renderLetter(locale, [...greeting, ...blocks]);
  return {
    to: complaint.customer.email!,
    subject,
    ...letter,
    tags: { kind, ticket: complaint.ticketNumber },
    complaintId: complaint.id,
    audience: 'customer',
  };
}

export function localeOf(complaint: Complaint) {
  const locale = complaint.customer.locale;
  const kind = caseKind(complaint);
  const c: Case = {
    kind,
    noun: CASE_NOUNS[kind][locale],
    topic: topicOf(complaint, locale),
    ticket: complaint.ticketNumber,
  };
  return { locale, copy: COPY[locale], c, ticket: complaint.ticketNumber };
}

/** The 24-hour progress mail: the owner's update, or (when the owner wrote none) an honest "still working on it". */
export function progressMail(ctx: ProgressMailContext): OutgoingMail {
  const { complaint, timezone, statusUrl, ownerName } = ctx;
  const { locale, copy, c } = localeOf(complaint);
  if (!ctx.automatic && ctx.letter) {
    return customerMail(
      complaint,
      'progress',
      copy.progress.subject(c),
      [{ quote: ctx.message }, { link: statusUrl, label: copy.statusLink }],
      { greet: false },
    );
  }
  const next = nextPromise(complaint);
  const update: Block[] = ctx.automatic
    ? [{ p: copy.progress.automatic(c) }, ...(ownerName ? [{ p: copy.progress.ownerIs(ownerName) }] : [])]
    : [{ p: copy.progress.manual(c, ownerName) }, { quote: ctx.message }];
  return customerMail(complaint, 'progress', copy.progress.subject(c), [
    ...update,
    { p: copy.next[next.step](formatInstant(next.by, locale, timezone), c.kind) },
    ...fixBlocks(complaint),
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
  const { locale, copy, c } = localeOf(complaint);
  return customerMail(complaint, 'info_request', copy.infoRequest.subject(c), [
    { p: copy.infoRequest.intro(c) },
    { quote: question },
    { link: replyUrl, label: copy.infoRequest.answerBy(formatInstant(limitAt, locale, timezone)) },
    { p: copy.infoRequest.paused(c) },
    { p: copy.signOff },
  ]);
}

/**
 * The result letter, after the reference's templates (003): the date the customer wrote and the
 * topic; the solution with its remedy, amount and timing; what has been done (the resolution);
 * how to reach us; the sign-off and the letter's date. A complaint is apologised for (service
 * and delays in the apology letter's words, the rest in the explanation letter's), a question
 * is answered and a suggestion thanked for.
 */
export function resultMail(ctx: ResultMailContext): OutgoingMail {
  const { complaint, summary, statusUrl, sentAt, remedyBy, ownerName, timezone } = ctx;
  const { locale, copy, c } = localeOf(complaint);
  const r = copy.result;
  const receivedOn = formatDate(complaint.receivedAt, locale, timezone);
  const opening =
    c.kind !== 'complaint' ? r[c.kind] : APOLOGY_CATEGORIES.includes(complaint.category) ? r.apology : r.explanation;
  const { solution } = complaint;
  const dated = sentAt ?? complaint.resolvedAt;
  const terms: [string, string][] = [];
  if (solution?.remedy) terms.push([r.remedyKind, REMEDY_LABELS[solution.remedy][locale]]);
  if (solution?.amount !== undefined) terms.push([r.amount, formatAmount(solution.amount, locale, ctx.currency)]);
  if (remedyBy) terms.push([r.completeBy, formatInstant(remedyBy, locale, timezone)]);
  const done: [string, string][] =
    !remedyBy && complaint.resolvedAt && c.kind === 'complaint'
      ? [[r.completedOn, formatInstant(complaint.resolvedAt, locale, timezone)]]
      : [];
  const proposal: Block[] = [
    ...(solution ? [{ quote: solution.summary }] : []),
    ...(terms.length > 0 ? [{ facts: terms }] : []),
  ];
  return customerMail(complaint, 'result', r.subject[c.kind](c.ticket), [
    { p: opening(receivedOn, c) },
    ...(proposal.length > 0 ? [{ heading: r.solution }, ...proposal] : []),
    { heading: r.outcome[c.kind] },
    { quote: summary },
    ...(done.length > 0 ? [{ facts: done }] : []),
    ...evidenceBlocks(complaint),
    ...fixBlocks(complaint),
    { p: r.contact[c.kind](c.ticket, ownerName) },
    { link: statusUrl, label: copy.statusLink },
    { p: r.survey[c.kind] },
    { p: r.closing[c.kind] },
    { p: r.regards },
    { p: copy.signOff },
    ...(dated ? [{ p: formatDate(dated, locale, timezone) }] : []),
  ]);
}

const SURVEY_SCORES = [1, 2, 3, 4, 5] as const;
type SurveyScore = (typeof SURVEY_SCORES)[number];

/** The survey page with a score chosen (`?score=4`): the page only preselects it, so a scanner that opens every link answers nothing. */
export function surveyScoreUrl(surveyUrl: string, score: SurveyScore): string {
  const url = new URL(surveyUrl);
  url.searchParams.set('score', String(score));
  return url.toString();
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
  const { locale, copy, c } = localeOf(complaint);
  const s = copy.survey;
  const closes = closesAt && formatInstant(closesAt, locale, timezone);
  return customerMail(
    complaint,
    reminder ? 'survey_reminder' : 'survey',
    reminder ? s.reminderSubject(c) : s.subject(c),
    [
      { p: reminder ? s.reminderIntro(c) : s.intro(c) },
      { p: s.scale },
      { p: s.pickScore },
      { choices: SURVEY_SCORES.map((score) => ({ link: surveyScoreUrl(surveyUrl, score), label: s.scores[score] })) },
      { p: s.notFixed[c.kind] },
      { link: surveyUrl, label: s.link },
      ...(closes ? [{ p: reminder ? s.closesOn(closes, c) : s.answerBy(closes, c) }] : []),
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
  const { locale, copy, c } = localeOf(complaint);
  // The ladder of PRODUCT.md: a supervisor after the first reopen, a manager after the second.
  const role = ESCALATION_ROLE_LABELS[(complaint.reopenCount ?? 1) >= 2 ? 'manager' : 'supervisor'][locale];
  return customerMail(complaint, 'reopened', copy.reopened.subject(c), [
    { p: copy.reopened.heard(c) },
    { p: copy.reopened.overseer(role, overseerName) },
    { p: copy.reopened.followUp(formatInstant(followUpBy, locale, timezone)) },
    { link: statusUrl, label: copy.statusLink },
    { p: copy.signOff },
  ]);
}

export interface MergedMailContext {
  /** The duplicate, as written: closed and merged. */
  complaint: Complaint;
  /** The ticket number of the complaint that goes on. */
  into: string;
  /** That complaint's status page. */
  statusUrl: string;
}

/** The duplicate was merged into the customer's other complaint about the same matter. */
export function mergedMail({ complaint, into, statusUrl }: MergedMailContext): OutgoingMail {
  const { copy, c } = localeOf(complaint);
  return customerMail(complaint, 'merged', copy.merged.subject(c, into), [
    { p: copy.merged.body(c, into) },
    { link: statusUrl, label: copy.statusLink },
    { p: copy.merged.replies },
    { p: copy.signOff },
  ]);
}

/** The last word: closed after the survey, or without an answer. */
export function closedMail({ complaint, reason, timezone }: ClosedMailContext): OutgoingMail {
  const { locale, copy, c } = localeOf(complaint);
  const when = complaint.closedAt && formatInstant(complaint.closedAt, locale, timezone);
  return customerMail(complaint, 'closed', copy.closed.subject(c), [
    { p: reason === 'survey_answered' ? copy.closed.answered(c, when) : copy.closed.unanswered(c, when) },
    { p: copy.closed.comeBack(c.ticket) },
    { p: copy.signOff },
  ]);
}
