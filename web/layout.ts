import type { Refusal } from '../shared/http/errors.js';
import type { Locale } from '../shared/model/complaint.js';
import { html, type SafeHtml } from '../shared/templates/html.js';
import { type AssetName, assetPath } from './assets.js';

const SHELL_COPY = {
  en: {
    brand: 'Customer care',
    skip: 'Skip to the content',
    language: 'Language',
    footer: 'Reply to any mail we send you and your answer is added to your complaint.',
  },
  'zh-CN': {
    brand: '客户服务',
    skip: '跳到正文',
    language: '语言',
    footer: '直接回复我们发给您的任何邮件，您的回复都会记入您的投诉。',
  },
} as const;

export interface PageOptions {
  /** What the header offers beside the name: the language switch of a page that has one. */
  nav?: SafeHtml;
  /** The page's own script (an asset: the Content-Security-Policy allows no inline script). */
  script?: AssetName;
}

/**
 * The page shell every customer page shares: the stylesheet and the page's script by versioned
 * path (nothing inline), a header, the main column and a footer. `body` is already-escaped markup.
 */
export function page(locale: Locale, title: string, body: SafeHtml, options: PageOptions = {}): string {
  const t = SHELL_COPY[locale];
  return html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${title} · ${t.brand}</title>
<link rel="stylesheet" href="${assetPath('closeloop.css')}">
${options.script ? html`<script src="${assetPath(options.script)}" defer></script>` : ''}
</head>
<body class="cl-shell cl-shell--narrow">
<a class="cl-skip" href="#main">${t.skip}</a>
<header class="cl-header"><span class="cl-brand">${t.brand}</span>${options.nav ?? ''}</header>
<main id="main" class="cl-main cl-main--narrow" tabindex="-1">
${body}
</main>
<footer class="cl-footer"><p>${t.footer}</p></footer>
</body>
</html>`.value;
}

const OTHER_LANGUAGE: Record<Locale, { locale: Locale; name: string }> = {
  en: { locale: 'zh-CN', name: '中文' },
  'zh-CN': { locale: 'en', name: 'English' },
};

/**
 * The switch to the other language: the same page, `?lang=`; a customer page otherwise speaks the
 * complaint's language. `keep` is the rest of the page's own query (the survey's chosen score), so
 * switching language loses nothing the customer already chose.
 */
export function languageSwitch(locale: Locale, keep: Record<string, string | number | undefined> = {}): SafeHtml {
  const other = OTHER_LANGUAGE[locale];
  const query = new URLSearchParams({ lang: other.locale });
  for (const [name, value] of Object.entries(keep)) if (value !== undefined) query.set(name, String(value));
  return html`<nav class="cl-nav" aria-label="${SHELL_COPY[locale].language}"><a href="?${query.toString()}" hreflang="${other.locale}" lang="${other.locale}">${other.name}</a></nav>`;
}

const ERROR_COPY = {
  en: { title: 'We could not accept this', back: 'Back to the page' },
  'zh-CN': { title: '无法受理本次提交', back: '返回页面' },
} as const;

/**
 * A refusal shown to a person without JavaScript (a form post, an expired link): the same
 * sentence and field messages the JSON answer carries, and a way back to the page (by default
 * the address just posted to, which shows the page again; none for a page that could not be shown).
 */
export function renderErrorPage(refusal: Refusal, locale: Locale, back: string | null = ''): string {
  const t = ERROR_COPY[locale];
  return page(
    locale,
    t.title,
    html`<div class="cl-stack">
<h1>${t.title}</h1>
<div class="cl-alert cl-alert--error" role="alert"><div>
  <p id="error-message">${refusal.message}</p>
  ${refusal.fields ? html`<ul>${Object.values(refusal.fields).map((text) => html`<li>${text}</li>`)}</ul>` : ''}
</div></div>
${back === null ? '' : html`<p><a class="cl-button" href="${back}">${t.back}</a></p>`}
</div>`,
  );
}
