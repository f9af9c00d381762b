import type { Refusal } from '../shared/http/errors.js';
import { CATEGORY_LABELS, formatInstant, REMEDY_LABELS } from '../shared/i18n/labels.js';
import { CATEGORIES, type Locale, REMEDIES } from '../shared/model/complaint.js';
import { html, raw, type SafeHtml } from '../shared/templates/html.js';
import { languageSwitch, page } from './layout.js';

const COPY = {
  en: {
    title: 'Tell us what went wrong',
    intro: 'We register every complaint, give it a number and a deadline, and keep you informed until it is solved.',
    name: 'Your name',
    email: 'Email',
    phone: 'Phone',
    contactHint: 'An email address or a phone number, so that we can reach you.',
    category: 'What is it about?',
    choose: '— choose —',
    description: 'What happened? (in your own words)',
    remedy: 'What would you like us to do?',
    order: 'Order number',
    model: 'Product model',
    serial: 'Serial number',
    lot: 'Lot or batch number',
    purchase: 'Purchase date',
    submit: 'Send complaint',
    sending: 'Sending…',
    done: 'Thank you. Your complaint is registered.',
    ticket: 'Ticket number',
    resolveBy: 'We aim to resolve it by',
    statusLink: 'Follow its progress',
    failed: 'Your complaint could not be sent. Please try again.',
    aboutYou: 'How we reach you',
    aboutComplaint: 'Your complaint',
    aboutProduct: 'Order and product',
    optional: '(optional)',
    aboutDetails: 'When and where it happened',
    occurredAt: 'When did it happen?',
    occurredWhere: 'Where did it happen?',
    alreadyTried: 'What have you already tried?',
  },
  'zh-CN': {
    title: '告诉我们发生了什么',
    intro: '每一条投诉都会被登记、编号并设定处理时限，我们会持续向您通报进展，直到问题解决。',
    name: '您的姓名',
    email: '电子邮箱',
    phone: '电话',
    contactHint: '请至少留下电子邮箱或电话号码之一，以便我们联系您。',
    category: '问题类型',
    choose: '— 请选择 —',
    description: '发生了什么？（请用您自己的话描述）',
    remedy: '您希望我们如何处理？',
    order: '订单号',
    model: '产品型号',
    serial: '序列号',
    lot: '批次号',
    purchase: '购买日期',
    submit: '提交投诉',
    sending: '提交中…',
    done: '感谢您的反馈，您的投诉已登记。',
    ticket: '投诉编号',
    resolveBy: '预计解决时间',
    statusLink: '查看处理进度',
    failed: '投诉未能提交，请重试。',
    aboutYou: '联系方式',
    aboutComplaint: '投诉内容',
    aboutProduct: '订单与产品',
    optional: '（选填）',
    aboutDetails: '发生时间与地点',
    occurredAt: '问题发生时间',
    occurredWhere: '问题发生地点',
    alreadyTried: '您已尝试过哪些处理？',
  },
} as const;

/** The fields the form posts, by name; a plain form post is read through this list and nothing else. */
const FORM_FIELDS = [
  'customer.name',
  'customer.email',
  'customer.phone',
  'category',
  'description',
  'requestedRemedy',
  'orderNumber',
  'product.model',
  'product.serialNumber',
  'product.lot',
  'product.purchaseDate',
  'details.occurredAt',
  'details.occurredWhere',
  'details.alreadyTried',
  'website',
] as const;
type FormValues = Partial<Record<(typeof FORM_FIELDS)[number], string>>;

export interface FormPageOptions {
  /** One key per rendered form, sent back by a plain form post: a second click is the same complaint. */
  idempotencyKey: string;
  /** What the person typed, when the form is shown again with what needs fixing. */
  values?: FormValues;
  /** The refusal of a plain form post: its sentence, and one message per field. */
  refusal?: Refusal;
}

