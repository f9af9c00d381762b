import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/dynamodb.js';
import { type LocalSes, localSentMail, startSesLocal } from '../../infra/local/ses.js';
import { startStreamPoller } from '../../infra/local/streams.js';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import { createCalendar } from '../../shared/calendar/working-calendar.js';
import { ForbiddenError, InvalidTransitionError } from '../../shared/errors/index.js';
import { message } from '../../shared/i18n/messages.js';
import type { Complaint, TimelineEvent } from '../../shared/model/complaint.js';
import { timelineEvent } from '../../shared/model/events.js';
import { defaultPolicy } from '../../shared/policy/default-policy.js';
import type { StaffMember } from '../../shared/policy/types.js';
import { DynamoPersonalData } from '../../shared/privacy/dynamo-personal-data.js';
import { EXPORT_LINK_SECONDS, S3ExportArchives } from '../../shared/privacy/s3-export-archives.js';
import { S3MailObjects } from '../../shared/privacy/s3-mail-objects.js';
import { aggregate } from '../../shared/reports/aggregate.js';
import { DynamoCounterStore, REPORT_DAY_PREFIX } from '../../shared/reports/dynamo-counters.js';
import { figures } from '../../shared/reports/report.js';
import type { StreamRecord } from '../../shared/reports/stream-records.js';
import {
  type ExportDeps,
  eraseCustomer,
  eraseExpired,
  exportCustomer,
} from '../../shared/usecases/customer-privacy.js';
import { archiveStep } from '../../shared/usecases/workflow-steps.js';
import { aComplaint } from '../support/complaint-factory.js';
import { freshTable } from '../support/dynamo.js';
import { InMemoryTokens, RecordingWorkflow } from '../support/recording-ports.js';

// s3rver ships no types: only its constructor, run and close are used here.
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
const S3rver = createRequire(import.meta.url)('s3rver') as new (options: object) => S3rverInstance;

const ZONE = 'Asia/Shanghai';
const EMAIL = 'Xiaoming.Wang@example.com';
const PHONE = '+86 138 0013 8000';
const NAME = '王小明';
const FREE_TEXT = '幸福路8号';
const ATTACHMENT_NAME = 'invoice-wangxiaoming.pdf';
/** What must be gone after the erase, wherever it was written. */
const SECRETS = [EMAIL.toLowerCase(), 'xiaoming.wang', '13800138000', '138 0013 8000', NAME, FREE_TEXT, 'wangxiaoming'];

const manager: StaffMember = {
  id: 'manager.zhou',
  name: 'Zhou',
  email: 'zhou@corp.example',
  role: 'manager',
  locale: 'zh-CN',
};
const supervisor: StaffMember = {
  ...manager,
  id: 'supervisor.wang',
  role: 'supervisor',
  department: 'customer_service',
};

const calendar = createCalendar(defaultPolicy.calendar);

/** The mail a function sends through SES, here to the local emulator. */
async function sendMail(sesUrl: string, to: string, subject: string, text: string): Promise<void> {
  const ses = new SESv2Client({ endpoint: sesUrl, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'complaints@closeloop.local',
        Destination: { ToAddresses: [to] },
        Content: { Simple: { Subject: { Data: subject }, Body: { Text: { Data: text } } } },
      }),
    );
  } finally {
    ses.destroy();
  }
}

/** A local S3 (s3rver) over `directory`, and how to stop it: its client and server (the directory is the caller's). */
async function startS3(bucket: string, directory: string): Promise<{ s3: S3Client; stop: () => Promise<void> }> {
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    vhostBuckets: false,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const s3 = new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  return {
    s3,
    stop: async () => {
      s3.destroy();
      await server.close();
    },
  };
}

/** The privacy ports on DynamoDB Local and local S3. */
function privacyDeps(opts: {
  table: Awaited<ReturnType<typeof freshTable>>;
  s3: S3Client;
  bucket: string;
  now: () => Date;
}) {
  const store = new DynamoComplaintStore({ doc: opts.table.doc, tableName: opts.table.tableName });
  const deps: ExportDeps = {
    store,
    policy: defaultPolicy,
    calendar,
    clock: { now: opts.now },
    personalData: new DynamoPersonalData({ doc: opts.table.doc, tableName: opts.table.tableName }),
    mail: new S3MailObjects({ bucket: opts.bucket, client: opts.s3 }),
    exports: new S3ExportArchives({ bucket: opts.bucket, client: opts.s3 }),
    sentMail: localSentMail,
  };
  return { store, deps };
}

