import { AddressUnreachableError } from '../../mail/errors.js';
import { logger, MetricUnit, metrics } from '../../observability.js';
import type { AddressHealth, Clock, Mailer, MailThreads, OutgoingMail } from '../../ports/index.js';
import { type ThreadHeaders, UNKNOWN_MESSAGE_ID } from './mailer.js';

/** A mailer that can be told which conversation a mail belongs to (SesMailer). */
export interface HeaderMailer {
  send(mail: OutgoingMail, thread?: ThreadHeaders): Promise<{ messageId: string }>;
}

export interface ThreadingOptions {
  threads: MailThreads;
  addresses: AddressHealth;
  /** The complaint's signed reply address (shared/mail/reply-address.ts); none where no reply domain is set. */
  replyAddress?: (complaintId: string) => string;
  /**
   * The domain SES gives the Message-ID of a sent mail: `<MessageId@email.amazonses.com>` in
   * us-east-1, `<MessageId@<region>.amazonses.com>` elsewhere (messageIdDomainFor).
   */
  messageIdDomain: string;
  clock: Clock;
}

/** The SES Message-ID domain of a region. */
export const messageIdDomainFor = (region: string): string =>
  region === 'us-east-1' ? 'email.amazonses.com' : `${region}.amazonses.com`;

// SES takes a header value of at most 995 characters; a long conversation keeps its first mail
// and its latest ones, as RFC 5322 (3.6.4) allows when References grows.
const REFERENCES_MAX_CHARS = 900;

/**
 * In-Reply-To and References from the ids SES returned for a complaint's earlier mails (oldest
 * first). SES replaces any Message-ID we set, so the ids are rebuilt the way SES wrote them.
 */
export function threadHeadersFor(sentIds: string[], domain: string): Pick<ThreadHeaders, 'inReplyTo' | 'references'> {
  const ids = sentIds.map((id) => `<${id}@${domain}>`);
  if (ids.length === 0) return {};
  const [first, ...rest] = ids as [string, ...string[]];
  const latest: string[] = [];
  let length = first.length;
  for (let i = rest.length - 1; i >= 0; i--) {
    const id = rest[i]!;
    if (length + 1 + id.length > REFERENCES_MAX_CHARS) break;
    latest.unshift(id);
    length += 1 + id.length;
  }
  return { inReplyTo: ids[ids.length - 1], references: [first, ...latest] };
}

/**
 * Every mail to a customer about a complaint joins that complaint's conversation, in one place
 * rather than in each use case: it is not sent to an address that bounced or complained; it
 * carries the complaint's reply address as Reply-To, and In-Reply-To / References built from the
 * ids SES returned for the complaint's earlier mails, so the customer's mail client shows one
 * thread and any reply finds its complaint; the id SES returns for it is recorded for the next.
 * Staff mail passes straight through (the inner mailer marks every mail as automatic).
 */
export class ThreadingMailer implements Mailer {
  constructor(
    private readonly inner: HeaderMailer,
    private readonly opts: ThreadingOptions,
  ) {}

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    if (mail.audience !== 'customer') return this.inner.send(mail);
    const complaintId = mail.complaintId;
    // Two independent reads: one round trip before the mail instead of two.
    const [unreachable, sent] = await Promise.all([
      this.opts.addresses.isUnreachable(mail.to),
      complaintId ? this.opts.threads.sentMessageIds(complaintId) : [],
    ]);
    if (unreachable) throw new AddressUnreachableError();
    if (!complaintId) return this.inner.send(mail);

    const thread: ThreadHeaders = {
      replyTo: this.opts.replyAddress?.(complaintId),
      ...threadHeadersFor(sent, this.opts.messageIdDomain),
    };
    const result = await this.inner.send(mail, thread);
    if (result.messageId !== UNKNOWN_MESSAGE_ID) await this.record(complaintId, result.messageId);
    return result;
  }

  /**
   * The mail is already on its way: a failure to record its id is logged, not thrown, so the mail
   * is not sent twice by a retry. A reply to it still finds the complaint by its reply address.
   */
  private async record(complaintId: string, messageId: string): Promise<void> {
    try {
      await this.opts.threads.recordSent(complaintId, messageId, this.opts.clock.now().toISOString());
    } catch (error) {
      logger.error('could not record a sent message id', { complaintId, error: error as Error });
      metrics.addMetric('MailThreadRecordFailed', MetricUnit.Count, 1);
    }
  }
}
