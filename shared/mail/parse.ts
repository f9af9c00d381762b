import { type AddressObject, type Attachment, type StructuredHeader, simpleParser } from 'mailparser';
import { detectAutomatic } from './automatic.js';
import { type AttachmentPolicy, applyAttachmentPolicy, DEFAULT_ATTACHMENT_POLICY } from './limits.js';
import { newTextOf } from './new-text.js';
import type { InboundAttachment, MailAddress, ParsedMail } from './types.js';

export interface ParseOptions {
  /** Overrides the policy's largest single file. */
  maxAttachmentBytes?: number;
  /** Overrides the policy's allowed MIME types. */
  allowedTypes?: string[];
  /** The whole attachment policy; the default one when absent. */
  policy?: AttachmentPolicy;
}

/**
 * Chinese mail is very often labelled gb2312 (or gbk) while it holds characters only GBK or
 * GB18030 have: Outlook and Foxmail write the label of the system code page, not of the text.
 * iconv-lite reads gb2312 as GBK, which turns GB18030's four-byte characters (rare names, 𠀀, some
 * symbols) into mojibake, so every such label is read as GB18030, the superset of both. The labels
 * are rewritten only where a charset is named: `charset=`, an encoded word `=?…?`, and RFC 2231's
 * `*=charset''`. Big5 needs nothing: iconv-lite reads it as Big5-HKSCS, its superset; nor does
 * ISO-8859-1, which libmime already reads as windows-1252.
 */
