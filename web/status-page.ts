import { CATEGORY_LABELS, formatInstant, STATUS_LABELS } from '../shared/i18n/labels.js';
import type { Locale } from '../shared/model/complaint.js';
import { html } from '../shared/templates/html.js';
import type { StatusView } from '../shared/usecases/view-status.js';
import { page } from './layout.js';

const EVENT_LABELS: Record<string, Record<Locale, string>> = {
  received: { en: 'We received your complaint', 'zh-CN': '已收到您的投诉' },
  acknowledgement_sent: { en: 'Confirmation sent to you', 'zh-CN': '已向您发送受理确认' },
  assigned: { en: 'A case owner took charge', 'zh-CN': '专属负责人已接手' },
  customer_contacted: { en: 'We contacted you', 'zh-CN': '已与您联系' },
  resolved: { en: 'Resolved', 'zh-CN': '已解决' },
  reopened: { en: 'Reopened', 'zh-CN': '已重新处理' },
  closed: { en: 'Closed', 'zh-CN': '已结案' },
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
  },
} as const;

/** The status page: one complaint, customer-visible facts only, every value escaped. */
export function renderStatusPage(view: StatusView, locale: Locale, timezone: string): string {
  const t = COPY[locale];
  const when = (iso: string) => formatInstant(iso, locale, timezone);
  return page(
    locale,
    `${t.title} ${view.ticketNumber}`,
    html`<h1>${t.title}</h1>
<dl class="card">
  <dt>${t.ticket}</dt><dd>${view.ticketNumber}</dd>
  <dt>${t.status}</dt><dd id="status">${STATUS_LABELS[view.status][locale]}</dd>
  <dt>${t.topic}</dt><dd>${CATEGORY_LABELS[view.category][locale]}</dd>
  ${view.subject ? html`<dt>${t.subject}</dt><dd>${view.subject}</dd>` : ''}
  <dt>${t.received}</dt><dd>${when(view.receivedAt)}</dd>
  <dt>${t.target}</dt><dd>${when(view.expectedResolutionBy)}</dd>
</dl>
<h2>${t.history}</h2>
<ul>${view.history.map((e) => html`<li>${when(e.at)}: ${EVENT_LABELS[e.type]?.[locale] ?? e.type}</li>`)}</ul>`,
  );
}
