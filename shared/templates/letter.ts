import type { Locale } from '../model/complaint.js';
import { html, type SafeHtml } from './html.js';

/**
 * A mail body as a list of blocks. The plain-text and the HTML part are both rendered from the
 * same blocks, so the two parts always say the same thing, and HTML is built only through `html`.
 */
export type Block =
  | { p: string }
  /** Text someone typed (a customer's description, an owner's message): kept line by line. */
  | { quote: string }
  | { heading: string }
  | { list: string[] }
  | { facts: [label: string, value: string][] }
  | { link: string; label: string }
  /** A row of links, one per choice (the survey's scores): each opens a page with that choice made. */
  | { choices: { link: string; label: string }[] };

export interface RenderedLetter {
  text: string;
  html: string;
}

const LINE_BREAK = /\r\n|\r|\n/;

// Chinese text takes the full-width colon, with no space after it.
const COLON: Record<Locale, string> = { en: ': ', 'zh-CN': '：' };

export function renderLetter(locale: Locale, blocks: Block[]): RenderedLetter {
  const text = blocks.map((block) => blockText(block, COLON[locale])).join('\n\n');
  const body = html`<!doctype html>
<html lang="${locale}"><body style="font-family: sans-serif; line-height: 1.5">
${blocks.map(blockHtml)}
</body></html>`;
  return { text, html: body.value };
}

function blockText(block: Block, colon: string): string {
  if ('p' in block) return block.p;
  if ('quote' in block) return block.quote.split(LINE_BREAK).join('\n');
  if ('heading' in block) return `${block.heading}${colon.trim()}`;
  if ('list' in block) return block.list.map((item) => `- ${item}`).join('\n');
  if ('facts' in block) return block.facts.map(([label, value]) => `${label}${colon}${value}`).join('\n');
  if ('choices' in block) return block.choices.map((c) => `${c.label}${colon}${c.link}`).join('\n');
  return `${block.label}\n${block.link}`;
}

function blockHtml(block: Block): SafeHtml {
  if ('p' in block) return html`<p>${block.p}</p>\n`;
  if ('quote' in block) {
    const lines = block.quote.split(LINE_BREAK).map((line, i) => (i === 0 ? html`${line}` : html`<br>${line}`));
    return html`<blockquote style="border-left: 3px solid #ccc; margin: 0; padding-left: 1em">${lines}</blockquote>\n`;
  }
  if ('heading' in block) return html`<h3>${block.heading}</h3>\n`;
  if ('list' in block) return html`<ul>${block.list.map((item) => html`<li>${item}</li>`)}</ul>\n`;
  if ('facts' in block) {
    return html`<table>${block.facts.map(([label, value]) => html`<tr><th align="left">${label}</th><td>${value}</td></tr>`)}</table>\n`;
  }
  if ('choices' in block) {
    const style =
      'display: inline-block; margin: 0 .5em .5em 0; padding: .4em .8em; border: 1px solid #888; border-radius: .3em';
    return html`<p>${block.choices.map((c) => html`<a href="${c.link}" style="${style}">${c.label}</a> `)}</p>\n`;
  }
  return html`<p>${block.label}<br><a href="${block.link}">${block.link}</a></p>\n`;
}
