import { formatAmount, formatInstant, REMEDY_LABELS } from '../../shared/i18n/labels.js';
import type { AcceptanceChannel, Complaint, Locale } from '../../shared/model/complaint.js';
import { html, type SafeHtml } from '../../shared/templates/html.js';
import { acceptanceDeadline, awaitingAcceptance } from '../../shared/workflow/acceptance.js';
import type { ConsoleView } from './layout.js';
import { lines } from './layout.js';

/**
 * The customer accepts the solution (ACC, issue 10): the console complaint page's card showing the
 * offer (how and when the customer was told, or by when they must be) and the customer's answer.
 * The two staff forms (`offer-by-call`, `record-acceptance`) are among the page's actions.
 */
const COPY = {
  en: {
    title: 'The customer’s acceptance',
    offerDue: 'Tell the customer the solution by',
    offered: 'Told',
    via: { email: 'by mail', call: 'on a call', link: 'on the status page', silence: 'by silence' },
    waiting: 'Waiting for the customer’s answer.',
    accepted: 'Accepted',
    changeRequested: 'Asked for a change',
    newProposalBy: 'A new proposal is due by',
    remedyBy: 'Carried out by',
    amount: 'Amount',
    remedy: 'Remedy',
  },
  'zh-CN': {
    title: '客户确认方案',
    offerDue: '须告知客户方案的时间',
    offered: '已告知',
    via: { email: '（邮件）', call: '（电话）', link: '（状态页）', silence: '（逾期未答复视为同意）' },
    waiting: '正在等待客户答复。',
    accepted: '已同意',
    changeRequested: '要求调整方案',
    newProposalBy: '新方案截止时间',
    remedyBy: '预计完成时间',
    amount: '金额',
    remedy: '处理方式',
  },
} as const satisfies Record<Locale, unknown>;

/** Field labels of the two staff forms. */
export const ACCEPTANCE_FORM_COPY = {
  en: { accepted: 'The customer’s answer', yes: 'Accepts the solution', no: 'Asks for a change' },
  'zh-CN': { accepted: '客户的答复', yes: '同意方案', no: '要求调整方案' },
} as const satisfies Record<Locale, unknown>;

export function acceptanceCard(view: ConsoleView, c: Complaint): SafeHtml | '' {
  const s = c.solution;
  if (!s?.offerDueAt) return '';
  const l = view.locale;
  const t = COPY[l];
  const at = (iso: string) => formatInstant(iso, l, view.timezone);
  const via = (channel: AcceptanceChannel) => t.via[channel];
  const row = (label: string, value: unknown) =>
    value === undefined || value === '' ? '' : html`<dt>${label}</dt><dd>${value}</dd>`;
  const answer = s.acceptance;
  return html`<section class="cl-card cl-stack" id="acceptance" aria-labelledby="acceptance-title"><h2 id="acceptance-title">${t.title}</h2>
<dl class="cl-facts">
${row(t.remedy, s.remedy ? REMEDY_LABELS[s.remedy][l] : undefined)}
${row(t.amount, s.amount === undefined ? undefined : formatAmount(s.amount, l))}
${row(t.remedyBy, s.remedyBy ? at(s.remedyBy) : undefined)}
${s.offer ? row(t.offered, `${at(s.offer.at)} ${via(s.offer.via)}`) : row(t.offerDue, at(s.offerDueAt))}
${answer ? row(answer.answer === 'accepted' ? t.accepted : t.changeRequested, `${at(answer.at)} ${via(answer.via)}`) : ''}
${answer?.answer === 'change_requested' && answer.changeDueAt ? row(t.newProposalBy, at(answer.changeDueAt)) : ''}
</dl>
${s.offer?.note ? html`<blockquote>${lines(s.offer.note)}</blockquote>` : ''}
${answer?.reason ? html`<blockquote id="acceptance-reason">${lines(answer.reason)}</blockquote>` : ''}
${s.offer && !answer && awaitingAcceptance(c) && !acceptanceDeadline(c) ? html`<p class="cl-muted">${t.waiting}</p>` : ''}
</section>`;
}