const download = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, bytes: new Uint8Array(await response.arrayBuffer()) };
};

describe('a customer exported and erased, on DynamoDB Local, its stream, local S3 and the local mailbox', () => {
  const bucket = 'inbound-mail';
  const directory = mkdtempSync(join(tmpdir(), 'closeloop-privacy-s3-'));
  const streamDir = mkdtempSync(join(tmpdir(), 'closeloop-privacy-stream-'));
  const mailboxFile = join(directory, '..', `${directory.split('/').pop()}-mailbox.jsonl`);
  let stopS3: (() => Promise<void>) | undefined;
  let s3: S3Client;
  let ses: LocalSes;
  let table: Awaited<ReturnType<typeof freshTable>>;
  let store: DynamoComplaintStore;
  let deps: ExportDeps;
  let now = new Date('2026-11-25T02:00:00.000Z');
  let byMail: Complaint;
  let byForm: Complaint;
  let someoneElse: Complaint;

  const counters = () => new DynamoCounterStore({ doc: table.doc, tableName: table.tableName });

  async function drainStream(): Promise<StreamRecord[]> {
    const records: StreamRecord[] = [];
    const poller = await startStreamPoller({
      endpoint: table.endpoint,
      tableName: table.tableName,
      checkpointFile: join(streamDir, 'position.json'),
      deliver: async (event) => {
        records.push(...(event.Records as StreamRecord[]));
        return { batchItemFailures: [] };
      },
    });
    await poller.drained();
    await poller.stop();
    return records;
  }

  async function countersAndFigures() {
    const days = Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`);
    const items = await counters().counterItems(days);
    return { items, figures: figures('2026-11', items) };
  }

  async function allTableItems(): Promise<Record<string, unknown>[]> {
    // A test may Scan: it proves nothing is left anywhere, whatever its key.
    const out = await table.doc.send(new ScanCommand({ TableName: table.tableName, ConsistentRead: true }));
    return out.Items ?? [];
  }

  async function allObjects(): Promise<Map<string, string>> {
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    const objects = new Map<string, string>();
    for (const { Key } of listed.Contents ?? []) {
      const body = await s3.send(new GetObjectCommand({ Bucket: bucket, Key }));
      objects.set(Key!, (await body.Body?.transformToString()) ?? '');
    }
    return objects;
  }

  async function create(c: Complaint, events: TimelineEvent[]) {
    await store.createComplaint(c, events, [], new Date(c.receivedAt));
  }

  beforeAll(async () => {
    ({ s3, stop: stopS3 } = await startS3(bucket, directory));
    ses = await startSesLocal({ mailboxFile });
    table = await freshTable('privacy');
    ({ store, deps } = privacyDeps({ table, s3, bucket, now: () => now }));

    // A complaint that came by mail, with its raw mail and an attachment in the bucket, later answered by mail.
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'inbound/m1',
        Body: `From: ${NAME} <${EMAIL}>\r\n\r\n住在${FREE_TEXT}`,
      }),
    );
    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'attachments/inbound/m1/0-invoice.pdf', Body: '%PDF-1' }),
    );
    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'inbound/m2', Body: `From: ${EMAIL}\r\n\r\n电话13800138000` }),
    );
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'inbound/other', Body: 'From: other@example.com' }));
    byMail = aComplaint({
      channel: 'email',
      customer: { name: NAME, email: EMAIL, phone: PHONE, tier: 'standard', locale: 'zh-CN' },
      description: `水壶漏电，我住在${FREE_TEXT}`,
      receivedAt: '2026-11-20T02:00:00.000Z',
    });
    await create(byMail, [
      timelineEvent(byMail.id, 'received', new Date(byMail.receivedAt), 'customer', {
        channel: 'email',
        mailKey: 'inbound/m1',
        attachments: [
          {
            key: 'attachments/inbound/m1/0-invoice.pdf',
            filename: ATTACHMENT_NAME,
            contentType: 'application/pdf',
            size: 6,
          },
        ],
      }),
      timelineEvent(byMail.id, 'acknowledgement_sent', new Date(byMail.receivedAt), 'system', {
        messageId: 'ses-1',
        locale: 'zh-CN',
      }),
    ]);
    const assignedAt = new Date('2026-11-20T03:00:00.000Z');
    await store.updateComplaint(
      byMail.id,
      1,
      { ownerId: 'agent.li', assignedAt: assignedAt.toISOString(), status: 'assigned' },
      [timelineEvent(byMail.id, 'assigned', assignedAt, 'agent.li', { ownerId: 'agent.li', previousOwnerId: null })],
    );
    await store.appendEvents([
      timelineEvent(byMail.id, 'customer_replied', new Date('2026-11-21T02:00:00.000Z'), 'customer', {
        message: '请打 13800138000',
        via: 'email',
        mailKey: 'inbound/m2',
      }),
    ]);
    // Resolved, surveyed and closed: only a closed complaint can be erased.
    const closedAt = new Date('2026-11-24T02:00:00.000Z');
    await store.updateComplaint(
      byMail.id,
      2,
      { status: 'closed', resolvedAt: closedAt.toISOString(), closedAt: closedAt.toISOString() },
      [timelineEvent(byMail.id, 'closed', closedAt, 'workflow', { reason: 'survey_answered' })],
    );

    // One from the web form, by the same customer, answered and archived long ago (the retention sweep's).
    byForm = aComplaint({
      customer: { name: NAME, email: EMAIL.toLowerCase(), tier: 'standard', locale: 'zh-CN' },
      description: `发票寄到${FREE_TEXT}`,
      orderNumber: 'ORD-77',
      receivedAt: '2026-11-22T02:00:00.000Z',
      status: 'closed',
      closedAt: '2026-11-23T02:00:00.000Z',
    });
    await create(byForm, [
      timelineEvent(byForm.id, 'received', new Date(byForm.receivedAt), 'customer', { channel: 'web' }),
    ]);

    // Another customer, who must keep everything.
    someoneElse = aComplaint({ receivedAt: '2026-11-22T02:00:00.000Z', description: 'Someone else wrote this.' });
    await create(someoneElse, [
      timelineEvent(someoneElse.id, 'received', new Date(someoneElse.receivedAt), 'customer', {
        channel: 'email',
        mailKey: 'inbound/other',
      }),
    ]);
    // The address bounced once: its record is keyed by the address.
    await table.doc.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { pk: `ADDRESS#${EMAIL.toLowerCase()}`, sk: 'HEALTH', address: EMAIL.toLowerCase() },
      }),
    );
    await aggregate(await drainStream(), {
      counters: counters(),
      timezone: ZONE,
      nowEpochSeconds: () => 1_800_000_000,
    });

    // What SES sent about the complaint: to the customer, and to the agent (quoting the customer).
    await sendMail(ses.url, EMAIL, `[${byMail.ticketNumber}] 我们已收到您的投诉`, `${NAME}，您好`);
    await sendMail(ses.url, 'agent.li@corp.example', `New complaint ${byMail.ticketNumber}`, `${NAME}: ${PHONE}`);
    await sendMail(ses.url, 'someone@example.com', '[202611-9999] Received', 'Someone else wrote this.');
  });

  afterAll(async () => {
    await stopS3?.();
    await ses?.stop();
    rmSync(mailboxFile, { force: true });
    await table?.drop();
    rmSync(directory, { recursive: true, force: true });
    rmSync(streamDir, { recursive: true, force: true });
  });

  it('refuses an export or an erase to anyone but a manager, and changes nothing', async () => {
    await expect(exportCustomer(deps, { email: EMAIL }, supervisor)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(eraseCustomer(deps, { email: EMAIL }, supervisor)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await store.getComplaint(byMail.id))?.customer.email).toBe(EMAIL);
  });

  it('exports every complaint of the address, however it is spelt, with timelines, raw mails and attachments, and audits it', async () => {
    const { url, complaints, bytes, expiresAt } = await exportCustomer(deps, { email: EMAIL.toUpperCase() }, manager);
    expect(complaints).toBe(2);
    // The zip comes from the bucket, through a link that works for 15 minutes.
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe(String(EXPORT_LINK_SECONDS));
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan((EXPORT_LINK_SECONDS - 60) * 1000);
    const { status, bytes: archive } = await download(url);
    expect(status).toBe(200);
    expect(archive.byteLength).toBe(bytes);
    const files = unzipSync(archive);
    const mailFolder = `complaints/${byMail.ticketNumber}`;
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        'README.txt',
        'manifest.json',
        `${mailFolder}/complaint.json`,
        `${mailFolder}/timeline.json`,
        `${mailFolder}/mails-sent.json`,
        `${mailFolder}/mails-received/m1.eml`,
        `${mailFolder}/mails-received/m2.eml`,
        `${mailFolder}/attachments/0-invoice.pdf`,
        `complaints/${byForm.ticketNumber}/complaint.json`,
      ]),
    );
    expect(Object.keys(files).some((f) => f.includes(someoneElse.ticketNumber))).toBe(false);
    expect(strFromU8(files[`${mailFolder}/mails-received/m1.eml`]!)).toContain(FREE_TEXT);
    expect(strFromU8(files[`${mailFolder}/attachments/0-invoice.pdf`]!)).toBe('%PDF-1');
    const timeline = await store.listTimeline(byMail.id);
    const audit = timeline.find((e) => e.type === 'customer_data_exported');
    expect(audit).toMatchObject({ actor: manager.id, data: { by: 'email', complaints: 2 } });
    expect(JSON.stringify(audit)).not.toContain('xiaoming');
    // The audit says where the copy waits (never the link), so an erasure can delete it before its day is up.
    const archiveKey = (audit!.data as { archiveKey: string }).archiveKey;
    expect(archiveKey).toMatch(/^exports\/[0-9a-f-]{36}\.zip$/);
    expect(url).toContain(archiveKey);
  });

  it('finds the same customer by phone, however the number is written', async () => {
    const { complaints } = await exportCustomer(deps, { phone: '13800138000' }, manager);
    expect(complaints).toBe(1);
  });

  it('refuses to erase while one of the customer’s complaints is open, in the caller’s language, and erases nothing', async () => {
    const open = aComplaint({
      customer: { name: NAME, email: EMAIL, tier: 'standard', locale: 'zh-CN' },
      status: 'in_progress',
      receivedAt: '2026-11-24T02:00:00.000Z',
    });
    await create(open, [timelineEvent(open.id, 'received', new Date(open.receivedAt), 'customer', { channel: 'web' })]);
    const before = await allTableItems();
    const objectsBefore = await allObjects();
    const mailBefore = await (await fetch(`${ses.url}/store`)).json();

    const refused = await eraseCustomer(deps, { email: EMAIL }, manager).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InvalidTransitionError);
    expect(refused).toMatchObject({
      statusCode: 409,
      reason: 'customer_complaints_open',
      params: { ticketNumbers: [open.ticketNumber] },
    });
    const { params } = refused as InvalidTransitionError;
    expect(message('zh-CN', 'invalid_transition', params)).toContain(open.ticketNumber);
    expect(message('zh-CN', 'invalid_transition', params)).toContain('未删除任何数据');
    expect(message('en', 'invalid_transition', params)).toContain('Nothing was erased');
    expect(await allTableItems()).toEqual(before);
    expect(await allObjects()).toEqual(objectsBefore);
    expect(await (await fetch(`${ses.url}/store`)).json()).toEqual(mailBefore);

    // Once it is closed, the erasure can run (the next test).
    await store.updateComplaint(open.id, 1, { status: 'closed', closedAt: '2026-11-25T02:00:00.000Z' }, []);
  });

  it('an erase leaves every report figure unchanged and no personal data in the table, the raw-mail store or the local mail store', async () => {
    // What happened before (the exports' audits, the third complaint) is counted first.
    await aggregate(await drainStream(), {
      counters: counters(),
      timezone: ZONE,
      nowEpochSeconds: () => 1_800_000_050,
    });
    const before = await countersAndFigures();
    now = new Date('2026-11-26T02:00:00.000Z');
    const exportsOf = async (c: Complaint) =>
      (await store.listTimeline(c.id)).flatMap((e) =>
        e.type === 'customer_data_exported' && e.data.archiveKey ? [e.data.archiveKey] : [],
      );
    const byMailExports = await exportsOf(byMail);
    const exportKeys = new Set([...byMailExports, ...(await exportsOf(byForm))]);
    expect(byMailExports).toHaveLength(2); // by email, then by phone

    const erased = await eraseCustomer(deps, { email: EMAIL }, manager);
    expect(erased).toEqual({ complaints: 3, rawMailDeleted: 3, exportsDeleted: exportKeys.size });

    const items = await allTableItems();
    const everything = JSON.stringify(items).toLowerCase();
    for (const secret of SECRETS) expect(everything).not.toContain(secret.toLowerCase());
    expect(everything).toContain('someone else wrote this.');
    const objects = await allObjects();
    expect([...objects.keys()]).toEqual(['inbound/other']);

    // The local mailbox forgets the mail to the customer and the notices naming the complaint, in memory and on file.
    const mailbox = JSON.stringify(await (await fetch(`${ses.url}/store`)).json()).toLowerCase();
    const mailboxOnFile = readFileSync(mailboxFile, 'utf8').toLowerCase();
    for (const secret of [...SECRETS, byMail.ticketNumber]) {
      expect(mailbox).not.toContain(secret.toLowerCase());
      expect(mailboxOnFile).not.toContain(secret.toLowerCase());
    }
    expect(mailbox).toContain('someone else wrote this.');
    expect(mailboxOnFile).toContain('someone else wrote this.');

    // Every record the erase wrote reaches the aggregator, and none of them counts.
    const records = await drainStream();
    expect(records.some((r) => r.eventName === 'MODIFY')).toBe(true);
    const result = await aggregate(records, {
      counters: counters(),
      timezone: ZONE,
      nowEpochSeconds: () => 1_800_000_100,
    });
    expect(result).toMatchObject({ applied: 0 });
    const after = await countersAndFigures();
    expect(after.items).toEqual(before.items);
    expect(after.figures).toEqual(before.figures);
    expect(before.figures.received).toBeGreaterThan(0);

    // What stays: ticket numbers, grades, statuses, times; and the audit names only the manager.
    const kept = (await store.getComplaint(byMail.id))!;
    expect(kept).toMatchObject({
      ticketNumber: byMail.ticketNumber,
      grade: byMail.grade,
      status: 'closed',
      receivedAt: byMail.receivedAt,
      assignedAt: '2026-11-20T03:00:00.000Z',
      personalDataErasedAt: now.toISOString(),
    });
    const audit = (await store.listTimeline(byMail.id)).filter((e) => e.type === 'customer_data_erased');
    expect(audit).toEqual([
      expect.objectContaining({
        actor: manager.id,
        data: { by: 'email', rawMailDeleted: 3, exportsDeleted: byMailExports.length },
      }),
    ]);
  });

  it('erasing twice is fine: nothing is found under the address any more, and nothing changes', async () => {
    const before = await allTableItems();
    expect(await eraseCustomer(deps, { email: EMAIL }, manager)).toEqual({
      complaints: 0,
      rawMailDeleted: 0,
      exportsDeleted: 0,
    });
    expect(await allTableItems()).toEqual(before);
  });

  it('the retention sweep erases complaints archived longer ago than the policy keeps them, through the index', async () => {
    const archivedLongAgo = aComplaint({
      status: 'closed',
      customer: { name: '李四', email: 'lisi@example.com', tier: 'standard', locale: 'zh-CN' },
      receivedAt: '2022-03-01T02:00:00.000Z',
      closedAt: '2022-03-10T02:00:00.000Z',
      archivedAt: '2022-03-10T03:00:00.000Z',
    });
    const archivedLately = aComplaint({
      status: 'closed',
      customer: { name: '赵六', email: 'zhaoliu@example.com', tier: 'standard', locale: 'zh-CN' },
      receivedAt: '2025-03-01T02:00:00.000Z',
      closedAt: '2025-03-10T02:00:00.000Z',
      archivedAt: '2025-03-10T03:00:00.000Z',
    });
    await create(archivedLongAgo, []);
    await create(archivedLately, []);

    expect(await eraseExpired(deps, 3)).toEqual({ erased: 1 });
    expect((await store.getComplaint(archivedLongAgo.id))?.customer).toEqual({
      name: '[erased]',
      tier: 'standard',
      locale: 'zh-CN',
    });
    expect((await store.getComplaint(archivedLately.id))?.customer.email).toBe('zhaoliu@example.com');
    const audit = (await store.listTimeline(archivedLongAgo.id)).find((e) => e.type === 'customer_data_erased');
    expect(audit).toMatchObject({ actor: 'system', data: { by: 'retention' } });
    // Erased, it leaves the sweep's index: the next run finds nothing more to do.
    expect(await eraseExpired(deps, 3)).toEqual({ erased: 0 });
    const retained = await table.doc.send(
      new QueryCommand({
        TableName: table.tableName,
        IndexName: 'byDeadline',
        KeyConditionExpression: 'dueKey = :k',
        ExpressionAttributeValues: { ':k': 'RETAINED' },
      }),
    );
    expect(retained.Items?.map((i) => i.id)).toEqual([archivedLately.id]);
  });

  it('keeps no report counter under a customer key', async () => {
    const out = await table.doc.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `${REPORT_DAY_PREFIX}2026-11-20` },
      }),
    );
    expect(JSON.stringify(out.Items)).not.toContain('@');
  });
});

