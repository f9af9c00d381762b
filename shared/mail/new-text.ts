import { Parser } from 'htmlparser2';

/**
 * Keeps only what the sender wrote this time. Mail clients put the history below a line of their
 * own ("On … wrote:", "-----原始邮件-----", an Outlook "From: … Sent: …" block, a `>` block or, in
 * HTML, a blockquote or a divider element), and most add a signature line of their own ("发自我的
 * iPhone"). The text is cut at the first such mark; `>` lines are dropped wherever they are, so an
 * answer written between quoted lines survives.
 */

const SKIPPED = new Set(['script', 'style', 'head', 'title', 'noscript', 'template', 'svg', 'object', 'iframe']);
const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'tr',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'pre',
  'hr',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'section',
  'article',
  'header',
  'footer',
  'center',
  'address',
  'blockquote',
  'form',
  'fieldset',
  'figure',
  'figcaption',
  'main',
  'nav',
  'aside',
  'caption',
  'o:p',
]);
/** Block elements whose end leaves an empty line, as a browser shows a paragraph. */
const PARAGRAPH = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'ul', 'ol', 'blockquote', 'pre']);

/** Elements where a client starts the quoted history or the forwarded message. */
function startsHistory(name: string, attribs: Record<string, string>): boolean {
  const cls = ` ${(attribs.class ?? '').toLowerCase()} `;
  const id = (attribs.id ?? '').toLowerCase();
  const style = (attribs.style ?? '').toLowerCase().replace(/\s+/g, '');
  // A blockquote is also how Gmail indents a paragraph (margin, border:none): only a quoting one counts.
  if (name === 'blockquote') {
    return (attribs.type ?? '').toLowerCase() === 'cite' || /quote/.test(cls) || /border-left/.test(style) || id !== '';
  }
  // QQ Mail wraps the whole quoted tail in its own element.
  if (name === 'includetail') return true;
  if (/ (gmail_quote|gmail_quote_container|yahoo_quoted|moz-cite-prefix|protonmail_quote|zmail_extra) /.test(cls)) {
    return true;
  }
  // Signatures clients mark in HTML (Gmail, Thunderbird, Apple, Outlook mobile, 163): nothing new follows them.
  if (/ (gmail_signature|gmail_signature_prefix|moz-signature) /.test(cls)) return true;
  if (/^(applemailsignature|ms-outlook-mobile-signature|qqmailsignature|ntes-[a-z]*mail-signature|signature)$/.test(id))
    return true;
  // Outlook web and desktop (divRplyFwdMsg, appendonsend), 163/126 (isReplyContent, isForwardContent).
  if (
    /^(divrplyfwdmsg|appendonsend|isreplycontent|isforwardcontent|reply-content|mail-editor-reference-message-container)$/.test(
      id,
    )
  ) {
    return true;
  }
  // Outlook desktop's divider above "From: … Sent: …": a div whose only border is a solid top line.
  return name === 'div' && /border-top:solid/.test(style) && /border:none/.test(style);
}

export interface HtmlText {
  /** The whole text. */
  text: string;
  /** The text before the first element that starts quoted history (the whole text when there is none). */
  beforeHistory: string;
}

/**
 * HTML to plain text for reading and matching, never for display: scripts, styles and the head
 * dropped, entities decoded, block elements and <br> as line breaks, runs of spaces collapsed.
 * A streaming parser, so deeply nested markup costs no recursion.
 */
export function htmlToText(html: string): HtmlText {
  // Pieces in an array, and the count of trailing line breaks kept aside: reading back the end of
  // a string built with += flattens it each time, which made long mails quadratic.
  const pieces: string[] = [];
  let length = 0;
  let trailingBreaks = 0;
  let cutAt: number | undefined;
  let skipDepth = 0;
  let preDepth = 0;
  const append = (text: string) => {
    if (!text) return;
    pieces.push(text);
    length += text.length;
    const breaks = /\n*$/.exec(text)?.[0].length ?? 0;
    trailingBreaks = breaks === text.length ? trailingBreaks + breaks : breaks;
  };
  const newline = (count: number) => {
    if (length > 0 && trailingBreaks < count) append('\n'.repeat(count - trailingBreaks));
  };
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (SKIPPED.has(name)) skipDepth += 1;
        if (name === 'pre') preDepth += 1;
        if (cutAt === undefined && skipDepth === 0 && startsHistory(name, attribs)) {
          newline(1);
          cutAt = pieces.length;
        }
        if (BLOCK.has(name)) newline(1);
        if (name === 'li') append('- ');
        if (name === 'td' || name === 'th') append(' ');
      },
      ontext(data) {
        if (skipDepth > 0) return;
        const text = data.replace(/[\u00a0\u2007\u202f]/g, ' ');
        append(preDepth > 0 ? text : text.replace(/[ \t\r\n\f]+/g, ' '));
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) skipDepth = Math.max(0, skipDepth - 1);
        if (name === 'pre') preDepth = Math.max(0, preDepth - 1);
        if (PARAGRAPH.has(name)) newline(2);
        else if (BLOCK.has(name)) newline(1);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  const text = tidy(pieces.join(''));
  return { text, beforeHistory: cutAt === undefined ? text : tidy(pieces.slice(0, cutAt).join('')) };
}

