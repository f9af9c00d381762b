import { describe, expect, it } from 'vitest';
import type { Locale } from '../../shared/model/complaint.js';
import { assetPath } from '../../web/assets.js';
import { SURVEY_SCRIPT } from '../../web/scripts/survey.js';
import { renderSurveyAnsweredPage, renderSurveyPage, surveyFromForm } from '../../web/survey-page.js';

const postUrl = '/survey/tok-123';

interface FakeElement {
  textContent: string;
  hidden: boolean;
  disabled: boolean;
}

/** An attribute of the page's markup, its entities decoded as a browser decodes them. */
function attribute(pageHtml: string, pattern: RegExp): string {
  const value = pattern.exec(pageHtml)?.[1];
  if (value === undefined) throw new Error(`the page has no ${pattern}`);
  return value.replace(
    /&(quot|lt|gt|#39|#96|amp);/g,
    (_, name: string) => ({ quot: '"', lt: '<', gt: '>', '#39': "'", '#96': '`', amp: '&' })[name as 'quot'],
  );
}

/**
 * Runs the page's script (/assets/survey.js) against the smallest DOM it uses: the form with the
 * page's own action and data-messages, the page's language, the form's fields, a recorded fetch,
 * and elements that only know textContent, so markup can never be how a result shows.
 */
function runScript(
  pageHtml: string,
  fields: Record<string, string>,
  reply: { status: number; body: unknown } = { status: 200, body: { ok: true } },
) {
  expect(pageHtml).toContain(`<script src="${assetPath('survey.js')}" defer></script>`);
  const element = (): FakeElement => ({ textContent: '', hidden: false, disabled: false });
  const button = element();
  let onSubmit: ((event: { preventDefault(): void }) => Promise<void>) | undefined;
  const form = {
    ...element(),
    action: attribute(pageHtml, /<form id="survey" method="post" action="([^"]*)"/),
    dataset: { messages: attribute(pageHtml, /<form id="survey"[^>]* data-messages="([^"]*)"/) },
    querySelector: () => button,
    addEventListener: (_type: string, listener: typeof onSubmit) => {
      onSubmit = listener;
    },
  };
  const elements: Record<string, unknown> = {
    survey: form,
    'survey-error': element(),
    result: { ...element(), hidden: true },
  };
  class FormDataOfFields {
    get(name: string) {
      return fields[name] ?? null;
    }
  }
  const requests: { url: string; init: { method: string; headers: Record<string, string>; body: string } }[] = [];
  const fetch = async (url: string, init: (typeof requests)[number]['init']) => {
    requests.push({ url, init });
    return { status: reply.status, ok: reply.status < 300, json: async () => reply.body };
  };
  const document = {
    getElementById: (id: string) => elements[id],
    documentElement: { lang: attribute(pageHtml, /<html lang="([^"]*)">/) },
  };
  new Function('document', 'FormData', 'fetch', SURVEY_SCRIPT)(document, FormDataOfFields, fetch);
  return {
    submit: () => onSubmit!({ preventDefault() {} }),
    requests,
    form,
    result: elements.result as FakeElement,
    error: elements['survey-error'] as FakeElement,
  };
}

