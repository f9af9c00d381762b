import { CATEGORY_LABELS, REMEDY_LABELS } from '../shared/i18n/labels.js';
import { CATEGORIES, type Locale, REMEDIES } from '../shared/model/complaint.js';
import { html, raw } from '../shared/templates/html.js';
import { page } from './layout.js';

const COPY = {
  en: {
    title: 'Tell us what went wrong',
    intro: 'We register every complaint, give it a number and a deadline, and keep you informed until it is solved.',
    other: '中文',
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
    other: 'English',
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

/**
 * The complaint form. The script renders answers with textContent only: nothing from the
 * server or the customer is ever parsed as HTML.
 */
export function renderFormPage(locale: Locale): string {
  const t = COPY[locale];
  const otherLocale: Locale = locale === 'en' ? 'zh-CN' : 'en';
  const messages = JSON.stringify({
    sending: t.sending,
    submit: t.submit,
    done: t.done,
    ticket: t.ticket,
    resolveBy: t.resolveBy,
    statusLink: t.statusLink,
    failed: t.failed,
  }).replace(/</g, '\\u003c');
  return page(
    locale,
    t.title,
    html`<nav><a href="?lang=${otherLocale}" hreflang="${otherLocale}">${t.other}</a></nav>
<h1>${t.title}</h1>
<p>${t.intro}</p>
<form id="complaint" novalidate>
  <input type="hidden" name="locale" value="${locale}">
  <div class="hp" aria-hidden="true"><label for="website">Website</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div>
  <label for="name">${t.name}</label><input id="name" name="customer.name" autocomplete="name" maxlength="100">
  <label for="email">${t.email}</label><input id="email" name="customer.email" type="email" autocomplete="email" maxlength="254">
  <label for="phone">${t.phone}</label><input id="phone" name="customer.phone" type="tel" autocomplete="tel" maxlength="25">
  <div class="error" data-for="customer.contact">${t.contactHint}</div>
  <label for="category">${t.category}</label>
  <select id="category" name="category"><option value="">${t.choose}</option>${CATEGORIES.map((c) => html`<option value="${c}">${CATEGORY_LABELS[c][locale]}</option>`)}</select>
  <label for="description">${t.description}</label><textarea id="description" name="description" required maxlength="5000"></textarea>
  <label for="remedy">${t.remedy}</label>
  <select id="remedy" name="requestedRemedy"><option value="">${t.choose}</option>${REMEDIES.map((r) => html`<option value="${r}">${REMEDY_LABELS[r][locale]}</option>`)}</select>
  <label for="order">${t.order}</label><input id="order" name="orderNumber" maxlength="64">
  <label for="model">${t.model}</label><input id="model" name="product.model" maxlength="100">
  <label for="serial">${t.serial}</label><input id="serial" name="product.serialNumber" maxlength="100">
  <label for="purchase">${t.purchase}</label><input id="purchase" name="product.purchaseDate" type="date">
  <button type="submit">${t.submit}</button>
  <p class="error" id="form-error" role="alert"></p>
</form>
<div id="result" class="card" hidden></div>
<script>${raw(formScript(messages, locale))}</script>`,
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
    if (name === 'locale' || value === '') continue;
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
    add('p', T.resolveBy + ': ' + new Date(answer.resolveBy).toLocaleString(${JSON.stringify(locale)}));
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