/** Trailing spaces off every line, leading spaces off (HTML indentation), at most one empty line in a row. */
function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/^[ \t]+|[ \t]+$/g, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const ATTRIBUTION_END = [
  // Gmail, Apple Mail, Outlook for Mac in English: "On Mon, 30 Nov 2026 at 10:00, Li Wei <…> wrote:"
  /^On\b.{4,300}\bwrote\s*:$/i,
  // Gmail in Chinese and Japanese, Apple Mail in Chinese, 163/126: "在 2026年11月30日 … 写道：" / "於 … 寫道："
  /(写道|寫道|書きました|작성)\s*[:：]$/,
  /^Le\b.{4,300}\ba écrit\s*:$/i,
  /^Am\b.{4,300}\bschrieb\b.{0,200}:$/i,
  /^El\b.{4,300}\bescribió\s*:$/i,
  /^Em\b.{4,300}\bescreveu\s*:$/i,
  /^Il\b.{4,300}\bha scritto\s*:$/i,
  /^Op\b.{4,300}\bschreef\b.{0,200}:$/i,
  /^W dniu\b.{4,300}\bnapisał\b.{0,40}:$/i,
  /написал(а)?\s*:$/i,
];

const DIVIDER = [
  // "-----Original Message-----", "-----原始邮件-----", QQ Mail's "------------------ 原始邮件 ------------------",
  // Foxmail's "------------------ Original ------------------", Gmail's forward line.
  /^-{2,}\s*(original message|original|原始邮件|原始郵件|原邮件|原始信息|原始消息|forwarded message|转发的消息|回复的原邮件|转发邮件|转发的邮件|mensaje original|message d'origine|ursprüngliche nachricht|messaggio originale|oorspronkelijk bericht)\s*-{2,}$/i,
  // Outlook's plain-text divider above the header block.
  /^_{20,}$/,
  // Apple Mail's forward, in English and Chinese.
  /^(begin forwarded message|开始转发的邮件|以下是转发的邮件|轉寄的郵件)\s*[:：]$/i,
];

const HEADER_FROM = /^\*?(from|发件人|寄件者|寄件人|de|von|da|van|от)\s*\*?\s*[:：]/i;
const HEADER_NEXT =
  /^\*?(sent|date|to|subject|cc|发送时间|发件时间|时间|日期|收件人|抄送|主题|寄件日期|收件者|主旨|envoyé|gesendet|enviado|inviato|verzonden|отправлено|à|an|para|a|aan|objet|betreff|asunto|oggetto|onderwerp)\s*\*?\s*[:：]/i;

const SIGNATURE = [
  /^(sent from my|sent from mail for|sent from outlook for|get outlook for|sent with|sent via|sent from yahoo mail)\b/i,
  /^(发自|發自|来自|來自|寄自)我的.{0,15}$/i,
  /^发自.{0,15}(邮箱|客户端|手机|iphone|ipad|android|mail)(大师)?$/i,
  /^来自(网易邮箱|\s*qq\s*邮箱).{0,8}$/i,
  /^来自.{0,12}(客户端|手机|iphone|ipad|android)$/i,
  /^(从|從)(我的)?.{0,15}(发送|傳送)$/i,
  /^(获取|下载|取得)\s*outlook\b/i,
  /^(从|從)?\s*outlook\s*for\s*(ios|android)\s*(发送|傳送)?$/i,
];
/** Client signature lines are short; a longer line that starts the same way is the sender's own sentence. */
const SIGNATURE_MAX = 60;

/** Attributions are one short line; longer lines are never tested, which keeps every pattern linear. */
const ATTRIBUTION_MAX = 400;

/** 1 or 2 (the lines the attribution takes) when `line` starts an attribution, else 0. */
function isAttribution(line: string, next: string | undefined): number {
  if (line.length > ATTRIBUTION_MAX) return 0;
  const matches = (candidate: string) => ATTRIBUTION_END.some((pattern) => pattern.test(candidate));
  if (matches(line)) return 1;
  // Gmail and Apple wrap a long attribution over two lines. The next line alone may look like one
  // too ("10:00写道："); the line with the sender's address is where it starts.
  if (!next || !matches(`${line} ${next}`)) return 0;
  return !matches(next) || (line.includes('@') && !next.includes('@')) ? 2 : 0;
}

const HEADER_SUBJECT =
  /^\*?(subject|主题|主題|主旨|objet|betreff|asunto|oggetto|onderwerp|assunto|тема)\s*\*?\s*[:：]/i;

/**
 * A quoted mail's header block: a From line followed by at least two more header lines, one of them
 * the subject. The subject is required so that a customer's "寄件人：… 收件人：… 日期：…" about a parcel stays.
 */
function isOutlookHeaderBlock(lines: string[], at: number): boolean {
  if (!HEADER_FROM.test(lines[at] ?? '')) return false;
  const following = lines.slice(at + 1, at + 7);
  const seen = following.filter((line) => HEADER_NEXT.test(line) || HEADER_SUBJECT.test(line)).length;
  return seen >= 2 && following.some((line) => HEADER_SUBJECT.test(line));
}

const QUOTED = /^\s*[>＞]/;

/** True when someone wrote below a quoted line: text that is neither quoted nor empty after a quote. */
function answersBetweenQuotes(lines: string[]): boolean {
  const firstQuote = lines.findIndex((line) => QUOTED.test(line));
  if (firstQuote < 0) return false;
  return lines.slice(firstQuote).some((line) => line !== '' && !QUOTED.test(line));
}

/** The index of the first line that starts the quoted history, or the number of lines when there is none. */
/**
 * Gmail in other languages ("2026年11月30日(月) 10:00 Support <s@x.com>:", "… <s@x.com>님이 작성:"): a line
 * that names an address and ends with a colon, when what follows it is quoted.
 */
const ADDRESS_THEN_COLON = /^.{0,250}[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>?.{0,40}[:：]$/;

function isGenericAttribution(lines: string[], at: number): boolean {
  const line = lines[at] ?? '';
  if (line.length > ATTRIBUTION_MAX || !ADDRESS_THEN_COLON.test(line)) return false;
  const next = lines.slice(at + 1).find((line) => line !== '');
  return next !== undefined && QUOTED.test(next);
}

function historyStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    if (DIVIDER.some((pattern) => pattern.test(line))) return i;
    if (isAttribution(line, lines[i + 1]) || isGenericAttribution(lines, i)) return i;
    if (isOutlookHeaderBlock(lines, i)) return i;
  }
  return lines.length;
}

