import { CATEGORY_LABELS, formatAmount, formatInstant, REMEDY_LABELS, STATUS_LABELS } from '../shared/i18n/labels.js';
import { WORK_ORDER_KIND_LABELS, WORK_STEP_LABELS } from '../shared/i18n/work-order-labels.js';
import type { Locale } from '../shared/model/complaint.js';
import { formatDay } from '../shared/templates/fix-notice.js';
import { html } from '../shared/templates/html.js';
import type { CustomerWorkOrder, StatusView } from '../shared/usecases/view-status.js';
import type { OfferView } from '../shared/workflow/acceptance.js';
import { languageSwitch, page } from './layout.js';

const EVENT_LABELS: Record<string, Record<Locale, string>> = {
  received: { en: 'We received your complaint', 'zh-CN': '已收到您的投诉' },
  acknowledgement_sent: { en: 'Confirmation sent to you', 'zh-CN': '已向您发送受理确认' },
  assigned: { en: 'A case owner took charge', 'zh-CN': '专属负责人已接手' },
  customer_contacted: { en: 'We contacted you', 'zh-CN': '已与您联系' },
  progress_sent: { en: 'Progress update sent to you', 'zh-CN': '已向您通报进展' },
  info_requested: { en: 'We asked you for information', 'zh-CN': '我们请您补充信息' },
  customer_replied: { en: 'You replied', 'zh-CN': '您已回复' },
  solution_approved: { en: 'Solution approved', 'zh-CN': '解决方案已批准' },
  resolved: { en: 'Resolved', 'zh-CN': '已解决' },
  result_sent: { en: 'Result sent to you', 'zh-CN': '已向您发送处理结果' },
  reopened: { en: 'Reopened', 'zh-CN': '已重新处理' },
  solution_offered: { en: 'We told you our proposed solution', 'zh-CN': '已向您说明解决方案' },
  solution_accepted: { en: 'You accepted the solution', 'zh-CN': '您已同意解决方案' },
  solution_change_requested: { en: 'You asked for a change to the solution', 'zh-CN': '您要求调整解决方案' },
  closed: { en: 'Closed', 'zh-CN': '已结案' },
  merged_into: { en: 'Handled together with your other complaint', 'zh-CN': '已与您的另一条投诉合并处理' },
  delay_notified: { en: 'We told you of a delay', 'zh-CN': '已向您告知延期' },
  fix_recorded: { en: 'A fix version was set', 'zh-CN': '已确定修复版本' },
  work_order_opened: { en: 'After-sales work order opened', 'zh-CN': '已开具售后工单' },
  work_order_done: { en: 'After-sales work completed', 'zh-CN': '售后工单已完成' },
};

const COPY = {
  en: {
    title: 'Your complaint',
    ticket: 'Ticket',
    status: 'Status',
    topic: 'Topic',
    subject: 'Subject',
    received: 'Received',
    target: 'We aim to resolve it by',
    history: 'History',
    question: 'We need some information from you',
    answerBy: 'Please answer by',
    send: 'Send answer',
    sent: 'Thank you, we have your answer.',
    failed: 'Your answer could not be sent. Please try again.',
    yourAnswer: 'Your answer',
    back: 'Back to your complaint',
    details: 'Details',
    newDate: 'New expected date',
    delayReason: 'Reason for the delay',
    fixVersion: 'Fixed in version',
    releaseDate: 'Release date',
    evidence: 'Evidence of the work',
    merged: (into: string) =>
      `This complaint is about the same matter as your complaint ${into}, so we handle both under ${into}. The link to follow it is in the email we sent you about the merge.`,
    mergedLinked: (into: string) =>
      `This complaint is about the same matter as your complaint ${into}, so we handle both under ${into}.`,
    followMerged: (into: string) => `Follow complaint ${into}`,
  },
  'zh-CN': {
    title: '您的投诉',
    ticket: '编号',
    status: '状态',
    topic: '类别',
    subject: '主题',
    received: '提交时间',
    target: '预计解决时间',
    history: '处理记录',
    question: '我们需要您补充一些信息',
    answerBy: '请在此时间前回复',
    send: '提交回复',
    sent: '谢谢，我们已收到您的回复。',
    failed: '回复未能提交，请重试。',
    yourAnswer: '您的回复',
    back: '返回投诉详情',
    details: '投诉详情',
    newDate: '新的预计完成时间',
    delayReason: '延期原因',
    fixVersion: '修复版本',
    releaseDate: '发布时间',
    evidence: '处理凭证',
    merged: (into: string) =>
      `本投诉与您的投诉 ${into} 反映的是同一问题，我们已合并在 ${into} 下一并处理。查看处理进度的链接已随合并通知邮件发送给您。`,
    mergedLinked: (into: string) => `本投诉与您的投诉 ${into} 反映的是同一问题，我们已合并在 ${into} 下一并处理。`,
    followMerged: (into: string) => `查看投诉 ${into} 的进度`,
  },
} as const;

