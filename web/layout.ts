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
<body>${body}</body>
</html>`.value;
}
