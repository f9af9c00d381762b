/**
 * The complaint form's script, served as /assets/form.js (never inline: the Content-Security-Policy
 * allows scripts from our own origin only). It posts JSON instead of the plain form post and shows
 * the answer in place. Its words come from the form's `data-messages`, its language from `<html lang>`;
 * everything it shows goes through textContent, so nothing from the server or the customer is ever
 * parsed as HTML.
 */
export const FORM_SCRIPT = `
const form = document.getElementById('complaint');
const T = JSON.parse(form.dataset.messages);
const locale = document.documentElement.lang;
const button = form.querySelector('button[type="submit"]');
const formError = document.getElementById('form-error');
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
  for (const el of form.querySelectorAll('.cl-error[data-generated]')) el.remove();
  for (const el of form.querySelectorAll('[aria-invalid]')) { el.removeAttribute('aria-invalid'); el.removeAttribute('aria-describedby'); }
  for (const [path, text] of Object.entries(fields || {})) {
    const input = form.querySelector('[name="' + CSS.escape(path) + '"]');
    const anchor = input || form.querySelector('[data-for="' + CSS.escape(path) + '"]') || formError;
    const note = document.createElement('p');
    note.className = 'cl-error';
    note.dataset.generated = '1';
    note.id = 'error-' + path;
    note.textContent = text;
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', note.id);
    }
    anchor.after(note);
  }
}
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = { channel: 'web', customer: { locale } };
  for (const [name, value] of new FormData(form)) {
    if (name === 'lang' || name === 'idempotencyKey' || value === '') continue;
    setPath(body, name, value);
  }
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.textContent = T.sending;
  formError.textContent = '';
  try {
    const response = await fetch(form.action, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': locale, 'idempotency-key': idempotencyKey },
      body: JSON.stringify(body),
    });
    const answer = await response.json();
    if (!response.ok) {
      formError.textContent = answer.message || T.failed;
      showErrors(answer.fields);
      return;
    }
    const result = document.getElementById('result');
    result.replaceChildren();
    const add = (tag, text, className) => {
      const el = document.createElement(tag);
      el.textContent = text;
      if (className) el.className = className;
      result.append(el);
      return el;
    };
    add('h2', T.done);
    const ticket = add('p', T.ticket + ': ');
    const number = document.createElement('strong');
    number.className = 'cl-mono';
    number.textContent = answer.ticketNumber;
    ticket.append(number);
    // The reader's own clock, and it says which one it is (the mail names the company's zone).
    add('p', T.resolveBy + ': ' + new Date(answer.resolveBy).toLocaleString(locale, { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }));
    const link = add('a', T.statusLink, 'cl-button cl-button--primary');
    link.href = answer.statusUrl;
    result.hidden = false;
    form.hidden = true;
    result.focus();
  } catch {
    formError.textContent = T.failed;
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = T.submit;
  }
});
`;
