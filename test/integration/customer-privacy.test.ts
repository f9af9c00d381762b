import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStreamPoller } from '../../infra/local/streams.js';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import { ForbiddenError } from '../../shared/errors/index.js';
import type { Complaint, TimelineEvent } from '../../shared/model/complaint.js';
import { timelineEvent } from '../../shared/model/events.js';
import type { StaffMember } from '../../shared/policy/types.js';
import { DynamoPersonalData } from '../../shared/privacy/dynamo-personal-data.js';
import { S3MailObjects } from '../../shared/privacy/s3-mail-objects.js';
import { aggregate } from '../../shared/reports/aggregate.js';
import { DynamoCounterStore, REPORT_DAY_PREFIX } from '../../shared/reports/dynamo-counters.js';
import { figures } from '../../shared/reports/report.js';
import type { StreamRecord } from '../../shared/reports/stream-records.js';
import {
  eraseCustomer,
  eraseExpired,
  exportCustomer,
  type PrivacyDeps,
} from '../../shared/usecases/customer-privacy.js';
import { aComplaint } from '../support/complaint-factory.js';
import { freshTable } from '../support/dynamo.js';

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

describe('a customer exported and erased, on DynamoDB Local, its stream and local S3', () => {
  const bucket = 'inbound-mail';
  const directory = mkdtempSync(join(tmpdir(), 'closeloop-privacy-s3-'));
  const streamDir = mkdtempSync(join(tmpdir(), 'closeloop-privacy-stream-'));
  let server: S3rverInstance;
  let s3: S3Client;
  let table: Awaited<ReturnType<typeof freshTable>>;
  let store: DynamoComplaintStore;
  let deps: PrivacyDeps;
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
    server = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory,
      configureBuckets: [{ name: bucket }],
    });
    const { port } = await server.run();
    s3 = new S3Client({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    table = await freshTable('privacy');
    store = new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName });
    deps = {
      store,
      personalData: new DynamoPersonalData({ doc: table.doc, tableName: table.tableName }),
      mail: new S3MailObjects({ bucket, client: s3 }),
      clock: { now: () => now },
    };

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

    // One from the web form, by the same customer, answered and archived long ago (the retention sweep's).
    byForm = aComplaint({
      customer: { name: NAME, email: EMAIL.toLowerCase(), tier: 'standard', locale: 'zh-CN' },
      description: `发票寄到${FREE_TEXT}`,
      orderNumber: 'ORD-77',
      receivedAt: '2026-11-22T02:00:00.000Z',
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
  });

  afterAll(async () => {
    s3?.destroy();
    await server?.close();
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
    const { archive, complaints } = await exportCustomer(deps, { email: EMAIL.toUpperCase() }, manager);
    expect(complaints).toBe(2);
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
  });

  it('finds the same customer by phone, however the number is written', async () => {
    const { complaints } = await exportCustomer(deps, { phone: '13800138000' }, manager);
    expect(complaints).toBe(1);
  });

  it('an erase leaves every report figure unchanged and no personal data in the table or the raw-mail store', async () => {
    await drainStream(); // the export's audit events: counted or not, they happened before
    const before = await countersAndFigures();
    now = new Date('2026-11-26T02:00:00.000Z');

    const erased = await eraseCustomer(deps, { email: EMAIL }, manager);
    expect(erased).toEqual({ complaints: 2, rawMailDeleted: 3 });

    const items = await allTableItems();
    const everything = JSON.stringify(items).toLowerCase();
    for (const secret of SECRETS) expect(everything).not.toContain(secret.toLowerCase());
    expect(everything).toContain('someone else wrote this.');
    const objects = await allObjects();
    expect([...objects.keys()]).toEqual(['inbound/other']);

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
      status: 'assigned',
      receivedAt: byMail.receivedAt,
      assignedAt: '2026-11-20T03:00:00.000Z',
      personalDataErasedAt: now.toISOString(),
    });
    const audit = (await store.listTimeline(byMail.id)).filter((e) => e.type === 'customer_data_erased');
    expect(audit).toEqual([expect.objectContaining({ actor: manager.id, data: { by: 'email', rawMailDeleted: 3 } })]);
  });

  it('erasing twice is fine: nothing is found under the address any more, and nothing changes', async () => {
    const before = await allTableItems();
    expect(await eraseCustomer(deps, { email: EMAIL }, manager)).toEqual({ complaints: 0, rawMailDeleted: 0 });
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