describe('the survey page', () => {
  it.each<[Locale, string, string[]]>([
    ['en', 'How did we do?', ['Satisfied', 'Basically satisfied', 'Dissatisfied', 'The problem is not fixed']],
    ['zh-CN', '请您评价', ['满意', '基本满意', '不满意', '问题仍未解决']],
  ])('offers, in %s, the five scores, the three verdicts, a reason and "not fixed"', (locale, title, words) => {
    const page = renderSurveyPage({ ticketNumber: '202611-0042', locale, postUrl });
    expect(page).toContain(`<html lang="${locale}">`);
    expect(page).toContain(title);
    expect(page).toContain('202611-0042');
    const scores = [...page.matchAll(/<input type="radio" name="score" value="(\d)">/g)].map((m) => m[1]);
    expect(scores).toEqual(['1', '2', '3', '4', '5']);
    const verdicts = [...page.matchAll(/<input type="radio" name="verdict" value="([a-z_]+)">/g)].map((m) => m[1]);
    expect(verdicts).toEqual(['satisfied', 'basically_satisfied', 'dissatisfied']);
    expect(page).toContain('name="notFixed"');
    expect(page).toContain('<textarea id="reason" name="reason"');
    for (const word of words) expect(page).toContain(word);
  });

  it('posts the answer as JSON to the given address and shows the thanks as text', async () => {
    const run = runScript(renderSurveyPage({ ticketNumber: '202611-0042', locale: 'en', postUrl }), {
      score: '4',
      verdict: 'basically_satisfied',
      reason: '  Took a while  ',
    });
    await run.submit();
    expect(run.requests).toHaveLength(1);
    expect(run.requests[0]!.url).toBe(postUrl);
    expect(run.requests[0]!.init.method).toBe('POST');
    expect(run.requests[0]!.init.headers['content-type']).toBe('application/json');
    expect(JSON.parse(run.requests[0]!.init.body)).toEqual({
      score: 4,
      verdict: 'basically_satisfied',
      reason: 'Took a while',
    });
    expect(run.result.textContent).toBe('Thank you for your feedback.');
    expect(run.result.hidden).toBe(false);
    expect(run.form.hidden).toBe(true);
  });

  it('tells a customer whose answer reopened the complaint that a supervisor will follow up', async () => {
    const run = runScript(
      renderSurveyPage({ ticketNumber: '202611-0042', locale: 'zh-CN', postUrl }),
      { score: '1', notFixed: 'true' },
      { status: 200, body: { reopened: true } },
    );
    await run.submit();
    expect(JSON.parse(run.requests[0]!.init.body)).toEqual({ score: 1, notFixed: true });
    expect(run.result.textContent).toBe('很抱歉让您不满意。您的投诉已重新处理，主管将与您跟进。');
  });

  it('sends nothing until the customer chose a score, a verdict or "not fixed"', async () => {
    const run = runScript(renderSurveyPage({ ticketNumber: '202611-0042', locale: 'en', postUrl }), {
      reason: 'just a comment',
    });
    await run.submit();
    expect(run.requests).toHaveLength(0);
    expect(run.error.textContent).toBe('Please choose a score or an overall verdict.');
  });

  it('shows the server’s message as text when the answer is refused, and "already answered" on a conflict', async () => {
    const refused = runScript(
      renderSurveyPage({ ticketNumber: '202611-0042', locale: 'en', postUrl }),
      { score: '3' },
      { status: 400, body: { message: '<b>Score must be 1-5</b>' } },
    );
    await refused.submit();
    expect(refused.error.textContent).toBe('<b>Score must be 1-5</b>');
    expect(refused.form.hidden).toBe(false);

    const twice = runScript(
      renderSurveyPage({ ticketNumber: '202611-0042', locale: 'en', postUrl }),
      { score: '3' },
      { status: 409, body: {} },
    );
    await twice.submit();
    expect(twice.result.textContent).toBe('You have already answered this survey. Thank you for your feedback.');
  });

  it('thanks instead of asking again once the survey is answered', () => {
    const page = renderSurveyPage({ ticketNumber: '202611-0042', locale: 'zh-CN', postUrl, answered: true });
    expect(page).toContain('您已完成评价，感谢您的反馈。');
    expect(page).not.toContain('<form');
    expect(page).not.toContain('<script');
  });

  it('escapes the ticket number and the post address, and carries no inline script to break out of', () => {
    const page = renderSurveyPage({
      ticketNumber: '<script>alert(1)</script>',
      locale: 'en',
      postUrl: '/survey/x"</script><script>alert(2)</script>',
    });
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('action="/survey/x&quot;&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;"');
    expect(page.match(/<script/g)).toHaveLength(1);
    expect(page).toMatch(/<script src="\/assets\/survey\.js\?v=[\w-]+" defer><\/script>/);
    expect(SURVEY_SCRIPT).not.toContain('innerHTML');
  });

  it('keeps the score chosen in the mail when the customer switches language', () => {
    const page = renderSurveyPage({ ticketNumber: '202611-0042', locale: 'zh-CN', postUrl, score: 4 });
    expect(page).toContain('<a href="?lang=en&amp;score=4"');
    const none = renderSurveyPage({ ticketNumber: '202611-0042', locale: 'en', postUrl });
    expect(none).toContain('<a href="?lang=zh-CN"');
  });

  it('is a plain form that posts back to its own address in the page’s language, for a browser without JavaScript', () => {
    const page = renderSurveyPage({ ticketNumber: '202611-0042', locale: 'zh-CN', postUrl });
    expect(page).toContain(`<form id="survey" method="post" action="${postUrl}" novalidate`);
    expect(page).toContain('<input type="hidden" name="lang" value="zh-CN">');
    expect(page).toContain('<a href="?lang=en"');
  });

  it('reads a plain form post as the answer the API takes', () => {
    expect(surveyFromForm({ lang: 'en', score: '2', notFixed: 'true', reason: ' still leaks ' })).toEqual({
      score: 2,
      notFixed: true,
      reason: ' still leaks ',
    });
    expect(surveyFromForm({ verdict: 'satisfied', reason: '' })).toEqual({ verdict: 'satisfied' });
  });

  it('answers a form post with the same words the script shows', () => {
    expect(renderSurveyAnsweredPage('en', 'closed')).toContain('Thank you for your feedback.');
    expect(renderSurveyAnsweredPage('zh-CN', 'reopened')).toContain('主管将与您跟进');
  });
});