/**
 * The status page: one complaint, customer-visible facts only, every value escaped. `token` is
 * the page's own link token: the reply box posts to `<token>/reply`, relative to the page.
 */
export function renderStatusPage(view: StatusView, locale: Locale, timezone: string, token = ''): string {
  const t = COPY[locale];
  const when = (iso: string) => formatInstant(iso, locale, timezone);
  return page(
    locale,
    `${t.title} ${view.ticketNumber}`,
    html`<div class="cl-stack cl-stack--loose">
<div class="cl-stack cl-stack--tight">
  <h1>${t.title}</h1>
  <p class="cl-lead"><span class="cl-mono">${view.ticketNumber}</span> · <span class="cl-status">${STATUS_LABELS[view.status][locale]}</span></p>
</div>
${view.mergedInto ? mergedNotice(view.mergedInto, t) : ''}
${view.question ? questionForm(view.question, t, locale, when, token) : ''}
${(view.workOrders ?? []).map((w) => workOrderSection(w, locale, when, token))}
${view.offer ? offerSection(view.offer, locale, when, token) : ''}
<section class="cl-card" aria-label="${t.details}">
<dl class="cl-facts">
  <dt>${t.ticket}</dt><dd class="cl-mono">${view.ticketNumber}</dd>
  <dt>${t.status}</dt><dd id="status">${STATUS_LABELS[view.status][locale]}</dd>
  <dt>${t.topic}</dt><dd>${CATEGORY_LABELS[view.category][locale]}</dd>
  ${view.subject ? html`<dt>${t.subject}</dt><dd>${view.subject}</dd>` : ''}
  <dt>${t.received}</dt><dd>${when(view.receivedAt)}</dd>
  <dt>${t.target}</dt><dd><strong>${when(view.expectedResolutionBy)}</strong></dd>
  ${view.delay ? html`<dt>${t.newDate}</dt><dd id="new-date"><strong>${formatDay(view.delay.newDate, locale)}</strong></dd><dt>${t.delayReason}</dt><dd id="delay-reason">${view.delay.reason}</dd>` : ''}
  ${view.fix ? html`<dt>${t.fixVersion}</dt><dd id="fix-version" class="cl-mono">${view.fix.version}</dd><dt>${t.releaseDate}</dt><dd>${formatDay(view.fix.releaseDate, locale)}</dd>` : ''}
</dl>
</section>
${view.evidence ? html`<section class="cl-card" id="evidence"><h2>${t.evidence}</h2><ul>${view.evidence.map((e) => html`<li><a href="${e.url}" rel="noopener noreferrer nofollow">${e.label ?? e.url}</a></li>`)}</ul></section>` : ''}
<section class="cl-card">
<h2>${t.history}</h2>
<ol class="cl-timeline">${view.history.map((e) => html`<li><time datetime="${e.at}">${when(e.at)}</time>${EVENT_LABELS[e.type]?.[locale] ?? e.type}</li>`)}</ol>
</section>
</div>`,
    { nav: languageSwitch(locale), script: view.question ? 'reply.js' : undefined },
  );
}

/** The answer to a reply sent without JavaScript: thanks, and the way back to the complaint. */
export function renderReplySentPage(locale: Locale, token: string): string {
  const t = COPY[locale];
  return page(
    locale,
    t.sent,
    html`<div class="cl-stack">
<h1>${t.sent}</h1>
<p id="reply-result"><a class="cl-button" href="../${token}?lang=${locale}">${t.back}</a></p>
</div>`,
  );
}

/** Where a merged duplicate is handled now: a link to that complaint's page when the view carries one. */
function mergedNotice(into: NonNullable<StatusView['mergedInto']>, t: (typeof COPY)[Locale]) {
  if (!into.statusUrl) return html`<p class="cl-card" id="merged" role="status">${t.merged(into.ticketNumber)}</p>`;
  return html`<div class="cl-card" id="merged" role="status">
  <p>${t.mergedLinked(into.ticketNumber)}</p>
  <p><a href="${into.statusUrl}">${t.followMerged(into.ticketNumber)}</a></p>
</div>`;
}

