import { describe, expect, it } from 'vitest';
import { html } from '../../shared/http/response.js';
import type { StatusView } from '../../shared/usecases/view-status.js';
import { assetPath } from '../../web/assets.js';
import { renderFormPage, renderSubmittedPage } from '../../web/form-page.js';
import { renderErrorPage } from '../../web/layout.js';
import { renderReplySentPage, renderStatusPage } from '../../web/status-page.js';
import { renderSurveyAnsweredPage, renderSurveyPage } from '../../web/survey-page.js';

const view: StatusView = {
  ticketNumber: '202611-0042',
  status: 'awaiting_customer',
  category: 'product_quality',
  receivedAt: '2026-11-24T02:00:00.000Z',
  expectedResolutionBy: '2026-11-27T02:00:00.000Z',
  updatedAt: '2026-11-24T03:00:00.000Z',
  locale: 'en',
  history: [{ type: 'received', at: '2026-11-24T02:00:00.000Z' }],
  question: { text: 'A photo of the base?', answerBy: '2026-12-01T03:00:00.000Z' },
};

const refusal = { statusCode: 400, code: 'validation_failed', message: 'Some fields need your attention.' };

const pages = (['en', 'zh-CN'] as const).flatMap((locale) =>
  Object.entries({
    form: renderFormPage(locale, { idempotencyKey: 'key-0123456789' }),
    submitted: renderSubmittedPage(
      { ticketNumber: '202611-0042', resolveBy: '2026-11-27T02:00:00.000Z', statusUrl: 'http://x/status/t' },
      locale,
      'Asia/Shanghai',
    ),
    status: renderStatusPage(view, locale, 'Asia/Shanghai', 'tok'),
    'reply sent': renderReplySentPage(locale, 'tok'),
    survey: renderSurveyPage({ ticketNumber: '202611-0042', locale, postUrl: 'tok', score: 3 }),
    'survey answered': renderSurveyAnsweredPage(locale, 'closed'),
    error: renderErrorPage(refusal, locale),
  }).map(([name, page]) => [`${name} (${locale})`, page] as const),
);

describe('every customer page', () => {
  it.each(pages)('%s links the one stylesheet and carries no inline style or script', (_name, page) => {
    expect(page).toContain(`<link rel="stylesheet" href="${assetPath('closeloop.css')}">`);
    expect(page).not.toMatch(/<style/i);
    expect(page).not.toMatch(/\sstyle=/i);
    expect(page).not.toMatch(/\son[a-z]+=/i);
    for (const [script] of page.matchAll(/<script[^>]*>/gi)) expect(script).toMatch(/^<script src="\/assets\//);
    expect(page).not.toMatch(/<script[^>]*>[^<]+<\/script>/i);
  });

  it.each(pages)('%s has one main landmark inside the shared shell', (_name, page) => {
    expect(page).toMatch(/<body class="cl-shell[^"]*">/);
    expect(page.match(/<main /g)).toHaveLength(1);
    expect(page.match(/<h1>/g)).toHaveLength(1);
  });
});

describe('an HTML answer', () => {
  it('carries the strict Content-Security-Policy: our own files only, nothing inline, no framing', () => {
    const policy = html(200, '<!doctype html>').headers?.['content-security-policy'];
    expect(String(policy).split('; ').sort()).toEqual(
      [
        "base-uri 'none'",
        "connect-src 'self'",
        "default-src 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "img-src 'self' data:",
        "script-src 'self'",
        "style-src 'self'",
      ].sort(),
    );
    expect(String(policy)).not.toContain('unsafe');
  });
});
