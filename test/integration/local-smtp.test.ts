import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LocalModel, localFunctionArn } from '../../infra/local/cdk-model.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/dynamodb.js';
import { loadCachedLocalModel } from '../../infra/local/model-cache.js';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime.js';
import { LOCAL_INBOUND_BUCKET } from '../../infra/local/s3.js';
import { ruleAccepts } from '../../infra/local/smtp.js';
import { sendRawMail } from '../../infra/local/smtp-client.js';
import { arrivedMail, SesReceiptEvent } from '../../shared/mail/ses-events.js';
import { receivedEvents } from '../support/fixture-functions/record-inbound.js';

/**
 * The local inbound path: a raw SMTP conversation with the runtime's port, the raw message in
 * the S3 emulator, and the SES event the receipt rule's function is handed. The function here is
 * a recorder standing in for functions/inbound-mail.ts, so what is asserted is the plumbing.
 */
const RECIPIENTS = ['reply.example.com', 'support@reply.example.com'];
const model: LocalModel = {
  functions: {
    InboundMail: {
      logicalId: 'InboundMail',
      stackName: 'Test',
      functionName: 'InboundMail',
      arn: localFunctionArn('InboundMail'),
      entry: 'test/support/fixture-functions/record-inbound.ts',
      environment: {},
      tokenEnvironment: {},
      timeoutSeconds: 30,
      memorySize: 512,
    },
  },
  routes: [],
  authorizers: {},
  stateMachines: [],
  schedules: [],
  receiptRules: [
    { name: 'customer-mail', recipients: RECIPIENTS, objectKeyPrefix: 'inbound/', functionLogicalId: 'InboundMail' },
  ],
};

const mail = (to: string, body: string) =>
  Buffer.from(
    [
      'From: =?UTF-8?B?5p2O5aic?= <li.na@example.cn>',
      `To: ${to}`,
      'Subject: =?UTF-8?B?5Zue5aSN?=',
      'Message-ID: <m1@example.cn>',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      body,
      '.a line that starts with a dot',
      '',
    ].join('\r\n'),
    'utf8',
  );

let runtime: LocalRuntime;
let s3: S3Client;

beforeAll(async () => {
  runtime = await startLocalRuntime({
    model,
    dynamodbEndpoint: inject('dynamodbEndpoint'),
    tableName: `local-smtp-${Date.now()}`,
    quiet: true,
  });
  s3 = new S3Client({ endpoint: runtime.inboundMail!.s3Url, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
});

afterAll(async () => {
  s3?.destroy();
  await runtime?.stop();
});

async function storedKeys(): Promise<string[]> {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: LOCAL_INBOUND_BUCKET, Prefix: 'inbound/' }));
  return (listed.Contents ?? []).map((o) => o.Key!);
}

describe('the local SMTP port', () => {
  it('stores a mail to a reply address in local S3 and hands the function the event SES would', async () => {
    const before = receivedEvents().length;
    const to = 'reply+0123456789abcdef0123456789abcdef-0011223344556677@reply.example.com';
    const raw = mail(to, '还是不行，请再派人来看看。');

    const result = await sendRawMail({
      port: runtime.inboundMail!.smtpPort,
      from: 'li.na@example.cn',
      to: [to],
      raw,
    });

    expect(result.recipients[to]?.code).toBe(250);
    expect(result.delivered?.code).toBe(250);
    const events = receivedEvents().slice(before) as {
      Records: { eventSource: string; ses: { mail: Record<string, unknown>; receipt: Record<string, unknown> } }[];
    }[];
    expect(events).toHaveLength(1);
    const [record] = events[0]!.Records;
    expect(record!.eventSource).toBe('aws:ses');
    expect(record!.ses.mail).toMatchObject({ source: 'li.na@example.cn', destination: [to] });
    expect(record!.ses.receipt).toMatchObject({
      recipients: [to],
      spfVerdict: { status: 'GRAY' },
      dkimVerdict: { status: 'GRAY' },
      dmarcVerdict: { status: 'GRAY' },
      spamVerdict: { status: 'GRAY' },
      virusVerdict: { status: 'GRAY' },
      action: { type: 'Lambda', functionArn: localFunctionArn('InboundMail'), invocationType: 'Event' },
    });
    expect(record!.ses.mail.headers).toContainEqual({ name: 'Subject', value: '=?UTF-8?B?5Zue5aSN?=' });

    // The inbound function reads this event at its edge as it reads SES's.
    const arrived = arrivedMail(SesReceiptEvent.parse(events[0]).Records[0]!);
    expect(arrived).toMatchObject({ recipients: [to], envelopeFrom: 'li.na@example.cn' });
    const key = arrived.storageKey;
    expect(key).toBe(`inbound/${record!.ses.mail.messageId}`);
    expect(await storedKeys()).toContain(key);
    const stored = await s3.send(new GetObjectCommand({ Bucket: LOCAL_INBOUND_BUCKET, Key: key }));
    // Byte for byte, the leading dot un-stuffed again, as SES stores it.
    expect(Buffer.from(await stored.Body!.transformToByteArray()).equals(raw)).toBe(true);
  });

  it('takes mail for the support address', async () => {
    const result = await sendRawMail({
      port: runtime.inboundMail!.smtpPort,
      from: 'stranger@example.org',
      to: ['Support@Reply.Example.com'],
      raw: mail('support@reply.example.com', 'My kettle caught fire.'),
    });
    expect(result.delivered?.code).toBe(250);
  });

  it('refuses a stranger domain with 550 and stores nothing', async () => {
    const keys = await storedKeys();
    const before = receivedEvents().length;

    const result = await sendRawMail({
      port: runtime.inboundMail!.smtpPort,
      from: 'spammer@example.org',
      to: ['someone@elsewhere.example'],
      raw: mail('someone@elsewhere.example', 'hello'),
    });

    expect(result.recipients['someone@elsewhere.example']?.code).toBe(550);
    expect(result.delivered).toBeUndefined();
    expect(await storedKeys()).toEqual(keys);
    expect(receivedEvents().length).toBe(before);
  });
});

describe('which recipients a receipt rule takes', () => {
  it('matches a domain exactly, an address exactly, and a leading dot for subdomains, ignoring case', () => {
    expect(ruleAccepts(RECIPIENTS, 'reply+abc@REPLY.example.com')).toBe(true);
    expect(ruleAccepts(RECIPIENTS, 'support@reply.example.com')).toBe(true);
    expect(ruleAccepts(RECIPIENTS, 'someone@sub.reply.example.com')).toBe(false);
    expect(ruleAccepts(['support@example.com'], 'sales@example.com')).toBe(false);
    expect(ruleAccepts(['.example.com'], 'a@mail.example.com')).toBe(true);
  });
});

describe("the app's own receipt rule, run locally", () => {
  it('takes mail for the reply domain and the support address and invokes the inbound function', async () => {
    const { model: app } = await loadCachedLocalModel(process.cwd());
    expect(app.receiptRules).toEqual([
      {
        name: 'closeloop-customer-mail',
        recipients: ['reply.example.com', 'support@reply.example.com'],
        objectKeyPrefix: 'inbound/',
        functionLogicalId: expect.stringMatching(/^InboundMail/),
      },
    ]);
    expect(app.functions[app.receiptRules![0]!.functionLogicalId]!.entry).toBe('functions/inbound-mail.ts');
  }, 120_000);
});
