import type { AutomaticKind, DeliveryProblem } from './types.js';

/**
 * Machine-made mail: auto-replies, delivery and feedback reports, list and bulk mail, daemons.
 * Such a mail must neither create anything nor be answered (RFC 3834), or two robots mail each
 * other forever. A header that only machines set decides on its own; weaker signs (a "noreply"
 * sender, an "Out of Office" subject, an empty Return-Path, Outlook's X-Auto-Response-Suppress)
 * count only when two of them agree, since a customer may well write "自动回复" in a subject.
 */

export interface AutomaticInput {
  /** The first value of a header, unfolded and decoded, or undefined when absent. */
  header(name: string): string | undefined;
  fromAddress?: string;
  subject: string;
  /** The top-level Content-Type, lower-cased, without parameters. */
  contentType: string;
  /** Its report-type parameter, lower-cased, for multipart/report. */
  reportType?: string;
  /** The machine-readable parts of a report (message/delivery-status, message/feedback-report, the returned headers). */
  reportParts: { contentType: string; content: Uint8Array }[];
  /** Every header name present, lower-cased (vendors name their auto-reply headers in many ways). */
  headerNames?: string[];
  /** The body as text, to read a bounce that a daemon wrote without a delivery-status part. */
  text?: string;
}

export interface AutomaticVerdict {
  automatic?: { kind: AutomaticKind; evidence: string };
  deliveryProblem?: DeliveryProblem;
}

const DAEMON = /^(mailer-daemon|postmaster|mail-daemon|maildaemon|mailerdaemon)@/i;
const NOREPLY =
  /^(no[-_.]?reply|do[-_.]?not[-_.]?reply|donotreply|noreply[-_.].*|bounces?|auto[-_.]?reply|autoresponder)(\+[^@]*)?@/i;
const AUTO_SUBJECT =
  /(out of (the )?office|automatic reply|auto[- ]?reply|autoreply|auto[- ]?response|away from (the )?office|on vacation|vacation reply|abwesenheit|réponse automatique|自动回复|自動回覆|自动答复|休假|不在办公室|undeliverable|undelivered mail|delivery status notification|delivery (has )?failed|mail delivery (failed|subsystem)|returned mail|failure notice|退信|系统退信|邮件退回|投递失败|无法投递)/i;