/**
 * The owner's question and a reply box: a plain form post to `<token>/reply` that works without
 * JavaScript; its script (/assets/reply.js, web/scripts/reply.ts), when it runs, posts JSON instead
 * and shows the answer in place with textContent only.
 */
function questionForm(
  question: { text: string; answerBy: string },
  t: (typeof COPY)[Locale],
  locale: Locale,
  when: (iso: string) => string,
  token: string,
) {
  const messages = JSON.stringify({ sent: t.sent, failed: t.failed });
  return html`<section class="cl-card cl-stack" aria-labelledby="question-title">
  <h2 id="question-title">${t.question}</h2>
  <blockquote class="cl-quote" id="question">${question.text}</blockquote>
  <p class="cl-muted">${t.answerBy}: <strong>${when(question.answerBy)}</strong></p>
  <form id="reply" method="post" action="${token}/reply" class="cl-form" data-messages="${messages}">
    <input type="hidden" name="lang" value="${locale}">
    <div class="cl-field"><label for="message">${t.yourAnswer}</label><textarea id="message" name="message" required maxlength="5000"></textarea></div>
    <div class="cl-actions"><button type="submit" class="cl-button cl-button--primary">${t.send}</button></div>
  </form>
  <div class="cl-live" role="status"><p id="reply-result"></p></div>
</section>`;
}

// ----- After-sales work orders (shared/workflow/work-orders.ts)

const WORK_COPY = {
  en: {
    title: (kind: string) => `Your ${kind}`,
    done: 'done',
    due: 'expected by',
    confirmTitle: 'Please confirm the service was done',
    confirmNote: 'Anything we should know (optional)',
    confirm: 'I confirm the service was done',
    completed: 'Completed',
  },
  'zh-CN': {
    title: (kind: string) => `您的${kind}工单`,
    done: '已完成',
    due: '预计',
    confirmTitle: '请确认服务已完成（服务确认单）',
    confirmNote: '补充说明（选填）',
    confirm: '确认服务已完成',
    completed: '已完成',
  },
} as const;

/**
 * A work order's progress, step by step, and at its confirmation step the service confirmation
 * (004 服务确认单): a plain form post to `<token>/confirm-service`, relative to the page; the signed
 * token in the path is what authorises it, so another site cannot forge the post.
 */
function workOrderSection(w: CustomerWorkOrder, locale: Locale, when: (iso: string) => string, token: string) {
  const t = WORK_COPY[locale];
  const kind = WORK_ORDER_KIND_LABELS[w.kind][locale];
  return html`<section class="cl-card cl-stack" id="work-order-${w.id}" aria-labelledby="wo-${w.id}">
  <h2 id="wo-${w.id}">${t.title(kind)}${w.doneAt ? html` · ${t.completed}` : ''}</h2>
  <ol class="cl-timeline">${w.steps.map(
    (s) =>
      html`<li${s.state === 'current' ? html` aria-current="step"` : ''}>${WORK_STEP_LABELS[s.name][locale]}${
        s.doneAt
          ? html` · ${t.done} <time datetime="${s.doneAt}">${when(s.doneAt)}</time>`
          : s.dueAt
            ? html` · ${t.due} <time datetime="${s.dueAt}">${when(s.dueAt)}</time>`
            : ''
      }</li>`,
  )}</ol>
  ${
    w.awaitingSignature
      ? html`<form method="post" action="${token}/confirm-service" class="cl-form" aria-label="${t.confirmTitle}">
    <h3>${t.confirmTitle}</h3>
    <input type="hidden" name="workOrderId" value="${w.id}">
    <input type="hidden" name="lang" value="${locale}">
    <div class="cl-field"><label for="note-${w.id}">${t.confirmNote}</label><textarea id="note-${w.id}" name="note" maxlength="2000"></textarea></div>
    <div class="cl-actions"><button type="submit" class="cl-button cl-button--primary">${t.confirm}</button></div>
  </form>`
      : ''
  }
</section>`;
}

// ----- The customer accepts the solution (ACC, issue 10): the offer, with accept / ask for a change.

