import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import * as z from 'zod';
import { rawMailKey } from '../shared/mail/storage.js';
import type { ArrivedMail, InboundOutcome } from '../shared/mail/types.js';
import { flushMetrics, logger } from '../shared/observability.js';
import { inboundMailDeps, receiveMail } from '../shared/usecases/receive-mail.js';

const Verdict = z.object({ status: z.string() });

/**
 * The part of SES's receipt event this function reads (a Lambda action after the S3 action that
 * stored the raw message). Headers and content are not trusted from here: the raw message is read
 * from the bucket.
 */
export const SesReceiptEvent = z.object({
  Records: z
    .array(
      z.object({
        eventSource: z.literal('aws:ses'),
        ses: z.object({
          mail: z.object({
            messageId: z.string().regex(/^[A-Za-z0-9._-]+$/),
            source: z.string().optional(),
            timestamp: z.string(),
          }),
          receipt: z.object({
            recipients: z.array(z.string()).min(1),
            spfVerdict: Verdict,
            dkimVerdict: Verdict,
            dmarcVerdict: Verdict,
            spamVerdict: Verdict.optional(),
            virusVerdict: Verdict.optional(),
          }),
        }),
      }),
    )
    .min(1),
});
export type SesReceiptEvent = z.infer<typeof SesReceiptEvent>;

/** What SES's event says about one message, as the use case takes it. */
export function arrivedMail(record: SesReceiptEvent['Records'][number]): ArrivedMail {
  const { mail, receipt } = record.ses;
  return {
    storageKey: rawMailKey(mail.messageId),
    recipients: receipt.recipients.map((r) => r.trim().toLowerCase()),
    envelopeFrom: mail.source,
    receivedAt: new Date(mail.timestamp),
    verdicts: {
      spf: receipt.spfVerdict.status,
      dkim: receipt.dkimVerdict.status,
      dmarc: receipt.dmarcVerdict.status,
      spam: receipt.spamVerdict?.status,
      virus: receipt.virusVerdict?.status,
    },
  };
}

/** What may be logged of an outcome: ids and kinds, never anything the sender wrote or their address. */
export function loggable(outcome: InboundOutcome): Record<string, unknown> {
  switch (outcome.kind) {
    case 'address_unreachable':
      return { kind: outcome.kind, addresses: outcome.addresses.length, complaintIds: outcome.complaintIds };
    default:
      return { ...outcome };
  }
}

const deps = await inboundMailDeps();

/**
 * SES → this function (Event invocation) for each message to the reply domain or the support
 * address. A malformed event is a bug upstream: it throws, and Lambda's async retries and failure
 * handling keep it; a message the use case refuses is an outcome, not an error.
 */
export const handler = middy<unknown, InboundOutcome[]>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(flushMetrics())
  .handler(async (event) => {
    const parsed = SesReceiptEvent.safeParse(event);
    if (!parsed.success) {
      throw new Error(`Not an SES receipt event: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
    }
    const outcomes: InboundOutcome[] = [];
    for (const record of parsed.data.Records) {
      const arrived = arrivedMail(record);
      const outcome = await receiveMail(deps, arrived);
      logger.info('inbound mail', { storageKey: arrived.storageKey, outcome: loggable(outcome) });
      outcomes.push(outcome);
    }
    return outcomes;
  });