function signatureStart(lines: string[]): number {
  const at = lines.findIndex(
    (line) => /^--\s?$/.test(line) || (line.length <= SIGNATURE_MAX && SIGNATURE.some((pattern) => pattern.test(line))),
  );
  return at < 0 ? lines.length : at;
}

export interface NewText {
  text: string;
  /** True when nothing new was found and `text` holds the first lines of the whole text instead. */
  fallback: boolean;
  /** True when a history mark (attribution, divider, header block or `>` line) was found. */
  sawHistory?: boolean;
}

const FALLBACK_LINES = 20;

/** Strips history and signature from plain text. */
export function stripQuotedText(text: string): NewText {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/[\u200b\ufeff]/g, '')
    .split('\n')
    .map((line) => line.trimEnd());
  // QQ Mail and Foxmail write their divider's &nbsp; into the text part literally.
  const trimmed = lines.map((line) => line.replace(/&nbsp;/gi, ' ').trim());
  const start = historyStart(trimmed);
  let body: string[];
  const attribution =
    isAttribution(trimmed[start] ?? '', trimmed[start + 1]) || (isGenericAttribution(trimmed, start) ? 1 : 0);
  if (attribution > 0 && answersBetweenQuotes(trimmed.slice(start + attribution))) {
    // An answer written between the quoted lines: only the attribution and the quotes go.
    body = [...lines.slice(0, start), ...lines.slice(start + attribution)];
  } else {
    body = lines.slice(0, start);
  }
  body = body.filter((line) => !QUOTED.test(line));
  body = body.slice(0, signatureStart(body.map((line) => line.trim())));
  const sawHistory = start < lines.length || trimmed.some((line) => QUOTED.test(line));
  const kept = body
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (kept) return { text: kept, fallback: false, sawHistory };
  const firstLines = trimmed.filter((line) => line !== '').slice(0, FALLBACK_LINES);
  return { text: firstLines.join('\n'), fallback: firstLines.length > 0 };
}

/** A text part that is a stub for an HTML mail, or so much shorter than the HTML that it lost the message. */
function poorConversion(text: string, htmlText: string): boolean {
  const plain = text.trim();
  if (plain === '') return htmlText.trim() !== '';
  if (
    /^(this is an html (message|email)|your (mail|email) client does not support html|此邮件为\s*html|请使用支持\s*html)/i.test(
      plain,
    )
  ) {
    return true;
  }
  return plain.length * 4 < htmlText.trim().length && plain.length < 40;
}

/**
 * The new text of a mail from its text part, or from its HTML part when there is no text part or
 * the text part is a poor conversion; `fullText` is the whole text of the part that was used. In HTML the quote elements mark where the history starts,
 * and the plain-text marks still apply to what comes before them.
 */
export function newTextOf(parts: { text?: string; html?: string }): NewText & { fullText: string } {
  const html = parts.html ? htmlToText(parts.html) : undefined;
  const text = parts.text ?? '';
  if (!html || !poorConversion(text, html.text)) {
    const fromText = stripQuotedText(text);
    // A text part converted without any quote mark, from HTML that has one: the HTML knows better.
    if (!fromText.sawHistory && html && html.beforeHistory !== html.text) {
      const fromHtml = stripQuotedText(html.beforeHistory);
      if (!fromHtml.fallback) return { ...fromHtml, fullText: text.trim() };
    }
    return { ...fromText, fullText: text.trim() };
  }
  const before = stripQuotedText(html.beforeHistory);
  return { ...(before.fallback ? stripQuotedText(html.text) : before), fullText: html.text };
}