describe('an export larger than a Lambda response can carry', () => {
  const bucket = 'inbound-mail';
  const directory = mkdtempSync(join(tmpdir(), 'closeloop-privacy-big-'));
  let stopS3: (() => Promise<void>) | undefined;
  let s3: S3Client;
  let table: Awaited<ReturnType<typeof freshTable>>;
  let deps: ExportDeps;
  // Random bytes do not compress: the zip stays over the 6 MB a response carries (about 4 MB once base64).
  const photo = randomBytes(7 * 1024 * 1024);

  beforeAll(async () => {
    ({ s3, stop: stopS3 } = await startS3(bucket, directory));
    table = await freshTable('privacy-big');
    let store: DynamoComplaintStore;
    ({ store, deps } = privacyDeps({ table, s3, bucket, now: () => new Date('2026-11-25T02:00:00.000Z') }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'attachments/inbound/big/0-photo.jpg', Body: photo }));
    const c = aComplaint({ customer: { email: 'many.mails@example.com', tier: 'standard', locale: 'en' } });
    await store.createComplaint(
      c,
      [
        timelineEvent(c.id, 'received', new Date(c.receivedAt), 'customer', {
          channel: 'email',
          attachments: [
            { key: 'attachments/inbound/big/0-photo.jpg', filename: 'photo.jpg', contentType: 'image/jpeg', size: 7 },
          ],
        }),
      ],
      [],
      new Date(c.receivedAt),
    );
  });

  afterAll(async () => {
    await stopS3?.();
    await table?.drop();
    rmSync(directory, { recursive: true, force: true });
  });

  it('comes as a link that downloads the whole zip', async () => {
    const result = await exportCustomer(deps, { email: 'many.mails@example.com' }, manager);
    expect(result.bytes).toBeGreaterThan(6 * 1024 * 1024);
    const { status, bytes } = await download(result.url);
    expect(status).toBe(200);
    expect(bytes.byteLength).toBe(result.bytes);
    const files = unzipSync(bytes);
    const photoFile = Object.entries(files).find(([name]) => name.endsWith('/attachments/0-photo.jpg'))?.[1];
    expect(Buffer.from(photoFile!).equals(photo)).toBe(true);
  });

  it('stops working once the link has expired', async () => {
    // Signed 16 minutes ago, as if the manager came back to it later: S3 (here s3rver) checks its own clock.
    const late = new S3ExportArchives({ bucket, client: s3, now: () => new Date(Date.now() - 16 * 60_000) });
    const stale = await late.publish(new Uint8Array([1, 2, 3]), 'closeloop-export-2026-11-25.zip');
    expect(Date.parse(stale.expiresAt)).toBeLessThan(Date.now());
    expect((await download(stale.url)).status).toBe(403);
    const fresh = await new S3ExportArchives({ bucket, client: s3 }).publish(new Uint8Array([1, 2, 3]), 'x.zip');
    expect(await download(fresh.url)).toEqual({ status: 200, bytes: new Uint8Array([1, 2, 3]) });
  });
});

