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
    purchase: 'Purchase date',
    submit: 'Send complaint',
    sending: 'Sending…',
    done: 'Thank you. Your complaint is registered.',
    ticket: 'Ticket number',
    resolveBy: 'We aim to resolve it by',
    statusLink: 'Follow its progress',
    failed: 'Your complaint could not be sent. Please try again.',
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
    purchase: '购买日期',
    submit: '提交投诉',
    sending: '提交中…',
    done: '感谢您的反馈，您的投诉已登记。',
    ticket: '投诉编号',
    resolveBy: '预计解决时间',
    statusLink: '查看处理进度',
    failed: '投诉未能提交，请重试。',
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
  'product.purchaseDate',
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
 * page; with JavaScript the script posts JSON and shows the answer in place. The script renders
 * answers with textContent only: nothing from the server or the customer is ever parsed as HTML.
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
  }).replace(/</g, '\\u003c');
  const error = (path: string) =>
    fields[path] ? html`<div class="error" id="error-${path}" data-generated="1">${fields[path]}</div>` : '';
  const described = (path: string) => (fields[path] ? `error-${path}` : undefined);
  const input = (id: string, name: keyof FormValues, attrs: SafeHtml) =>
    html`<input id="${id}" name="${name}" value="${values[name] ?? ''}" ${attrs}${fields[name] ? html` aria-invalid="true" aria-describedby="${described(name)}"` : ''}>${error(name)}`;
  const options_ = <T extends string>(all: readonly T[], labels: Record<T, Record<Locale, string>>, chosen?: string) =>
    all.map((v) => html`<option value="${v}"${v === chosen ? raw(' selected') : ''}>${labels[v][locale]}</option>`);
  return page(
    locale,
    t.title,
    html`${languageSwitch(locale)}
<h1>${t.title}</h1>
<p>${t.intro}</p>
${options.refusal ? html`<p class="error" id="form-refusal" role="alert">${options.refusal.message}</p>` : ''}
<form id="complaint" method="post" action="complaints" novalidate>
  <input type="hidden" name="lang" value="${locale}">
  <input type="hidden" name="idempotencyKey" value="${options.idempotencyKey}">
  <div class="hp" aria-hidden="true"><label for="website">Website</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div>
  <label for="name">${t.name}</label>${input('name', 'customer.name', raw('autocomplete="name" maxlength="100"'))}
  <label for="email">${t.email}</label>${input('email', 'customer.email', raw('type="email" autocomplete="email" maxlength="254"'))}
  <label for="phone">${t.phone}</label>${input('phone', 'customer.phone', raw('type="tel" autocomplete="tel" maxlength="25"'))}
  <div class="${fields['customer.contact'] ? 'error' : 'hint'}" data-for="customer.contact">${fields['customer.contact'] ?? t.contactHint}</div>
  <label for="category">${t.category}</label>
  <select id="category" name="category"><option value="">${t.choose}</option>${options_(CATEGORIES, CATEGORY_LABELS, values.category)}</select>${error('category')}
  <label for="description">${t.description}</label><textarea id="description" name="description" required maxlength="5000"${fields.description ? html` aria-invalid="true" aria-describedby="error-description"` : ''}>${values.description ?? ''}</textarea>${error('description')}
  <label for="remedy">${t.remedy}</label>
  <select id="remedy" name="requestedRemedy"><option value="">${t.choose}</option>${options_(REMEDIES, REMEDY_LABELS, values.requestedRemedy)}</select>${error('requestedRemedy')}
  <label for="order">${t.order}</label>${input('order', 'orderNumber', raw('maxlength="64"'))}
  <label for="model">${t.model}</label>${input('model', 'product.model', raw('maxlength="100"'))}
  <label for="serial">${t.serial}</label>${input('serial', 'product.serialNumber', raw('maxlength="100"'))}
  <label for="purchase">${t.purchase}</label>${input('purchase', 'product.purchaseDate', raw('type="date"'))}
  <button type="submit">${t.submit}</button>
  <p class="error" id="form-error" role="alert"></p>
</form>
<div id="result" class="card" hidden></div>
<script>${raw(formScript(messages, locale))}</script>`,
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
    html`<h1>${t.done}</h1>
<div id="result" class="card">
  <p>${t.ticket}: <strong id="ticket">${submitted.ticketNumber}</strong></p>
  <p>${t.resolveBy}: <span id="resolve-by">${formatInstant(submitted.resolveBy, locale, timezone)}</span></p>
  <p><a href="${submitted.statusUrl}">${t.statusLink}</a></p>
</div>`,
  );
}

function formScript(messages: string, locale: Locale): string {
  return `
const T = ${messages};
const form = document.getElementById('complaint');
const button = form.querySelector('button');
// One key per filled-in form: a double click or a retry after a timeout is the same complaint.
let idempotencyKey = crypto.randomUUID();
form.addEventListener('input', () => { idempotencyKey = crypto.randomUUID(); });
function setPath(target, path, value) {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = node[key] ??= {};
  node[keys[keys.length - 1]] = value;
}
function showErrors(fields) {
  for (const el of form.querySelectorAll('.error[data-generated]')) el.remove();
  for (const [path, text] of Object.entries(fields || {})) {
    const input = form.querySelector('[name="' + CSS.escape(path) + '"]');
    const note = document.createElement('div');
    note.className = 'error';
    note.dataset.generated = '1';
    note.textContent = text;
    (input || document.getElementById('form-error')).after(note);
  }
}
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = { channel: 'web', customer: { locale: ${JSON.stringify(locale)} } };
  for (const [name, value] of new FormData(form)) {
    if (name === 'lang' || name === 'idempotencyKey' || value === '') continue;
    setPath(body, name, value);
  }
  button.disabled = true;
  button.textContent = T.sending;
  document.getElementById('form-error').textContent = '';
  try {
    const response = await fetch('complaints', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': ${JSON.stringify(locale)}, 'idempotency-key': idempotencyKey },
      body: JSON.stringify(body),
    });
    const answer = await response.json();
    if (!response.ok) {
      document.getElementById('form-error').textContent = answer.message || T.failed;
      showErrors(answer.fields);
      return;
    }
    const result = document.getElementById('result');
    result.replaceChildren();
    const add = (tag, text) => { const el = document.createElement(tag); el.textContent = text; result.append(el); return el; };
    add('p', T.done);
    add('p', T.ticket + ': ' + answer.ticketNumber);
    // The reader's own clock, and it says which one it is (the mail names the company's zone).
    add('p', T.resolveBy + ': ' + new Date(answer.resolveBy).toLocaleString(${JSON.stringify(locale)}, { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }));
    const link = add('a', T.statusLink);
    link.href = answer.statusUrl;
    result.hidden = false;
    form.hidden = true;
  } catch {
    document.getElementById('form-error').textContent = T.failed;
  } finally {
    button.disabled = false;
    button.textContent = T.submit;
  }
});`;
}
