import { connect } from 'node:net';

export interface SmtpReply {
  code: number;
  text: string;
}

export interface SmtpConversation {
  /** Every reply, in order, from the greeting to QUIT. */
  replies: SmtpReply[];
  /** The reply to DATA's end (250 when the message was taken), absent when no recipient was accepted. */
  delivered?: SmtpReply;
  /** The reply to each RCPT, by recipient. */
  recipients: Record<string, SmtpReply>;
}

/**
 * Sends one raw message over plain SMTP, the conversation a mail server has with SES's receiving
 * endpoint: EHLO, MAIL FROM, RCPT TO per recipient, DATA (dot-stuffed), QUIT. Small on purpose:
 * the local runtime's inbound port is loopback only, with no AUTH or TLS.
 */
export async function sendRawMail(opts: {
  port: number;
  host?: string;
  from: string;
  to: string[];
  raw: Buffer;
  timeoutMs?: number;
}): Promise<SmtpConversation> {
  const socket = connect({ port: opts.port, host: opts.host ?? '127.0.0.1' });
  socket.setTimeout(opts.timeoutMs ?? 60_000);
  const replies: SmtpReply[] = [];
  let buffered = '';
  let waiting: ((reply: SmtpReply) => void) | undefined;
  let failed: ((err: Error) => void) | undefined;
  const queue: SmtpReply[] = [];

  socket.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('latin1');
    let newline = buffered.indexOf('\r\n');
    let text = '';
    while (newline !== -1) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 2);
      text += `${line.slice(4)}\n`;
      // "250-..." continues a multi-line reply; "250 ..." ends it.
      if (line[3] !== '-') {
        const reply = { code: Number(line.slice(0, 3)), text: text.trim() };
        text = '';
        replies.push(reply);
        if (waiting) {
          const resolve = waiting;
          waiting = undefined;
          resolve(reply);
        } else queue.push(reply);
      }
      newline = buffered.indexOf('\r\n');
    }
  });
  const fail = (err: Error) => failed?.(err);
  socket.on('error', fail);
  socket.on('timeout', () => fail(new Error('SMTP server did not answer in time')));

  const next = () =>
    new Promise<SmtpReply>((resolve, reject) => {
      const queued = queue.shift();
      if (queued) return resolve(queued);
      waiting = resolve;
      failed = reject;
    });
  const command = async (line: string) => {
    socket.write(`${line}\r\n`);
    return next();
  };

  try {
    const greeting = await next();
    if (greeting.code !== 220) throw new Error(`SMTP greeting: ${greeting.code} ${greeting.text}`);
    await command('EHLO closeloop-client.local');
    const mailFrom = await command(`MAIL FROM:<${opts.from}>`);
    if (mailFrom.code !== 250) throw new Error(`MAIL FROM refused: ${mailFrom.code} ${mailFrom.text}`);
    const recipients: Record<string, SmtpReply> = {};
    for (const to of opts.to) recipients[to] = await command(`RCPT TO:<${to}>`);
    let delivered: SmtpReply | undefined;
    if (Object.values(recipients).some((r) => r.code === 250)) {
      const data = await command('DATA');
      if (data.code !== 354) throw new Error(`DATA refused: ${data.code} ${data.text}`);
      const body = opts.raw.toString('latin1').replace(/\r?\n/g, '\r\n');
      const stuffed = body.replace(/(^|\r\n)\./g, '$1..');
      socket.write(Buffer.from(`${stuffed}${stuffed.endsWith('\r\n') ? '' : '\r\n'}.\r\n`, 'latin1'));
      delivered = await next();
    }
    await command('QUIT');
    return { replies, delivered, recipients };
  } finally {
    socket.destroy();
  }
}