describe('an erase and a concurrent change to the same complaint', () => {
  const bucket = 'inbound-mail';
  const directory = mkdtempSync(join(tmpdir(), 'closeloop-privacy-race-'));
  let stopS3: (() => Promise<void>) | undefined;
  let s3: S3Client;
  let table: Awaited<ReturnType<typeof freshTable>>;
  let store: DynamoComplaintStore;
  let deps: ExportDeps;
  const now = () => new Date('2026-11-26T02:00:00.000Z');
  const PHONE_IN_NOTE = '13912345678';

  /** What the workflow's archive step is given (shared/wiring.ts workflowCoreDeps). */
  const workflowDeps = (complaints: DynamoComplaintStore) => ({
    store: complaints,
    tokens: new InMemoryTokens(),
    workflow: new RecordingWorkflow(),
    clock: { now },
    policy: defaultPolicy,
    calendar,
  });

  /** A closed complaint, not yet archived, of a customer of its own. */
  async function closedComplaint(email: string): Promise<Complaint> {
    const c = aComplaint({
      status: 'closed',
      closedAt: '2026-11-25T02:00:00.000Z',
      customer: { name: NAME, email, tier: 'standard', locale: 'zh-CN' },
      description: `我住在${FREE_TEXT}`,
    });
    await store.createComplaint(
      c,
      [timelineEvent(c.id, 'received', new Date(c.receivedAt), 'customer', { channel: 'web' })],
      [],
      new Date(c.receivedAt),
    );
    return c;
  }

  /** The store, but the first complaint write waits for `first` to run (a write that lands in between). */
  function storeRacing(first: () => Promise<void>): DynamoComplaintStore {
    let raced = false;
    return new Proxy(store, {
      get(target, prop) {
        if (prop === 'updateComplaint') {
          return async (...args: Parameters<DynamoComplaintStore['updateComplaint']>) => {
            if (!raced) {
              raced = true;
              await first();
            }
            return target.updateComplaint(...args);
          };
        }
        const value = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  const personalDataOf = async (c: Complaint) => {
    const items = await table.doc.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `COMPLAINT#${c.id}` },
        ConsistentRead: true,
      }),
    );
    const text = JSON.stringify(items.Items);
    return [c.customer.email!, NAME, FREE_TEXT, PHONE_IN_NOTE].filter((secret) => text.includes(secret));
  };

  beforeAll(async () => {
    ({ s3, stop: stopS3 } = await startS3(bucket, directory));
    table = await freshTable('privacy-race');
    ({ store, deps } = privacyDeps({ table, s3, bucket, now }));
  });

  afterAll(async () => {
    await stopS3?.();
    await table?.drop();
    rmSync(directory, { recursive: true, force: true });
  });

  it('keeps a change that lands while the erase runs, and erases what a note added meanwhile', async () => {
    const c = await closedComplaint('race.one@example.com');
    const racing = {
      ...deps,
      store: storeRacing(async () => {
        // The workflow archives it, and an agent notes a call, between the erase's reads and its write.
        await archiveStep(workflowDeps(store), c.id);
        await store.appendEvents([
          timelineEvent(c.id, 'note_added', now(), 'agent.li', { text: `客户来电 ${PHONE_IN_NOTE}` }),
        ]);
      }),
    };
    expect(await eraseCustomer(racing, { email: c.customer.email! }, manager)).toMatchObject({ complaints: 1 });

    const after = (await store.getComplaint(c.id))!;
    expect(after.archivedAt).toBeDefined();
    expect(after.personalDataErasedAt).toBe(now().toISOString());
    expect(await personalDataOf(c)).toEqual([]);
    const timeline = await store.listTimeline(c.id);
    expect(timeline.filter((e) => e.type === 'archived')).toHaveLength(1);
    expect(timeline.filter((e) => e.type === 'customer_data_erased')).toHaveLength(1);
    expect(timeline.find((e) => e.type === 'note_added')).toMatchObject({
      actor: 'agent.li',
      data: { text: '[erased]' },
    });
  });

  it('lets a change decided before the erase and written after it write back no personal data', async () => {
    const c = await closedComplaint('race.two@example.com');
    // The archive step read the complaint before the erase; its write comes after, and loses the version check.
    await archiveStep(
      workflowDeps(
        storeRacing(async () => {
          await eraseCustomer(deps, { email: c.customer.email! }, manager);
        }),
      ),
      c.id,
    );
    const after = (await store.getComplaint(c.id))!;
    expect(after.archivedAt).toBeDefined();
    expect(after.customer).toEqual({ name: '[erased]', tier: 'standard', locale: 'zh-CN' });
    expect(await personalDataOf(c)).toEqual([]);
    expect(await store.listByCustomerEmail(c.customer.email!)).toMatchObject({ items: [] });
  });
});
