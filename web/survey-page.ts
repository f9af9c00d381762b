import { SURVEY_VERDICT_LABELS } from '../shared/i18n/labels.js';
import { type Locale, SURVEY_VERDICTS } from '../shared/model/complaint.js';
import { html, raw } from '../shared/templates/html.js';
import { languageSwitch, page } from './layout.js';

export interface SurveyPageOptions {
  ticketNumber: string;
  locale: Locale;
  /** The survey was already answered: the page thanks instead of asking again. */
  answered?: boolean;
  /** Where the answer is posted, as a form or as JSON (the page's own signed address, relative). */
  postUrl: string;
  /** The score the customer picked in the mail (`?score=`): chosen on the page, recorded only when sent. */
  score?: number;
}

/** A `?score=` from a mail's score link, if it is one of the five; anything else chooses nothing. */
export function chosenScore(value: string | undefined): number | undefined {
  return value !== undefined && /^[1-5]$/.test(value) ? Number(value) : undefined;
}

const SCORES = [1, 2, 3, 4, 5] as const;

const COPY = {
  en: {
    title: 'How did we do?',
    intro: (ticket: string) => `Your complaint ${ticket} has been resolved. Please tell us how satisfied you are.`,
    score: 'Your score',
    scale: '1 = very poor, 5 = excellent',
    verdict: 'Overall, are you…',
    reason: 'Why? (optional)',
    notFixed: 'The problem is not fixed',
    submit: 'Send my answer',
    sending: 'Sending…',
    needAnswer: 'Please choose a score or an overall verdict.',
    done: 'Thank you for your feedback.',
    reopened:
      'We are sorry it did not go well. Your complaint has been reopened, and a supervisor will follow up with you.',
    already: 'You have already answered this survey. Thank you for your feedback.',
    failed: 'Your answer could not be sent. Please try again.',
    chosen: (score: number) =>
      `You chose ${score}. Add anything you like and press “Send my answer”: nothing is recorded until you do.`,
  },
  'zh-CN': {
    title: '请您评价',
    intro: (ticket: string) => `您的投诉（编号 ${ticket}）已处理完毕，请告诉我们您是否满意。`,
    score: '您的评分',
    scale: '1 = 很差，5 = 很好',
    verdict: '总体而言，您对本次处理',
    reason: '原因（选填）',
    notFixed: '问题仍未解决',
    submit: '提交评价',
    sending: '提交中…',
    needAnswer: '请打分或选择总体评价。',
    done: '感谢您的评价。',
    reopened: '很抱歉让您不满意。您的投诉已重新处理，主管将与您跟进。',
    already: '您已完成评价，感谢您的反馈。',
    failed: '评价未能提交，请重试。',
    chosen: (score: number) => `您选择了 ${score} 分。可补充其他内容后点击“提交评价”：提交前不会记录任何评价。`,
  },
} as const;

// The shared layout sizes inputs for text; radio buttons and checkboxes sit beside their label.
const CHOICE_STYLE = `
  fieldset { border: 1px solid #8884; border-radius: .5rem; margin-top: 1rem; }
  .choice label { display: inline-flex; gap: .3rem; align-items: center; margin: .3rem 1rem .3rem 0; font-weight: normal; }
  .choice input { width: auto; }
`;

/**
 * The satisfaction survey: a 1-5 score, satisfied / basically satisfied / dissatisfied, a reason and
 * "not fixed". The script renders answers with textContent only.
 */
export function renderSurveyPage({
  ticketNumber,
  locale,
  answered = false,
  postUrl,
  score,
}: SurveyPageOptions): string {
  const t = COPY[locale];
  if (answered) return renderSurveyAnsweredPage(locale, 'already');
  return page(
    locale,
    t.title,
    html`<style>${raw(CHOICE_STYLE)}</style>
${languageSwitch(locale)}
<h1>${t.title}</h1>
<p>${t.intro(ticketNumber)}</p>
${score ? html`<p class="card" id="chosen">${t.chosen(score)}</p>` : ''}
<form id="survey" method="post" action="${postUrl}" novalidate>
  <input type="hidden" name="lang" value="${locale}">
  <fieldset class="choice"><legend>${t.score} (${t.scale})</legend>
    ${SCORES.map((s) => html`<label><input type="radio" name="score" value="${s}"${s === score ? raw(' checked') : ''}>${s}</label>`)}
  </fieldset>
  <fieldset class="choice"><legend>${t.verdict}</legend>
    ${SURVEY_VERDICTS.map((v) => html`<label><input type="radio" name="verdict" value="${v}">${SURVEY_VERDICT_LABELS[v][locale]}</label>`)}
  </fieldset>
  <div class="choice"><label><input type="checkbox" name="notFixed" value="true">${t.notFixed}</label></div>
  <label for="reason">${t.reason}</label><textarea id="reason" name="reason" maxlength="2000"></textarea>
  <button type="submit">${t.submit}</button>
  <p class="error" id="survey-error" role="alert"></p>
</form>
<p id="result" class="card" hidden></p>
<script>${raw(surveyScript(postUrl, locale))}</script>`,
  );
}

/** The page after an answer (or when there is nothing left to answer): the same words the script shows. */
export function renderSurveyAnsweredPage(locale: Locale, outcome: 'closed' | 'reopened' | 'already'): string {
  const t = COPY[locale];
  const text = outcome === 'reopened' ? t.reopened : outcome === 'already' ? t.already : t.done;
  return page(locale, t.title, html`<h1>${t.title}</h1><p class="card" id="result">${text}</p>`);
}

/** A plain form post, read into the answer the JSON API takes (a score is a number, a ticked box is true). */
export function surveyFromForm(form: unknown): unknown {
  const posted = (form ?? {}) as Record<string, unknown>;
  const answer: Record<string, unknown> = {};
  if (typeof posted.score === 'string' && posted.score !== '') answer.score = Number(posted.score);
  if (typeof posted.verdict === 'string' && posted.verdict !== '') answer.verdict = posted.verdict;
  if (posted.notFixed !== undefined) answer.notFixed = true;
  if (typeof posted.reason === 'string' && posted.reason.trim() !== '') answer.reason = posted.reason;
  return answer;
}

/** Everything the script embeds is JSON with `<` escaped, so no value can close the script element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function surveyScript(postUrl: string, locale: Locale): string {
  const t = COPY[locale];
  const messages = {
    submit: t.submit,
    sending: t.sending,
    needAnswer: t.needAnswer,
    done: t.done,
    reopened: t.reopened,
    already: t.already,
    failed: t.failed,
  };
  return `
const T = ${scriptJson(messages)};
const form = document.getElementById('survey');
const button = form.querySelector('button');
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
    const response = await fetch(${scriptJson(postUrl)}, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': ${scriptJson(locale)} },
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
});`;
}