const OFFER_COPY = {
  en: {
    title: 'Our proposed solution',
    intro: 'We will carry it out as soon as you agree to it.',
    remedy: 'Remedy',
    amount: 'Amount',
    remedyBy: 'Carried out by',
    offeredAt: 'Proposed to you',
    accept: 'I accept this solution',
    change: 'Ask for a change',
    reason: 'What would you like changed, and why?',
    send: 'Send my request',
    accepted: 'You accepted this solution. Thank you: we are carrying it out.',
    changeRequested: 'You asked for a change. Your case owner is working on a new proposal.',
    thanksAccepted: 'Thank you for accepting the solution. We are carrying it out now.',
    thanksChange: 'Thank you. Your case owner will propose a new solution.',
    back: 'Back to your complaint',
  },
  'zh-CN': {
    title: '我们提出的解决方案',
    intro: '经您同意后，我们将立即执行。',
    remedy: '处理方式',
    amount: '金额',
    remedyBy: '预计完成时间',
    offeredAt: '提出时间',
    accept: '我同意该方案',
    change: '要求调整方案',
    reason: '您希望如何调整？原因是什么？',
    send: '提交调整要求',
    accepted: '您已同意该方案，谢谢！我们正在执行。',
    changeRequested: '您已要求调整方案，负责人正在制定新的方案。',
    thanksAccepted: '感谢您同意该方案，我们正在执行。',
    thanksChange: '谢谢。负责人将为您提出新的方案。',
    back: '返回投诉详情',
  },
} as const satisfies Record<Locale, unknown>;

/**
 * The solution we told the customer and, while it waits for their answer, two plain form posts to
 * `<token>/acceptance` (no script needed): accept, or ask for a change with a reason. The link is
 * the page's own signed status link, so a post reaches only this complaint, and a page elsewhere
 * cannot forge it without the token.
 */
function offerSection(offer: OfferView, locale: Locale, when: (iso: string) => string, token: string) {
  const t = OFFER_COPY[locale];
  const facts: [string, string][] = [];
  if (offer.remedy) facts.push([t.remedy, REMEDY_LABELS[offer.remedy][locale]]);
  if (offer.amount !== undefined) facts.push([t.amount, formatAmount(offer.amount, locale)]);
  if (offer.remedyBy) facts.push([t.remedyBy, when(offer.remedyBy)]);
  facts.push([t.offeredAt, when(offer.offeredAt)]);
  const answered =
    offer.answer === 'accepted' ? t.accepted : offer.answer === 'change_requested' ? t.changeRequested : undefined;
  return html`<section class="cl-card cl-stack" id="offer" aria-labelledby="offer-title">
  <h2 id="offer-title">${t.title}</h2>
  <blockquote class="cl-quote" id="offer-summary">${offer.summary}</blockquote>
  <dl class="cl-facts">${facts.map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}</dl>
  ${answered ? html`<p class="cl-alert cl-alert--info" id="offer-answer">${answered}</p>` : ''}
  ${
    offer.open
      ? html`<p>${t.intro}</p>
  <form id="accept" method="post" action="${token}/acceptance" class="cl-form">
    <input type="hidden" name="lang" value="${locale}">
    <input type="hidden" name="answer" value="accept">
    <div class="cl-actions"><button type="submit" class="cl-button cl-button--primary">${t.accept}</button></div>
  </form>
  <form id="change" method="post" action="${token}/acceptance" class="cl-form">
    <input type="hidden" name="lang" value="${locale}">
    <input type="hidden" name="answer" value="change">
    <div class="cl-field"><label for="change-reason">${t.reason}</label><textarea id="change-reason" name="reason" required maxlength="2000"></textarea></div>
    <div class="cl-actions"><button type="submit" class="cl-button">${t.send}</button></div>
  </form>`
      : ''
  }
</section>`;
}

/** The answer to an offer posted without JavaScript: thanks, and the way back to the complaint. */
export function renderOfferAnsweredPage(
  locale: Locale,
  token: string,
  answer: 'accepted' | 'change_requested',
): string {
  const t = OFFER_COPY[locale];
  const thanks = answer === 'accepted' ? t.thanksAccepted : t.thanksChange;
  return page(
    locale,
    thanks,
    html`<div class="cl-stack">
<h1 id="offer-result">${thanks}</h1>
<p><a class="cl-button" href="../${token}?lang=${locale}">${t.back}</a></p>
</div>`,
  );
}
