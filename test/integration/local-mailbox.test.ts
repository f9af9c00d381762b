import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/dynamodb.js';
import { forgetMailboxInMemory, localSentMail, startSesLocal } from '../../infra/local/ses.js';
import { mailsTo } from '../support/mailbox.js';

const dataDir = mkdtempSync(join(tmpdir(), 'closeloop-mailbox-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function send(sesUrl: string, to: string, subject: string): Promise<string> {
  const ses = new SESv2Client({ endpoint: sesUrl, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    const out = await ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'complaints@closeloop.local',
        Destination: { ToAddresses: [to] },
        Content: { Simple: { Subject: { Data: subject }, Body: { Text: { Data: `About: ${subject}` } } } },
      }),
    );
    return out.MessageId!;
  } finally {
    ses.destroy();
  }
}

describe('the local mailbox', () => {
  it('keeps its mail across a restart, in the JSON store and as a downloadable message', async () => {
    const mailboxFile = join(dataDir, 'mailbox.jsonl');
    const first = await startSesLocal({ mailboxFile });
    const ids = [
      await send(first.url, 'kept@example.com', 'First'),
      await send(first.url, 'kept@example.com', 'Second'),
    ];
    await first.stop();
    forgetMailboxInMemory(); // what a new process starts with

    const second = await startSesLocal({ mailboxFile });
    try {
      expect(second.restored).toBe(2);
      const kept = await mailsTo(second.url, 'kept@example.com');
      expect(kept.map((m) => [m.messageId, m.subject])).toEqual([
        [ids[0], 'First'],
        [ids[1], 'Second'],
      ]);
      const eml = await fetch(`${second.url}/get-emlContent?messageId=${ids[0]}`);
      expect(eml.status).toBe(200);
      await send(second.url, 'kept@example.com', 'Third');
      expect(await mailsTo(second.url, 'kept@example.com')).toHaveLength(3);
    } finally {
      await second.stop();
    }
  });

  it('forgets its mail when the viewer clears it, after a restart too', async () => {
    const mailboxFile = join(dataDir, 'cleared.jsonl');
    const first = await startSesLocal({ mailboxFile });
    await send(first.url, 'cleared@example.com', 'Gone');
    expect((await fetch(`${first.url}/clear-store`, { method: 'POST' })).status).toBe(200);
    await first.stop();
    forgetMailboxInMemory();
    const second = await startSesLocal({ mailboxFile });
    try {
      expect(await mailsTo(second.url, 'cleared@example.com')).toEqual([]);
    } finally {
      await second.stop();
    }
  });

  it('forgets one customer’s mails and the notices naming their ticket, and they stay forgotten after a restart', async () => {
    const mailboxFile = join(dataDir, 'erased.jsonl');
    const first = await startSesLocal({ mailboxFile });
    await send(first.url, 'Wang Fang <Erased@Example.com>', '[202611-0042] We have your complaint');
    await send(first.url, 'agent.li@corp.example', 'New complaint 202611-0042');
    await send(first.url, 'agent.li@corp.example', 'New complaint 202611-00421');
    await send(first.url, 'other@example.com', '[202611-0043] We have your complaint');
    expect(await localSentMail.forget({ addresses: ['erased@example.com'], ticketNumbers: ['202611-0042'] })).toBe(2);
    await first.stop();
    forgetMailboxInMemory();

    const second = await startSesLocal({ mailboxFile });
    try {
      const store = (await (await fetch(`${second.url}/store`)).json()) as { emails: { subject: string }[] };
      expect(store.emails.map((m) => m.subject)).toEqual([
        'New complaint 202611-00421',
        '[202611-0043] We have your complaint',
      ]);
    } finally {
      await second.stop();
    }
  });
});