const NARROW_CHINESE_LABEL =
  /(charset\s*=\s*"?|=\?|\*=\s*"?)(gb2312|gb_2312-80|csgb2312|euc-cn|x-euc-cn|gbk|x-gbk|cp936|ms936|windows-936)(?=["';?\s*]|$)/gim;

function readChineseAsSuperset(raw: Buffer): Buffer {
  const binary = raw.toString('latin1');
  NARROW_CHINESE_LABEL.lastIndex = 0;
  if (!NARROW_CHINESE_LABEL.test(binary)) return raw;
  return Buffer.from(binary.replace(NARROW_CHINESE_LABEL, '$1gb18030'), 'latin1');
}

/** Control, bidi-override and zero-width characters: they hide a real extension ("photo\u202Egpj.exe") or break keys. */
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;
const MAX_NAME = 100;

/** A file name safe for a storage key and for display: no path, no hidden characters, bounded length, never empty. */
export function safeFileName(name: string | undefined, contentType: string): string {
  let base = (name ?? '').replace(INVISIBLE, '').split(/[\\/]/).pop() ?? '';
  base = base
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (!base) base = `attachment${defaultExtension(contentType)}`;
  const chars = Array.from(base);
  if (chars.length <= MAX_NAME) return base;
  const dot = base.lastIndexOf('.');
  const extension = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : '';
  return (
    Array.from(base.slice(0, base.length - extension.length))
      .slice(0, MAX_NAME - extension.length)
      .join('') + extension
  );
}

function defaultExtension(contentType: string): string {
  const known: Record<string, string> = {
    'image/jpeg': '.jpg',
    'image/png': '.png',
    'image/gif': '.gif',
    'application/pdf': '.pdf',
    'text/plain': '.txt',
  };
  return known[contentType] ?? '';
}

/** Line breaks, control characters and bidi overrides out of a header value; other spacing and emoji joiners kept. */
function cleanLine(value: string): string {
  return value
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, '')
    .trim();
}

function addresses(field: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  const out: MailAddress[] = [];
  for (const entry of objects.flatMap((object) => object.value)) {
    for (const member of entry.group ?? [entry]) {
      if (!member.address) continue;
      const name = cleanLine(member.name ?? '');
      out.push({ address: member.address.trim().toLowerCase(), ...(name ? { name } : {}) });
    }
  }
  return out;
}

/** "<a@x> <b@y>" or a bare id → ["a@x", "b@y"]; angle brackets off, header order kept. */
function messageIds(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(' ') : (value ?? '');
  const bracketed = [...joined.matchAll(/<([^<>\s]+)>/g)].map((match) => match[1] as string);
  const ids = bracketed.length > 0 ? bracketed : joined.split(/[\s,]+/).filter((id) => id.includes('@'));
  return [...new Set(ids)];
}

const REPORT_PARTS = new Set([
  'message/delivery-status',
  'message/feedback-report',
  'text/rfc822-headers',
  'message/rfc822',
]);

/**
 * Raw bytes to a ParsedMail: pure, no I/O. Decoding is mailparser's (MIME structure, transfer
 * encodings, RFC 2047 and RFC 2231) through iconv-lite, with the Chinese labels widened first.
 */
export async function parseMail(raw: Uint8Array, opts: ParseOptions = {}): Promise<ParsedMail> {
  const source = readChineseAsSuperset(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength));
  const mail = await simpleParser(source, {
    keepDeliveryStatus: true,
    keepCidLinks: true,
    skipImageLinks: true,
    skipTextToHtml: true,
    skipHtmlToText: true,
    ignoreEmbedded: true,
    checksumAlgo: false,
  });

  const headerLines = new Map<string, string>();
  for (const { key, line } of mail.headerLines) {
    if (headerLines.has(key)) continue;
    headerLines.set(
      key,
      line
        .slice(line.indexOf(':') + 1)
        .replace(/\r?\n[ \t]+/g, ' ')
        .trim(),
    );
  }
  const contentType = mail.headers.get('content-type');
  const structured = typeof contentType === 'object' && contentType !== null && 'value' in contentType;
  const topType = structured ? String(contentType.value).toLowerCase() : 'text/plain';
  const reportType = structured ? (contentType as StructuredHeader).params['report-type']?.toLowerCase() : undefined;

  const html = typeof mail.html === 'string' ? mail.html : undefined;
  const newText = newTextOf({ text: mail.text, html });
  const text = newText.fullText;

  const isReport = topType === 'multipart/report';
  const reportParts = isReport ? mail.attachments.filter((part) => REPORT_PARTS.has(part.contentType)) : [];
  const from = addresses(mail.from)[0];
  const subject = cleanLine(mail.subject ?? '');
  const verdict = detectAutomatic({
    header: (name) => headerLines.get(name.toLowerCase()),
    fromAddress: from?.address,
    subject,
    contentType: topType,
    reportType,
    reportParts: reportParts.map((part) => ({ contentType: part.contentType, content: part.content })),
    headerNames: [...headerLines.keys()],
    text,
  });

  const candidates = mail.attachments.filter((part) => !reportParts.includes(part)).map(toInbound);
  const base = opts.policy ?? DEFAULT_ATTACHMENT_POLICY;
  const policy: AttachmentPolicy = {
    ...base,
    ...(opts.maxAttachmentBytes !== undefined ? { maxFileBytes: opts.maxAttachmentBytes } : {}),
    ...(opts.allowedTypes !== undefined ? { allowedTypes: opts.allowedTypes } : {}),
  };
  const { kept, refused } = applyAttachmentPolicy(candidates, policy);

  return {
    ...(mail.messageId ? { messageId: messageIds(mail.messageId)[0] ?? mail.messageId } : {}),
    inReplyTo: messageIds(mail.inReplyTo),
    references: messageIds(mail.references),
    ...(from ? { from } : {}),
    replyTo: addresses(mail.replyTo),
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    subject,
    ...(mail.date ? { date: mail.date } : {}),
    fullText: text.replace(/\r\n?/g, '\n').trim(),
    ...(html ? { html } : {}),
    newText: newText.text,
    ...(newText.fallback ? { newTextIsFallback: true } : {}),
    attachments: kept,
    ...(refused.length > 0 ? { refusedAttachments: refused } : {}),
    ...(verdict.automatic ? { automatic: verdict.automatic } : {}),
    ...(verdict.deliveryProblem ? { deliveryProblem: verdict.deliveryProblem } : {}),
  };
}

function toInbound(part: Attachment): InboundAttachment {
  const contentType = part.contentType.toLowerCase();
  return {
    filename: safeFileName(part.filename, contentType),
    contentType,
    size: part.size ?? part.content.length,
    ...(part.contentId ? { contentId: part.contentId.replace(/^<|>$/g, '') } : {}),
    content: part.content,
  };
}
