import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer, OutgoingMail } from '../../ports/index.js';
import { traced } from '../../tracing.js';

let client: SESv2Client | undefined;

/** One SES client per cold start; the endpoint comes from the SDK's environment (AWS_ENDPOINT_URL_SESV2 locally). */
export function sesClient(): SESv2Client {
  client ??= traced(new SESv2Client({}));
  return client;
}

// SES tag values allow only letters, digits, '_', '-', '.', '@'.
const tagValue = (value: string) => value.replace(/[^A-Za-z0-9_.@-]/g, '_').slice(0, 256);

export class SesMailer implements Mailer {
  constructor(private readonly opts: { from: string; configurationSet?: string; client?: SESv2Client }) {}

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    // Header values are ours or validated (zod email), but a CR/LF must never reach a header.
    if (/[\r\n]/.test(mail.to) || /[\r\n]/.test(mail.subject))
      throw new Error('Refusing a mail header with a line break');
    const result = await (this.opts.client ?? sesClient()).send(
      new SendEmailCommand({
        FromEmailAddress: this.opts.from,
        Destination: { ToAddresses: [mail.to] },
        ConfigurationSetName: this.opts.configurationSet,
        EmailTags: Object.entries(mail.tags ?? {}).map(([Name, Value]) => ({
          Name: tagValue(Name),
          Value: tagValue(Value),
        })),
        Content: {
          Simple: {
            Subject: { Data: mail.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: mail.text, Charset: 'UTF-8' }, Html: { Data: mail.html, Charset: 'UTF-8' } },
          },
        },
      }),
    );
    return { messageId: result.MessageId ?? 'unknown' };
  }
}