/** Header values are the sender's text: no control characters and a bounded length before they become evidence or a log line. */
function clean(value: string, max = 200): string {
  return value
    .replace(/[\p{Cc}\p{Cf}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}

function evidence(name: string, value: string): string {
  return `${name}: ${clean(value, 120)}`;
}

/** Fields of a delivery-status or feedback-report body: blocks split by empty lines, each a list of (name, value). */
function reportBlocks(content: Uint8Array): [string, string][][] {
  const text = Buffer.from(content).toString('utf8').replace(/\r\n?/g, '\n');
  return text
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .replace(/\n[ \t]+/g, ' ')
        .split('\n')
        .map((line) => /^([A-Za-z0-9-]+)\s*:\s*(.*)$/.exec(line))
        .filter((match): match is RegExpExecArray => match !== null)
        .map((match) => [(match[1] ?? '').toLowerCase(), (match[2] ?? '').trim()] as [string, string]),
    )
    .filter((block) => block.length > 0);
}

function field(block: [string, string][], name: string): string | undefined {
  return block.find(([key]) => key === name)?.[1];
}

/** "rfc822; Li.Wei@Example.com" → "li.wei@example.com". */
function addressOf(value: string): string | undefined {
  const address = (value.includes(';') ? value.slice(value.indexOf(';') + 1) : value).trim().replace(/^<|>$/g, '');
  return /^[^\s@<>]+@[^\s@<>]+$/.test(address) ? address.toLowerCase() : undefined;
}

function bounceOf(parts: AutomaticInput['reportParts']): DeliveryProblem | undefined {
  // message/global-delivery-status is the same report for internationalised addresses (RFC 6533).
  const status = parts.find((part) => /^message\/(global-)?delivery-status$/.test(part.contentType));
  if (!status) return undefined;
  const recipients: string[] = [];
  let detail = '';
  for (const block of reportBlocks(status.content)) {
    const recipient = field(block, 'final-recipient') ?? field(block, 'original-recipient');
    if (!recipient) continue;
    const action = field(block, 'action')?.toLowerCase();
    const code = field(block, 'status') ?? '';
    const failed = action ? action.startsWith('failed') : code.startsWith('5');
    const address = addressOf(recipient);
    if (!failed || !address) continue;
    if (!recipients.includes(address)) recipients.push(address);
    if (!detail) {
      const diagnostic = field(block, 'diagnostic-code');
      detail = diagnostic ? diagnostic.replace(/^[a-z0-9-]+\s*;\s*/i, '') : `status ${code}`;
    }
  }
  return recipients.length > 0 ? { kind: 'bounce', recipients, detail: clean(detail) } : undefined;
}

function complaintOf(parts: AutomaticInput['reportParts']): DeliveryProblem | undefined {
  const report = parts.find((part) => part.contentType === 'message/feedback-report');
  if (!report) return undefined;
  const fields = reportBlocks(report.content).flat();
  const type = fields.find(([key]) => key === 'feedback-type')?.[1] ?? 'abuse';
  let recipients = fields
    .filter(([key]) => key === 'original-rcpt-to' || key === 'removal-recipient')
    .map(([, value]) => addressOf(value))
    .filter((address): address is string => address !== undefined);
  if (recipients.length === 0) {
    // Many providers redact Original-Rcpt-To; the returned message's To still names the recipient.
    const original = parts.find(
      (part) => part.contentType === 'message/rfc822' || part.contentType === 'text/rfc822-headers',
    );
    const to = original ? reportBlocks(original.content)[0]?.find(([key]) => key === 'to')?.[1] : undefined;
    const address = to ? (/<([^>]+)>/.exec(to)?.[1] ?? to) : undefined;
    recipients = address && addressOf(address) ? [addressOf(address) as string] : [];
  }
  return { kind: 'complaint', recipients: [...new Set(recipients)], detail: clean(`feedback: ${type}`) };
}

/**
 * A bounce without a delivery-status part (older MTAs, some Chinese providers' 退信): the failed
 * addresses from Exim's X-Failed-Recipients, else from the qmail form "<addr>:", and the first
 * SMTP reply in the text as the reason.
 */
function plainBounceOf(input: AutomaticInput): DeliveryProblem | undefined {
  const text = input.text ?? '';
  const header = input.header('x-failed-recipients');
  const listed = header ? header.split(',').map((value) => addressOf(value)) : [];
  const qmail = [...text.matchAll(/^<([^\s<>@]+@[^\s<>@]+)>:\s*$/gm)].map((match) => addressOf(match[1] ?? ''));
  const recipients = [...new Set((listed.length > 0 ? listed : qmail).filter((a): a is string => a !== undefined))];
  if (recipients.length === 0) return undefined;
  const reply = /\b[45]\d\d[ -](?:[45]\.\d{1,3}\.\d{1,3}\b)?.*$/m.exec(text)?.[0] ?? 'delivery failed';
  return { kind: 'bounce', recipients, detail: clean(reply) };
}

const AUTO_HEADER_NAME = /^x-.*(auto-?repl|auto-?respon|autogenerated|vacation)/;

export function detectAutomatic(input: AutomaticInput): AutomaticVerdict {
  const from = input.fromAddress?.toLowerCase() ?? '';
  if (input.contentType === 'multipart/report') {
    const reportType = input.reportType ?? '';
    const found = evidence('Content-Type', `multipart/report; report-type=${reportType}`);
    if (reportType === 'feedback-report') {
      return {
        automatic: { kind: 'delivery_report', evidence: found },
        deliveryProblem: complaintOf(input.reportParts),
      };
    }
    if (reportType === 'delivery-status') {
      return { automatic: { kind: 'delivery_report', evidence: found }, deliveryProblem: bounceOf(input.reportParts) };
    }
    // Read receipts (disposition-notification) and other reports answer a mail; nothing to act on.
    return { automatic: { kind: 'auto_reply', evidence: found } };
  }
  if (DAEMON.test(from)) {
    const problem = plainBounceOf(input);
    return {
      automatic: { kind: 'mailer_daemon', evidence: evidence('From', from) },
      ...(problem ? { deliveryProblem: problem } : {}),
    };
  }
  const autoSubmitted = input.header('auto-submitted');
  if (autoSubmitted !== undefined && autoSubmitted.trim().toLowerCase() !== 'no') {
    return { automatic: { kind: 'auto_reply', evidence: evidence('Auto-Submitted', autoSubmitted) } };
  }
  for (const name of ['X-Autoreply', 'X-Autorespond', 'X-Autoresponse', 'X-Auto-Reply']) {
    const value = input.header(name.toLowerCase());
    if (value !== undefined && value.trim().toLowerCase() !== 'no') {
      return { automatic: { kind: 'auto_reply', evidence: evidence(name, value) } };
    }
  }
  // X-Auto-Response-Suppress asks others not to auto-reply; Outlook sets it on mail people write too.
  const vendor = input.headerNames?.find((name) => AUTO_HEADER_NAME.test(name) && !name.endsWith('-suppress'));
  const vendorValue = vendor ? input.header(vendor) : undefined;
  if (vendor && vendorValue !== undefined && !/^(no|false|0)$/i.test(vendorValue.trim())) {
    return { automatic: { kind: 'auto_reply', evidence: evidence(vendor, vendorValue) } };
  }
  const precedence = input.header('precedence')?.trim().toLowerCase();
  if (precedence === 'auto_reply') {
    return { automatic: { kind: 'auto_reply', evidence: evidence('Precedence', precedence) } };
  }
  if (precedence === 'list') return { automatic: { kind: 'list', evidence: evidence('Precedence', precedence) } };
  if (precedence === 'bulk' || precedence === 'junk') {
    const unsubscribe = input.header('list-unsubscribe') !== undefined ? ' (with List-Unsubscribe)' : '';
    return { automatic: { kind: 'bulk', evidence: `${evidence('Precedence', precedence)}${unsubscribe}` } };
  }
  const listId = input.header('list-id');
  if (listId !== undefined) return { automatic: { kind: 'list', evidence: evidence('List-Id', listId) } };

  // Weak signs: each alone is something a person's mail can have too.
  const weak: string[] = [];
  if (AUTO_SUBJECT.test(input.subject)) weak.push(evidence('Subject', input.subject));
  if (NOREPLY.test(from)) weak.push(evidence('From', from));
  const returnPath = input.header('return-path');
  if (returnPath !== undefined && /^<?\s*>?$/.test(returnPath.trim())) weak.push('Return-Path: <>');
  const suppress = input.header('x-auto-response-suppress');
  if (suppress !== undefined && /\b(all|oof|autoreply)\b/i.test(suppress)) {
    weak.push(evidence('X-Auto-Response-Suppress', suppress));
  }
  const unsubscribe = input.header('list-unsubscribe');
  if (unsubscribe !== undefined) weak.push('List-Unsubscribe');
  if (weak.length >= 2) {
    return { automatic: { kind: unsubscribe !== undefined ? 'bulk' : 'auto_reply', evidence: weak.join('; ') } };
  }
  return {};
}