/**
 * The complaint form. Without JavaScript it is a plain form post to `complaints` answered with a
 * page; with JavaScript its script (/assets/form.js, web/scripts/form.ts) posts JSON and shows the
 * answer in place, in the words of the form's `data-messages`.
 */
export function renderFormPage(locale: Locale, options: FormPageOptions): string {
  const t = COPY[locale];
  const values = options.values ?? {};
  const fields = options.refusal?.fields ?? {};
  const messages = JSON.stringify({
    sending: t.sending,
    submit: t.submit,
    done: t.done,
    ticket: t.ticket,
    resolveBy: t.resolveBy,
    statusLink: t.statusLink,
    failed: t.failed,
  });
  const error = (path: string) =>
    fields[path] ? html`<p class="cl-error" id="error-${path}" data-generated="1">${fields[path]}</p>` : '';
  /** The ids a control is described by: its error, if it has one, and any hint it shares. */
  const describedBy = (path: string, hint?: string) =>
    [fields[path] ? `error-${path}` : undefined, hint].filter(Boolean).join(' ') || undefined;
  const invalid = (path: string, hint?: string) =>
    html`${fields[path] ? html` aria-invalid="true"` : ''}${describedBy(path, hint) ? html` aria-describedby="${describedBy(path, hint)}"` : ''}`;
  const input = (id: string, name: keyof FormValues, attrs: SafeHtml, hint?: string) =>
    html`<input id="${id}" name="${name}" value="${values[name] ?? ''}" ${attrs}${invalid(name, hint)}>${error(name)}`;
  const field = (id: string, label: string, control: SafeHtml) =>
    html`<div class="cl-field"><label for="${id}">${label}</label>${control}</div>`;
  const options_ = <T extends string>(all: readonly T[], labels: Record<T, Record<Locale, string>>, chosen?: string) =>
    all.map((v) => html`<option value="${v}"${v === chosen ? raw(' selected') : ''}>${labels[v][locale]}</option>`);
  const contactError = fields['customer.contact'];
  return page(
    locale,
    t.title,
    html`<div class="cl-stack cl-stack--loose">
<div class="cl-stack cl-stack--tight">
  <h1>${t.title}</h1>
  <p class="cl-lead">${t.intro}</p>
</div>
${options.refusal ? html`<p class="cl-alert cl-alert--error" id="form-refusal" role="alert">${options.refusal.message}</p>` : ''}
<form id="complaint" method="post" action="complaints" novalidate class="cl-card cl-form" data-messages="${messages}">
  <input type="hidden" name="lang" value="${locale}">
  <input type="hidden" name="idempotencyKey" value="${options.idempotencyKey}">
  <div class="cl-honeypot" aria-hidden="true"><label for="website">Website</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div>
  <fieldset class="cl-section"><legend>${t.aboutYou}</legend>
    ${field('name', t.name, input('name', 'customer.name', raw('autocomplete="name" maxlength="100"')))}
    <div class="cl-grid">
      ${field('email', t.email, input('email', 'customer.email', raw('type="email" autocomplete="email" maxlength="254"'), 'contact-hint'))}
      ${field('phone', t.phone, input('phone', 'customer.phone', raw('type="tel" autocomplete="tel" maxlength="25"'), 'contact-hint'))}
    </div>
    <p class="${contactError ? 'cl-error' : 'cl-hint'}" id="contact-hint" data-for="customer.contact">${contactError ?? t.contactHint}</p>
  </fieldset>
  <fieldset class="cl-section"><legend>${t.aboutComplaint}</legend>
    ${field('category', t.category, html`<select id="category" name="category"${invalid('category')}><option value="">${t.choose}</option>${options_(CATEGORIES, CATEGORY_LABELS, values.category)}</select>${error('category')}`)}
    ${field('description', t.description, html`<textarea id="description" name="description" required maxlength="5000"${invalid('description')}>${values.description ?? ''}</textarea>${error('description')}`)}
    ${field('remedy', t.remedy, html`<select id="remedy" name="requestedRemedy"${invalid('requestedRemedy')}><option value="">${t.choose}</option>${options_(REMEDIES, REMEDY_LABELS, values.requestedRemedy)}</select>${error('requestedRemedy')}`)}
  </fieldset>
  <fieldset class="cl-section"><legend>${t.aboutProduct} <span class="cl-optional">${t.optional}</span></legend>
    <div class="cl-grid">
      ${field('order', t.order, input('order', 'orderNumber', raw('maxlength="64"')))}
      ${field('purchase', t.purchase, input('purchase', 'product.purchaseDate', raw('type="date"')))}
      ${field('model', t.model, input('model', 'product.model', raw('maxlength="100"')))}
      ${field('serial', t.serial, input('serial', 'product.serialNumber', raw('maxlength="100"')))}
      ${field('lot', t.lot, input('lot', 'product.lot', raw('maxlength="64"')))}
    </div>
  </fieldset>
  <fieldset class="cl-section"><legend>${t.aboutDetails} <span class="cl-optional">${t.optional}</span></legend>
    <div class="cl-grid">
      ${field('occurred-at', t.occurredAt, input('occurred-at', 'details.occurredAt', raw('type="datetime-local"')))}
      ${field('occurred-where', t.occurredWhere, input('occurred-where', 'details.occurredWhere', raw('maxlength="200"')))}
    </div>
    ${field('already-tried', t.alreadyTried, html`<textarea id="already-tried" name="details.alreadyTried" maxlength="2000"${invalid('details.alreadyTried')}>${values['details.alreadyTried'] ?? ''}</textarea>${error('details.alreadyTried')}`)}
  </fieldset>
  <div class="cl-actions">
    <button type="submit" class="cl-button cl-button--primary">${t.submit}</button>
    <p class="cl-error" id="form-error" role="alert"></p>
  </div>
</form>
<section id="result" class="cl-card cl-stack" tabindex="-1" aria-live="polite" hidden></section>
</div>`,
    { nav: languageSwitch(locale), script: 'form.js' },
  );
}

