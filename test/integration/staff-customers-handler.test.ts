import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import type { HttpResult } from '../../shared/http/response.js';
import { aComplaint } from '../support/complaint-factory.js';
import { handlerTable, UNREACHABLE } from '../support/dynamo.js';
import { httpEvent, lambdaContext } from '../support/http-event.js';

type Handler = (event: APIGatewayProxyEventV2, context: typeof lambdaContext) => Promise<HttpResult>;

/** POST /staff/customers/export and /erase as Lambda runs them: who may, what a bad body gets, what comes back. */
describe('the staff customers handler', () => {
  const table = handlerTable('customers', {
    INBOUND_MAIL_BUCKET: 'closeloop-inbound-mail',
    // The complaints below carry no mail, so the bucket is never asked.
    AWS_ENDPOINT_URL_S3: UNREACHABLE,
  });
  let handler: Handler;

  beforeAll(async () => {
    const store = new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName });
    const c = aComplaint({ customer: { email: 'fang@example.com', tier: 'standard', locale: 'zh-CN' } });
    await store.createComplaint(c, [], [], new Date());
    handler = (await import('../../functions/staff-customers.js')).handler as unknown as Handler;
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

  it('gives a manager the zip archive, base64 as API Gateway expects, named by the day', async () => {
    const result = await call('export', 'manager.sun', 'manager', { email: 'FANG@example.com' });
    expect(result.statusCode).toBe(200);
    expect(result.headers).toMatchObject({ 'content-type': 'application/zip' });
    expect(String(result.headers?.['content-disposition'])).toMatch(
      /^attachment; filename="closeloop-export-\d{4}-\d{2}-\d{2}\.zip"$/,
    );
    expect(result.isBase64Encoded).toBe(true);
    expect(Object.keys(unzipSync(Buffer.from(String(result.body), 'base64')))).toContain('README.txt');
  });

  it('answers 404 when no complaint is held under the contact', async () => {
    expect((await call('export', 'manager.sun', 'manager', { phone: '+44 20 7946 0000' })).statusCode).toBe(404);
  });

  it('erases for a manager, and a second erase finds nothing', async () => {
    const first = await call('erase', 'manager.sun', 'manager', { email: 'fang@example.com' });
    expect(first.statusCode).toBe(200);
    expect(JSON.parse(String(first.body))).toEqual({ complaints: 1, rawMailDeleted: 0 });
    const again = await call('erase', 'manager.sun', 'manager', { email: 'fang@example.com' });
    expect(JSON.parse(String(again.body))).toEqual({ complaints: 0, rawMailDeleted: 0 });
  });
});
