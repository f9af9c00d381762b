import { CATEGORY_LABELS, formatAmount, formatInstant, REMEDY_LABELS } from '../../shared/i18n/labels.js';
import { consoleComplaintPath } from '../../shared/links/console-link.js';
import type { Complaint, Locale } from '../../shared/model/complaint.js';
import { html, type SafeHtml } from '../../shared/templates/html.js';
import type { PastCase } from '../../shared/usecases/past-cases.js';
import { type ConsoleView, lines } from './layout.js';

const COPY = {
  en: {
    title: 'Past cases',
    intro: (model: string, category: string) => `Resolved complaints about ${model} (${category}), most recent first.`,
    none: 'No resolved complaint of this model and category yet.',
    noModel: 'No product model on this complaint: past cases are found by model.',
    resolved: 'Resolved',
    remedy: 'Remedy',
    amount: 'Amount',
    solution: 'Solution',
    done: 'What was done',
  },
  'zh-CN': {
    title: '历史案例',
    intro: (model: string, category: string) => `同型号 ${model}、同类别（${category}）已解决的投诉，最近的在前。`,
    none: '此型号和类别尚无已解决的投诉。',
    noModel: '此投诉没有产品型号：历史案例按型号查找。',
    resolved: '解决时间',
    remedy: '补偿方式',
    amount: '金额',
    solution: '解决方案',
    done: '处理结果',
  },
} satisfies Record<Locale, unknown>;

/**
 * Issue 11 "past cases help the present": the resolved complaints of the same model and category
 * (shared/usecases/past-cases.ts), each with its solution and a link to it. Everything staff wrote
 * is text, escaped by `html`.
 */
export function pastCasesCard(
  view: Pick<ConsoleView, 'locale' | 'timezone'>,
  c: Complaint,
  cases: PastCase[],
): SafeHtml {
  const t = COPY[view.locale];
  const l = view.locale;
  const model = c.product?.model?.trim();
  const row = (label: string, value: SafeHtml | string | undefined) =>
    value === undefined || value === '' ? '' : html`<dt>${label}</dt><dd>${value}</dd>`;
  const item = (p: PastCase) => html`<li class="cl-stack">
<div class="cl-row"><a href="${consoleComplaintPath(p.ticketNumber)}">${p.ticketNumber}</a> <span class="cl-small cl-muted">${p.grade}</span></div>
<dl class="cl-facts">
${row(t.resolved, formatInstant(p.resolvedAt, l, view.timezone))}
${row(t.remedy, p.remedy ? REMEDY_LABELS[p.remedy][l] : undefined)}
${row(t.amount, p.amount === undefined ? undefined : formatAmount(p.amount, l))}
${row(t.solution, p.solution === undefined ? undefined : lines(p.solution))}
${row(t.done, p.done === undefined ? undefined : lines(p.done))}
</dl></li>`;
  return html`<section class="cl-card cl-stack" id="past-cases" aria-labelledby="past-cases-title"><h2 id="past-cases-title">${t.title}</h2>
${
  !model
    ? html`<p class="cl-empty">${t.noModel}</p>`
    : html`<p class="cl-small cl-muted">${t.intro(model, CATEGORY_LABELS[c.category][l])}</p>
${cases.length === 0 ? html`<p class="cl-empty">${t.none}</p>` : html`<ol class="cl-stack">${cases.map(item)}</ol>`}`
}
</section>`;
}
