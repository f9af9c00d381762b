import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, LocalClient } from '../../infra/local/client.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/dynamodb.js';
import type { LocalRuntime } from '../../infra/local/runtime.js';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import { lifecycleRuntime } from '../support/lifecycle.js';
import { mailsTo, waitForMails } from '../support/mailbox.js';

/**
 * The whole intake, as a customer's browser meets it: the local gateway, the real handlers,
 * DynamoDB Local, the synthesized state machine and the local SES mailbox.
 */
/** What POST /complaints answers (the fields these tests read). */
interface SubmitAnswer {
  id: string;
  ticketNumber: string;
  status: string;
  grade: string;
  department: string;
  receivedAt: string;
  acknowledgeBy: string;
  resolveBy: string;
  deadlines: Record<string, string>;
  statusUrl: string;
}

interface ErrorAnswer {
  error: string;
  message: string;
  fields?: Record<string, string>;
}

describe('intake end to end', () => {
  let runtime: LocalRuntime;
  let store: DynamoComplaintStore;

  beforeAll(async () => {
    ({ runtime } = await lifecycleRuntime('intake', { env: { RATE_LIMIT_PER_MINUTE: '1000' } }));
    const doc = DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: runtime.dynamodbEndpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }),
    );
    store = new DynamoComplaintStore({ doc, tableName: runtime.tableName });
  });
  afterAll(() => runtime?.stop());

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${runtime.apiUrl}/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('stores a web complaint, answers with its number and deadlines, and mails the acknowledgement in Chinese', async () => {
    const response = await post(
      {
        customer: { name: '王<b>芳</b>', email: 'wang.fang@example.com', locale: 'zh-CN' },
        description: '新买的电热水壶底座冒烟，还有烧焦的味道，孩子差点被烫到。',
        orderNumber: 'TM-20261120-88',
        product: { model: 'KT-17', serialNumber: 'KT17-0001', purchaseDate: '2026-11-20' },
        requestedRemedy: 'replacement',
      },
      { 'accept-language': 'zh-CN' },
    );
    expect(response.status).toBe(201);
    const answer = (await response.json()) as SubmitAnswer;
    expect(answer).toMatchObject({ status: 'received', grade: 'P1', department: 'quality' });
    expect(answer.ticketNumber).toMatch(/^\d{6}-\d{4}$/);
    expect(Date.parse(answer.acknowledgeBy) - Date.parse(answer.receivedAt)).toBe(15 * 60_000);
    expect(answer.resolveBy).toBe(answer.deadlines.resolve);

    const stored = await store.getComplaint(answer.id);
    expect(stored).toMatchObject({ ticketNumber: answer.ticketNumber, orderNumber: 'TM-20261120-88', grade: 'P1' });

    const [mail] = await waitForMails(runtime.sesUrl, 'wang.fang@example.com');
    expect(mail!.subject).toBe(`您的投诉已受理（编号 ${answer.ticketNumber}）`);
    // Each link is signed when it is made (the answer's and the mail's may fall in different
    // seconds), so compare what they open, not their bytes.
    const mailedStatusUrl = LocalClient.linkIn(mail!, 'status');
    expect(mailedStatusUrl).toBeDefined();
    const [fromAnswer, fromMail] = await Promise.all(
      [answer.statusUrl, mailedStatusUrl!].map(async (url) => {
        const page = await fetch(url, { headers: { accept: 'application/json' } });
        expect(page.status).toBe(200);
        // Which complaint it opens; its status may move on between the two reads.
        const { ticketNumber, receivedAt } = (await page.json()) as { ticketNumber: string; receivedAt: string };
        return { ticketNumber, receivedAt };
      }),
    );
    expect(fromMail).toEqual(fromAnswer);
    expect(fromMail!.ticketNumber).toBe(answer.ticketNumber);
    expect(mail!.body.html).toContain('王&lt;b&gt;芳&lt;/b&gt;');
    expect(mail!.body.html).not.toContain('<b>芳</b>');

    // The workflow announces the P1 to its department, then records the mail right after SES accepts it.
    await expect
      .poll(async () => (await store.listTimeline(answer.id)).map((e) => e.type))
      .toEqual(['received', 'graded', 'new_work_announced', 'acknowledgement_sent']);
  });

  it('lets the status link show that complaint, and only with a valid signature', async () => {
    const answer = (await (
      await post({
        customer: { email: 'status@example.com', locale: 'en' },
        subject: '<script>alert(1)</script>',
        description: 'Parcel three days late',
      })
    ).json()) as SubmitAnswer;
    await waitForMails(runtime.sesUrl, 'status@example.com');
    const page = await fetch(answer.statusUrl, { headers: { 'accept-language': 'en' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const markup = await page.text();
    expect(markup).toContain(answer.ticketNumber);
    expect(markup).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(markup).not.toContain('<script>alert(1)</script>');
    // The mail goes out before the acknowledgement is recorded: on a busy machine the status follows a moment later.
    const view = await eventually('the acknowledged status', async () => {
      const read = (await (await fetch(answer.statusUrl, { headers: { accept: 'application/json' } })).json()) as {
        status?: string;
      };
      return read.status === 'acknowledged' ? read : undefined;
    });
    expect(view).toMatchObject({ ticketNumber: answer.ticketNumber, status: 'acknowledged' });
    expect(view).not.toHaveProperty('customer');
    expect(view).not.toHaveProperty('gradeReasons');

    const tampered = answer.statusUrl.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A'));
    expect((await fetch(tampered, { headers: { accept: 'application/json' } })).status).toBe(404);
  });

  it('gives a retried submission with the same Idempotency-Key the same complaint and sends one mail', async () => {
    const body = { customer: { email: 'retry.e2e@example.com' }, description: 'Dishwasher leaks water onto the floor' };
    const headers = { 'idempotency-key': 'e2e-retry-key-42' };
    const first = (await (await post(body, headers)).json()) as SubmitAnswer;
    const again = await post(body, headers);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(((await again.json()) as SubmitAnswer).ticketNumber).toBe(first.ticketNumber);
    // One complaint, and its workflow has recorded the acknowledgement it sent: nothing else will mail.
    expect((await store.listByCustomerEmail('retry.e2e@example.com')).items).toHaveLength(1);
    await expect
      .poll(async () => (await store.listTimeline(first.id)).map((e) => e.type))
      .toContain('acknowledgement_sent');
    expect(await mailsTo(runtime.sesUrl, 'retry.e2e@example.com')).toHaveLength(1);
  });

  it('answers bad input with a 400 per field in the caller’s language and stores nothing', async () => {
    const before = (await store.listByCustomerEmail('bad@example.com')).items.length;
    const response = await post(
      { customer: { email: 'bad@example', phone: 'call me' }, description: '' },
      { 'accept-language': 'zh-CN' },
    );
    expect(response.status).toBe(400);
    const answer = (await response.json()) as ErrorAnswer;
    expect(answer.message).toBe('部分内容需要修改。');
    expect(answer.fields).toMatchObject({
      'customer.email': '请输入有效的电子邮箱地址。',
      'customer.phone': expect.stringContaining('电话号码'),
      description: '此项为必填项。',
    });
    expect((await post('{not json', { 'accept-language': 'en' })).status).toBe(400);
    expect((await store.listByCustomerEmail('bad@example.com')).items.length).toBe(before);
  });

  it('answers a CORS preflight for the form as API Gateway would', async () => {
    const response = await fetch(`${runtime.apiUrl}/complaints`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,idempotency-key',
      },
    });
    expect(response.status).toBeLessThan(300);
    expect(response.headers.get('access-control-allow-origin')).toBeTruthy();
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('serves the bilingual form page', async () => {
    const zh = await (await fetch(`${runtime.apiUrl}/?lang=zh-CN`)).text();
    expect(zh).toContain('提交投诉');
    const en = await (await fetch(`${runtime.apiUrl}/`, { headers: { 'accept-language': 'en' } })).text();
    expect(en).toContain('Send complaint');
  });
});
