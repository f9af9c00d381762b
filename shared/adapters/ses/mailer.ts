import { type MessageHeader, SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer, OutgoingMail } from '../../ports/index.js';
import { traced } from '../../tracing.js';

let client: SESv2Client | undefined;

/** One SES client per cold start; the endpoint comes from the SDK's environment (AWS_ENDPOINT_URL_SESV2 locally). */
export function sesClient(): SESv2Client {
  client ??= traced(new SESv2Client({}));
  return client;
}

/** What a mail carries beyond its content to join a conversation (built by ThreadingMailer). */
export interface ThreadHeaders {
  replyTo?: string;
  /** `<id@domain>` of the mail this one follows. */
  inReplyTo?: string;
  /** `<id@domain>` of the earlier mails of the conversation, oldest first. */
  references?: string[];
}

/**
 * On every mail we send: it is machine-made (RFC 3834), so auto-responders and our own inbound
 * handler do not answer it, and Exchange sends no out-of-office or read receipts back to it.
 */
export const AUTOMATIC_MAIL_HEADERS: Readonly<Record<string, string>> = {
  'Auto-Submitted': 'auto-generated',
  'X-Auto-Response-Suppress': 'All',
};

/** What send returns when SES answered without an id (never seen; kept out of the thread records). */
export const UNKNOWN_MESSAGE_ID = 'unknown';

// SES tag values allow only letters, digits, '_', '-', '.', '@'.
const tagValue = (value: string) => value.replace(/[^A-Za-z0-9_.@-]/g, '_').slice(0, 256);

// Anything outside printable ASCII (a CR or LF above all) could end a header and start another.
const HEADER_VALUE = /^[\x20-\x7e]*$/;

/** The SES message headers for a mail: ours, then the thread's. */
export function messageHeaders(thread: ThreadHeaders = {}): MessageHeader[] {
  const headers: Record<string, string> = { ...AUTOMATIC_MAIL_HEADERS };
  if (thread.inReplyTo) headers['In-Reply-To'] = thread.inReplyTo;
  if (thread.references?.length) headers.References = thread.references.join(' ');
  return Object.entries(headers).map(([Name, Value]) => {
    if (!HEADER_VALUE.test(Value)) throw new Error(`Refusing a ${Name} header that is not printable ASCII`);
    return { Name, Value };
  });
}

/**
 * SESv2 SendEmail with Simple content: SES builds the MIME (and encodes the UTF-8 subject), and
 * `Headers` carries ours. Reply-To goes in ReplyToAddresses: SES does not take it as a custom header.
 */
export class SesMailer implements Mailer {
  constructor(private readonly opts: { from: string; configurationSet?: string; client?: SESv2Client }) {}

  async send(mail: OutgoingMail, thread: ThreadHeaders = {}): Promise<{ messageId: string }> {
    // The subject is built from our own words and the ticket number, addresses are validated, but a
    // CR/LF must never reach a header whatever a caller passes.
    for (const value of [mail.to, mail.subject, thread.replyTo ?? '']) {
      if (/[\r\n]/.test(value)) throw new Error('Refusing a mail header with a line break');
    }
    const result = await (this.opts.client ?? sesClient()).send(
      new SendEmailCommand({
        FromEmailAddress: this.opts.from,
        Destination: { ToAddresses: [mail.to] },
        ReplyToAddresses: thread.replyTo ? [thread.replyTo] : undefined,
        ConfigurationSetName: this.opts.configurationSet,
        EmailTags: Object.entries(mail.tags ?? {}).map(([Name, Value]) => ({
          Name: tagValue(Name),
          Value: tagValue(Value),
        })),
        Content: {
          Simple: {
            Subject: { Data: mail.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: mail.text, Charset: 'UTF-8' }, Html: { Data: mail.html, Charset: 'UTF-8' } },
            Headers: messageHeaders(thread),
          },
        },
      }),
    );
    return { messageId: result.MessageId ?? UNKNOWN_MESSAGE_ID };
  }
}
