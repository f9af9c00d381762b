import { describe, expect, it } from 'vitest';
import {
  arrivedMail,
  deliveryProblemOf,
  loggable,
  SesNotification,
  SesReceiptEvent,
  SnsEvent,
} from '../../shared/mail/ses-events.js';

const receipt = (messageId: string) => ({
  Records: [
    {
      eventSource: 'aws:ses',
      eventVersion: '1.0',
      ses: {
        mail: { messageId, source: 'Li.Na@Example.cn', timestamp: '2026-11-30T02:00:00.000Z', destination: [] },
        receipt: {
          recipients: [' Reply+ABC-123@Reply.Example.com '],
          spfVerdict: { status: 'PASS' },
          dkimVerdict: { status: 'PASS' },
          dmarcVerdict: { status: 'FAIL' },
          spamVerdict: { status: 'PASS' },
          virusVerdict: { status: 'PASS' },
          action: { type: 'Lambda', functionArn: 'arn:aws:lambda:eu-west-1:1:function:x', invocationType: 'Event' },
        },
      },
    },
  ],
});

describe("SES's receipt event", () => {
  it('becomes the mail SES stored under inbound/<message id>, with its verdicts and lower-cased recipients', () => {
    const event = SesReceiptEvent.parse(receipt('o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1'));
    expect(arrivedMail(event.Records[0]!)).toEqual({
      storageKey: 'inbound/o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1',
      recipients: ['reply+abc-123@reply.example.com'],
      envelopeFrom: 'Li.Na@Example.cn',
      receivedAt: new Date('2026-11-30T02:00:00.000Z'),
      verdicts: { spf: 'PASS', dkim: 'PASS', dmarc: 'FAIL', spam: 'PASS', virus: 'PASS' },
    });
  });

  it('refuses a message id that could name another key in the bucket', () => {
    expect(SesReceiptEvent.safeParse(receipt('../attachments/x')).success).toBe(false);
  });
});

describe('what an inbound outcome logs', () => {
  it('counts unreachable addresses instead of naming them', () => {
    expect(loggable({ kind: 'address_unreachable', addresses: ['a@b.c'], complaintIds: ['c1'] })).toEqual({
      kind: 'address_unreachable',
      addresses: 1,
      complaintIds: ['c1'],
    });
  });
});

describe("SES's bounce and complaint notifications", () => {
  const sns = (message: unknown) => SnsEvent.parse({ Records: [{ Sns: { Message: JSON.stringify(message) } }] });
  const problem = (message: unknown) =>
    deliveryProblemOf(SesNotification.parse(JSON.parse(sns(message).Records[0]!.Sns.Message)));

  it('turns a permanent bounce into a delivery problem for the bounced addresses', () => {
    expect(
      problem({
        eventType: 'Bounce',
        bounce: {
          bounceType: 'Permanent',
          bounceSubType: 'General',
          bouncedRecipients: [
            { emailAddress: 'No.Such.User@Example.cn', diagnosticCode: 'smtp; 550 5.1.1 user unknown' },
          ],
        },
      }),
    ).toEqual({ kind: 'bounce', recipients: ['no.such.user@example.cn'], detail: 'smtp; 550 5.1.1 user unknown' });
  });

  it('ignores a transient bounce: a full mailbox says nothing lasting about the address', () => {
    expect(
      problem({
        notificationType: 'Bounce',
        bounce: { bounceType: 'Transient', bouncedRecipients: [{ emailAddress: 'full@example.com' }] },
      }),
    ).toBeUndefined();
  });

  it('turns a complaint into a delivery problem, whether sent as an event or a notification', () => {
    const complaint = { complainedRecipients: [{ emailAddress: 'Angry@Example.com' }], complaintFeedbackType: 'abuse' };
    const expected = { kind: 'complaint', recipients: ['angry@example.com'], detail: 'abuse' };
    expect(problem({ eventType: 'Complaint', complaint })).toEqual(expected);
    expect(problem({ notificationType: 'Complaint', complaint })).toEqual(expected);
  });

  it('ignores deliveries and other events', () => {
    expect(problem({ eventType: 'Delivery' })).toBeUndefined();
  });
});
