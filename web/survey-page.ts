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

/**
 * The satisfaction survey: a 1-5 score, satisfied / basically satisfied / dissatisfied, a reason and
 * "not fixed". A plain form post; its script (/assets/survey.js, web/scripts/survey.ts) posts JSON
 * instead and renders answers with textContent only.
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
  const messages = JSON.stringify({
    submit: t.submit,
    sending: t.sending,
    needAnswer: t.needAnswer,
    done: t.done,
    reopened: t.reopened,
    already: t.already,
    failed: t.failed,
  });
  return page(
    locale,
    t.title,
    html`<div class="cl-stack cl-stack--loose">
<div class="cl-stack cl-stack--tight">
  <h1>${t.title}</h1>
  <p class="cl-lead">${t.intro(ticketNumber)}</p>
</div>
${score ? html`<p class="cl-alert cl-alert--info" id="chosen">${t.chosen(score)}</p>` : ''}
<form id="survey" method="post" action="${postUrl}" novalidate class="cl-card cl-form" data-messages="${messages}">
  <input type="hidden" name="lang" value="${locale}">
  <fieldset class="cl-section"><legend>${t.score} <span class="cl-optional">(${t.scale})</span></legend>
    <div class="cl-scale">${SCORES.map((s) => html`<label class="cl-choice"><input type="radio" name="score" value="${s}"${s === score ? raw(' checked') : ''}>${s}</label>`)}</div>
  </fieldset>
  <fieldset class="cl-section"><legend>${t.verdict}</legend>
    <div class="cl-choices">${SURVEY_VERDICTS.map((v) => html`<label class="cl-choice"><input type="radio" name="verdict" value="${v}">${SURVEY_VERDICT_LABELS[v][locale]}</label>`)}</div>
  </fieldset>
  <label class="cl-check"><input type="checkbox" name="notFixed" value="true">${t.notFixed}</label>
  <div class="cl-field"><label for="reason">${t.reason}</label><textarea id="reason" name="reason" maxlength="2000"></textarea></div>
  <div class="cl-actions">
    <button type="submit" class="cl-button cl-button--primary">${t.submit}</button>
    <p class="cl-error" id="survey-error" role="alert"></p>
  </div>
</form>
<p id="result" class="cl-alert cl-alert--success" role="status" hidden></p>
</div>`,
    // The language link keeps the score chosen in the mail: switching language must not drop it.
    { nav: languageSwitch(locale, { score }), script: 'survey.js' },
  );
}

/** The page after an answer (or when there is nothing left to answer): the same words the script shows. */
export function renderSurveyAnsweredPage(locale: Locale, outcome: 'closed' | 'reopened' | 'already'): string {
  const t = COPY[locale];
  const text = outcome === 'reopened' ? t.reopened : outcome === 'already' ? t.already : t.done;
  const tone = outcome === 'reopened' ? 'cl-alert--info' : 'cl-alert--success';
  return page(
    locale,
    t.title,
    html`<div class="cl-stack"><h1>${t.title}</h1><p class="cl-alert ${tone}" id="result">${text}</p></div>`,
  );
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
