import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/dynamodb.js';
import { LOCAL_INBOUND_BUCKET, type LocalS3, startS3Local } from '../../infra/local/s3.js';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import type { HttpResult } from '../../shared/http/response.js';
import { aComplaint } from '../support/complaint-factory.js';
import { freshTable } from '../support/dynamo.js';
import { httpEvent, lambdaContext } from '../support/http-event.js';
import { DEMO_DIRECTORY_ENV } from '../support/staff.js';

type Handler = (event: APIGatewayProxyEventV2, context: typeof lambdaContext) => Promise<HttpResult>;

/** POST /staff/customers/export and /erase as Lambda runs them: who may, what a bad body gets, what comes back. */
describe('the staff customers handler', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  let s3: LocalS3;
  let handler: Handler;
  let open: ReturnType<typeof aComplaint>;
  const saved = { ...process.env };

  beforeAll(async () => {
    table = await freshTable('customers');
    // The local runtime's S3 emulator: the export waits there, and its link is served from there.
    s3 = await startS3Local({ buckets: [LOCAL_INBOUND_BUCKET] });
    Object.assign(process.env, {
      TABLE_NAME: table.tableName,
      INBOUND_MAIL_BUCKET: LOCAL_INBOUND_BUCKET,
      AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
      AWS_ENDPOINT_URL_S3: s3.url,
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      ...DEMO_DIRECTORY_ENV,
    });
    const store = new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName });
    const c = aComplaint({
      status: 'closed',
      closedAt: '2026-11-24T02:00:00.000Z',
      customer: { email: 'fang@example.com', tier: 'standard', locale: 'zh-CN' },
    });
    await store.createComplaint(c, [], [], new Date());
    open = aComplaint({
      status: 'in_progress',
      customer: { email: 'open@example.com', tier: 'standard', locale: 'en' },
    });
    await store.createComplaint(open, [], [], new Date());
    handler = (await import('../../functions/staff-customers.js')).handler as unknown as Handler;
  });
  afterAll(async () => {
    process.env = saved;
    await s3?.stop();
    await table.drop();
  });

  const call = (what: 'export' | 'erase', user: string, group: string, body: unknown, lang = 'en') => {
    const event = httpEvent({
      path: `/staff/customers/${what}`,
      body: JSON.stringify(body),
      headers: { 'accept-language': lang },
      signedIn: { user, groups: `[${group}]` },
    });
    return handler(event, lambdaContext);
  };

  it('refuses a non-manager with 403 even when the body is wrong too', async () => {
    expect((await call('erase', 'supervisor.wang', 'supervisor', {})).statusCode).toBe(403);
  });

  it.each([
    ['agent.li', 'agent'],
    ['supervisor.wang', 'supervisor'],
    ['head.zhao', 'department_head'],
  ])('refuses %s an export and an erase with 403', async (user, group) => {
    expect((await call('export', user, group, { email: 'fang@example.com' })).statusCode).toBe(403);
    expect((await call('erase', user, group, { email: 'fang@example.com' })).statusCode).toBe(403);
  });

  it('answers a body that names no customer, or both ways at once, with 400 in the caller’s language', async () => {
    const none = await call('export', 'manager.sun', 'manager', {}, 'zh-CN');
    expect(none.statusCode).toBe(400);
    expect(JSON.parse(String(none.body)).message).toMatch(/[\u4e00-\u9fff]/);
    const bad = await call('erase', 'manager.sun', 'manager', { email: 'not-an-address' }, 'en');
    expect(bad.statusCode).toBe(400);
    const both = await call('erase', 'manager.sun', 'manager', { email: 'fang@example.com', phone: '13800138000' });
    expect(both.statusCode).toBe(400);
  });

  it('gives a manager a link that downloads the zip archive, named by the day, for 15 minutes', async () => {
    const result = await call('export', 'manager.sun', 'manager', { email: 'FANG@example.com' });
    expect(result.statusCode).toBe(200);
    expect(result.headers).toMatchObject({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
    const body = JSON.parse(String(result.body));
    expect(body).toMatchObject({ complaints: 1, bytes: expect.any(Number), expiresAt: expect.any(String) });
    expect(new URL(body.url).origin).toBe(s3.url);
    expect(new URL(body.url).searchParams.get('X-Amz-Expires')).toBe('900');
    const download = await fetch(body.url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/zip');
    expect(download.headers.get('content-disposition')).toMatch(
      /^attachment; filename="closeloop-export-\d{4}-\d{2}-\d{2}\.zip"$/,
    );
    const zip = new Uint8Array(await download.arrayBuffer());
    expect(zip.byteLength).toBe(body.bytes);
    expect(Object.keys(unzipSync(zip))).toContain('README.txt');
  });

  it('answers 404 when no complaint is held under the contact', async () => {
    expect((await call('export', 'manager.sun', 'manager', { phone: '+44 20 7946 0000' })).statusCode).toBe(404);
  });

  it('refuses to erase a customer whose complaint is open with 409 in the caller’s language, naming it', async () => {
    const refused = await call('erase', 'manager.sun', 'manager', { email: 'open@example.com' }, 'zh-CN');
    expect(refused.statusCode).toBe(409);
    const body = JSON.parse(String(refused.body));
    expect(body).toMatchObject({ error: 'invalid_transition', reason: 'customer_complaints_open' });
    expect(body.message).toContain(open.ticketNumber);
    expect(body.message).toMatch(/[\u4e00-\u9fff]/);
    const english = await call('erase', 'manager.sun', 'manager', { email: 'open@example.com' }, 'en');
    expect(JSON.parse(String(english.body)).message).toContain('Nothing was erased');
  });

  it('erases for a manager, the waiting export with it, and a second erase finds nothing', async () => {
    const first = await call('erase', 'manager.sun', 'manager', { email: 'fang@example.com' });
    expect(first.statusCode).toBe(200);
    expect(JSON.parse(String(first.body))).toEqual({ complaints: 1, rawMailDeleted: 0, exportsDeleted: 1 });
    const again = await call('erase', 'manager.sun', 'manager', { email: 'fang@example.com' });
    expect(JSON.parse(String(again.body))).toEqual({ complaints: 0, rawMailDeleted: 0, exportsDeleted: 0 });
  });
});
