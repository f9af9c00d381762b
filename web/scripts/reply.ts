/**
 * The status page's reply script, served as /assets/reply.js: posts the customer's answer as JSON
 * instead of the plain form post and thanks in place. Words from the form's `data-messages`,
 * language from `<html lang>`, output through textContent only.
 */
export const REPLY_SCRIPT = `
const replyForm = document.getElementById('reply');
const T = JSON.parse(replyForm.dataset.messages);
const locale = document.documentElement.lang;
replyForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const out = document.getElementById('reply-result');
  const message = replyForm.elements.message.value;
  try {
    const response = await fetch(replyForm.action, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': locale },
      body: JSON.stringify({ message }),
    });
    const answer = await response.json();
    out.textContent = response.ok ? T.sent : answer.message || T.failed;
    out.className = response.ok ? 'cl-alert cl-alert--success' : 'cl-alert cl-alert--error';
    if (response.ok) replyForm.hidden = true;
  } catch {
    out.textContent = T.failed;
    out.className = 'cl-alert cl-alert--error';
  }
});
`;
