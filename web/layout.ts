import type { Refusal } from '../shared/http/errors.js';
import type { Locale } from '../shared/model/complaint.js';
import { html, type SafeHtml } from '../shared/templates/html.js';

const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; }
  body { max-width: 42rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
  label { display: block; margin-top: .8rem; font-weight: 600; }
  input, select, textarea { width: 100%; box-sizing: border-box; padding: .45rem; font: inherit; }
  textarea { min-height: 9rem; }
  button { margin-top: 1rem; padding: .6rem 1.4rem; font: inherit; cursor: pointer; }
  .error { color: #b00020; font-size: .9rem; }
  @media (prefers-color-scheme: dark) { .error { color: #ff8a80; } }
  .hp { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
  .card { border: 1px solid #8884; border-radius: .5rem; padding: 1rem; margin-top: 1rem; }
  nav { text-align: right; }
  dt { font-weight: 600; } dd { margin: 0 0 .5rem 0; }
`;

/** The page shell every customer page shares; `body` is already-escaped markup. */
export function page(locale: Locale, title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body>
</html>`.value;
}

const OTHER_LANGUAGE: Record<Locale, { locale: Locale; name: string }> = {
  en: { locale: 'zh-CN', name: '中文' },
  'zh-CN': { locale: 'en', name: 'English' },
};

/** The switch to the other language: the same page, `?lang=`; a customer page otherwise speaks the complaint's language. */
export function languageSwitch(locale: Locale): SafeHtml {
  const other = OTHER_LANGUAGE[locale];
  return html`<nav><a href="?lang=${other.locale}" hreflang="${other.locale}" lang="${other.locale}">${other.name}</a></nav>`;
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
    html`<h1>${t.title}</h1>
<div class="card" role="alert">
  <p id="error-message">${refusal.message}</p>
  ${refusal.fields ? html`<ul>${Object.values(refusal.fields).map((text) => html`<li>${text}</li>`)}</ul>` : ''}
</div>
${back === null ? '' : html`<p><a href="${back}">${t.back}</a></p>`}`,
  );
}
