/**
 * The survey's script, served as /assets/survey.js: posts the answer as JSON to the form's own
 * address instead of the plain form post and thanks in place. Words from the form's
 * `data-messages`, language from `<html lang>`, output through textContent only.
 */
export const SURVEY_SCRIPT = `
const form = document.getElementById('survey');
const T = JSON.parse(form.dataset.messages);
const locale = document.documentElement.lang;
const button = form.querySelector('button[type="submit"]');
const error = document.getElementById('survey-error');
function finish(text) {
  const result = document.getElementById('result');
  result.textContent = text;
  result.hidden = false;
  form.hidden = true;
}
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  const body = {};
  if (data.get('score')) body.score = Number(data.get('score'));
  if (data.get('verdict')) body.verdict = String(data.get('verdict'));
  if (data.get('notFixed')) body.notFixed = true;
  const reason = String(data.get('reason') || '').trim();
  if (reason) body.reason = reason;
  if (body.score === undefined && body.verdict === undefined && !body.notFixed) {
    error.textContent = T.needAnswer;
    return;
  }
  button.disabled = true;
  button.textContent = T.sending;
  error.textContent = '';
  try {
    const response = await fetch(form.action, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': locale },
      body: JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    if (response.status === 409) return finish(T.already);
    if (!response.ok) {
      error.textContent = answer.message || T.failed;
      return;
    }
    finish(answer.reopened ? T.reopened : T.done);
  } catch {
    error.textContent = T.failed;
  } finally {
    button.disabled = false;
    button.textContent = T.submit;
  }
});
`;