/**
 * A plain form post, read into the shape the JSON API takes: only the form's own fields, dotted
 * names nested, empty ones left out (as the script does), in the language the page was shown in.
 */
export function complaintFromForm(form: unknown, locale: Locale): unknown {
  const posted = (form ?? {}) as Record<string, unknown>;
  const body: Record<string, Record<string, unknown> | unknown> = { channel: 'web', customer: { locale } };
  for (const name of FORM_FIELDS) {
    const value = posted[name];
    if (value === undefined || value === '') continue;
    const [head, tail] = name.split('.') as [string, string | undefined];
    if (tail === undefined) body[head] = value;
    else body[head] = { ...(body[head] as Record<string, unknown> | undefined), [tail]: value };
  }
  return body;
}

/** What the person typed, to fill the form in again after a refusal. */
export function formValues(form: unknown): FormValues {
  const posted = (form ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    FORM_FIELDS.filter((name) => typeof posted[name] === 'string').map((name) => [name, posted[name] as string]),
  );
}

export interface Submitted {
  ticketNumber: string;
  resolveBy: string;
  statusUrl: string;
}

/** The answer to a plain form post: the same card the script shows, every time with its zone. */
export function renderSubmittedPage(submitted: Submitted, locale: Locale, timezone: string): string {
  const t = COPY[locale];
  return page(
    locale,
    t.done,
    html`<div class="cl-stack">
<h1>${t.done}</h1>
<div id="result" class="cl-card">
  <dl class="cl-facts">
    <dt>${t.ticket}</dt><dd><strong id="ticket" class="cl-mono">${submitted.ticketNumber}</strong></dd>
    <dt>${t.resolveBy}</dt><dd id="resolve-by">${formatInstant(submitted.resolveBy, locale, timezone)}</dd>
  </dl>
  <p><a class="cl-button cl-button--primary" href="${submitted.statusUrl}">${t.statusLink}</a></p>
</div>
</div>`,
  );
}
