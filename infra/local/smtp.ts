import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { rawMailKey } from '../../shared/mail/storage.js';

/** SES's own limit on a received message, headers included. */
export const MAX_MESSAGE_BYTES = 40 * 1024 * 1024;

/** The SES receipt event AWS hands a Lambda action (one record), with what local delivery can know. */
export interface SesReceiptEventShape {
  Records: {
    eventSource: 'aws:ses';
    eventVersion: '1.0';
    ses: {
      mail: {
        timestamp: string;
        source: string;
        messageId: string;
        destination: string[];
        headersTruncated: boolean;
        headers: { name: string; value: string }[];
        commonHeaders: Record<string, unknown>;
      };
      receipt: {
        timestamp: string;
        processingTimeMillis: number;
        recipients: string[];
        spamVerdict: { status: string };
        virusVerdict: { status: string };
        spfVerdict: { status: string };
        dkimVerdict: { status: string };
        dmarcVerdict: { status: string };
        action: { type: 'Lambda'; functionArn: string; invocationType: 'Event' };
      };
    };
  }[];
}

export interface LocalSmtpOptions {
  /** 0 or unset picks a free port. Loopback only. */
  port?: number;
  /** The receipt rule's recipients: a domain accepts every address at it, an address only itself. */
  recipients: string[];
  /** Where the raw message goes first (the inbound bucket, under `inbound/<message id>`). */
  store: (key: string, raw: Buffer) => Promise<void>;
  /** Hands SES's event to the inbound function (the rule's Lambda action). */
  deliver: (event: SesReceiptEventShape) => Promise<unknown>;
  /** The ARN the event names as its Lambda action. */
  functionArn: string;
  maxBytes?: number;
  log?: (line: string) => void;
}

export interface LocalSmtp {
  port: number;
  /** Resolves when every message accepted so far has been stored and delivered. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** Whether a receipt rule with these recipients takes mail for `address` (as SES matches them). */
export function ruleAccepts(recipients: string[], address: string): boolean {
  const lower = address.trim().toLowerCase();
  const domain = lower.split('@')[1];
  if (!domain) return false;
  return recipients.some((recipient) => {
    const r = recipient.toLowerCase();
    if (r.includes('@')) return r === lower;
    // ".example.com" matches the subdomains of example.com; "example.com" only the domain itself.
    return r.startsWith('.') ? domain.endsWith(r) : domain === r;
  });
}

function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

/** The header block as SES lists it: unfolded, in order, values as written. */
export function headerList(raw: Buffer): { name: string; value: string }[] {
  const text = raw.toString('utf8');
  const end = text.search(/\r?\n\r?\n/);
  const block = (end === -1 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  return block
    .split(/\r?\n/)
    .map((line) => /^([!-9;-~]+):\s?(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ name: m[1]!, value: m[2]! }));
}

/** What SES would send the Lambda action. Locally nothing was checked, so every verdict is GRAY. */
export function sesReceiptEvent(opts: {
  messageId: string;
  raw: Buffer;
  envelopeFrom: string;
  recipients: string[];
  receivedAt: Date;
  functionArn: string;
}): SesReceiptEventShape {
  const headers = headerList(opts.raw);
  const header = (name: string) => headers.find((h) => h.name.toLowerCase() === name)?.value;
  const gray = { status: 'GRAY' };
  const timestamp = opts.receivedAt.toISOString();
  return {
    Records: [
      {
        eventSource: 'aws:ses',
        eventVersion: '1.0',
        ses: {
          mail: {
            timestamp,
            source: opts.envelopeFrom,
            messageId: opts.messageId,
            destination: opts.recipients,
            headersTruncated: false,
            headers,
            commonHeaders: {
              returnPath: opts.envelopeFrom,
              from: header('from') ? [header('from')] : undefined,
              to: header('to') ? [header('to')] : undefined,
              subject: header('subject'),
              messageId: header('message-id'),
              date: header('date'),
            },
          },
          receipt: {
            timestamp,
            processingTimeMillis: 0,
            recipients: opts.recipients,
            spamVerdict: gray,
            virusVerdict: gray,
            spfVerdict: gray,
            dkimVerdict: gray,
            dmarcVerdict: gray,
            action: { type: 'Lambda', functionArn: opts.functionArn, invocationType: 'Event' },
          },
        },
      },
    ],
  };
}

/** Reads a DATA stream whole, or fails with SMTP's "too large" once it passes the limit. */
function readMessage(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', reject);
    stream.on('end', () => {
      if (stream.sizeExceeded) reject(smtpError('5.3.4 Message too big', 552));
      else resolve(Buffer.concat(chunks));
    });
  });
}

/**
 * A loopback SMTP server that plays SES's receiving side: it takes mail only for the receipt
 * rule's recipients (others get 550 at RCPT, as SES rejects mail no rule covers), stores the raw
 * message where the rule's S3 action would, and hands the function the event SES would. Unlike
 * SES, it answers the DATA command after the function has run, so whoever sends a mail locally
 * can read its effect at once; a function error is logged and the mail stays stored, as on AWS.
 */
export async function startSmtpLocal(opts: LocalSmtpOptions): Promise<LocalSmtp> {
  const log = opts.log ?? (() => {});
  const inFlight = new Set<Promise<unknown>>();

  const receive = async (stream: SMTPServerDataStream, session: SMTPServerSession) => {
    const raw = await readMessage(stream);
    const messageId = randomBytes(20).toString('hex');
    const key = rawMailKey(messageId);
    await opts.store(key, raw);
    const recipients = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
    const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
    const event = sesReceiptEvent({
      messageId,
      raw,
      envelopeFrom,
      recipients,
      receivedAt: new Date(),
      functionArn: opts.functionArn,
    });
    try {
      await opts.deliver(event);
    } catch (err) {
      // Kept in the bucket: `npm run mail:receive` on the stored file replays it.
      log(`inbound mail ${messageId}: the function failed: ${(err as Error).message.slice(0, 300)}`);
    }
    return messageId;
  };

  const server = new SMTPServer({
    name: 'closeloop.local',
    banner: 'Closeloop local inbound mail (loopback, plays SES receiving)',
    // Loopback only: nothing to authenticate or encrypt, and SES's receiving side takes no AUTH.
    disabledCommands: ['AUTH', 'STARTTLS'],
    authOptional: true,
    size: opts.maxBytes ?? MAX_MESSAGE_BYTES,
    closeTimeout: 1000,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (ruleAccepts(opts.recipients, address.address)) return callback();
      callback(smtpError(`5.1.1 <${address.address}>: no receipt rule takes mail for this recipient`, 550));
    },
    onData(stream, session, callback) {
      const work = receive(stream, session);
      inFlight.add(work);
      work.then(
        (messageId) => callback(null, `Ok: stored as ${rawMailKey(messageId)}`),
        (err: Error) => {
          stream.resume();
          callback('responseCode' in err ? err : smtpError(`4.3.0 Could not store the message: ${err.message}`, 451));
        },
      );
      work.finally(() => inFlight.delete(work)).catch(() => undefined);
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Errors after start (a client that vanishes mid-command) must not end the runtime.
  server.on('error', (err) => log(`smtp: ${err.message}`));
  const port = (server.server.address() as AddressInfo).port;

  const idle = async () => {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  };
  return {
    port,
    idle,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await idle();
    },
  };
}
