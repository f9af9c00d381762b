import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import type { HttpResult } from '../../shared/http/response.js';
import { signCustomerLink } from '../../shared/links/status-link.js';
import type { Complaint } from '../../shared/model/complaint.js';
import { aComplaint } from '../support/complaint-factory.js';
import { handlerTable, unreachableMailEnv } from '../support/dynamo.js';
import { httpEvent, lambdaContext } from '../support/http-event.js';

/**
 * The thin handlers as Lambda runs them, configured from the environment, on DynamoDB Local:
 * what a caller sees when it is refused (401, 403, 404, 409, in its language) and the survey page.
 */
const SECRET = 'handler-test-link-secret-0123456789abcdef';
type Handler = (event: APIGatewayProxyEventV2, context: typeof lambdaContext) => Promise<HttpResult>;

describe('the staff and customer handlers', () => {
  const table = handlerTable('handlers', unreachableMailEnv(SECRET));
  let store: DynamoComplaintStore;
  let staffAction: Handler;
  let staffComplaint: Handler;
  let survey: Handler;
  let status: Handler;
  let reply: Handler;

  beforeAll(async () => {
    store = new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName });
    staffAction = (await import('../../functions/staff-action.js')).handler as unknown as Handler;
    staffComplaint = (await import('../../functions/staff-complaint.js')).handler as unknown as Handler;
    survey = (await import('../../functions/survey.js')).handler as unknown as Handler;
    status = (await import('../../functions/complaint-status.js')).handler as unknown as Handler;
    reply = (await import('../../functions/customer-reply.js')).handler as unknown as Handler;
  });

  async function given(overrides: Partial<Complaint> = {}): Promise<Complaint> {
    const complaint = aComplaint({ status: 'acknowledged', ...overrides });
    await store.createComplaint(complaint, [], [], new Date());
    return complaint;
  }

  function asStaff(user: string | undefined, groups: string | string[], opts: Parameters<typeof httpEvent>[0]) {
    return httpEvent({ ...opts, ...(user ? { signedIn: { user, groups } } : {}) });
  }

  const action = (
    user: string | undefined,
    groups: string | string[],
    id: string,
    name: string,
    body: unknown,
    lang = 'en',
  ) =>
    staffAction(
      asStaff(user, groups, {
        path: `/staff/complaints/${id}/${name}`,
        pathParameters: { id, action: name },
        body: JSON.stringify(body),
        headers: { 'accept-language': lang },
      }),
      lambdaContext,
    );

  const json = (result: HttpResult) => JSON.parse(String(result.body));

  it('asks a caller without a token to sign in', async () => {
    const complaint = await given();
    const result = await action(undefined, [], complaint.id, 'assign', {});
    expect(result.statusCode).toBe(401);
    expect(json(result).error).toBe('unauthorized');
  });

  it('refuses an agent who tries to approve, in Chinese when asked', async () => {
    const complaint = await given({ ownerId: 'agent.li', status: 'solution_proposed' });
    const result = await action('agent.li', '[agent]', complaint.id, 'approve', {}, 'zh-CN');
    expect(result.statusCode).toBe(403);
    expect(json(result).message).toBe('您无权执行此操作。');
  });

  it('answers a regrade without a reason with a 400 in the caller’s language, and one on a closed complaint with a 409', async () => {
    const complaint = await given({ ownerId: 'agent.li', status: 'in_progress' });
    const missing = await action('supervisor.wang', '[supervisor]', complaint.id, 'regrade', { grade: 'P2' }, 'zh-CN');
    expect(missing.statusCode).toBe(400);
    expect(json(missing).message).toMatch(/[\u4e00-\u9fff]/);
    const closed = await given({ status: 'closed' });
    const late = await action('supervisor.wang', '[supervisor]', closed.id, 'regrade', {
      grade: 'P2',
      reason: 'Injury',
    });
    expect(late.statusCode).toBe(409);
    expect(json(late).message).toBe('This complaint is closed.');
  });

  it('answers a refused transition with 409 and the reason, and a done one with the new version as ETag', async () => {
    const complaint = await given({ department: 'finance' });
    const taken = await action('agent.zhou', '[agent]', complaint.id, 'assign', {});
    expect(taken.statusCode).toBe(200);
    expect(taken.headers?.etag).toBe(`"${complaint.version + 1}"`);
    const late = await action('agent.jones', ['agent'], complaint.id, 'assign', {});
    expect(late.statusCode).toBe(409);
    expect(json(late)).toMatchObject({
      error: 'invalid_transition',
      message: 'agent.zhou has already taken this complaint; only a supervisor can reassign it.',
    });
  });

  it('shows a member of staff the complaint with its timeline and version', async () => {
    const complaint = await given();
    await action('supervisor.wang', '[supervisor]', complaint.id, 'note', { text: 'Seen' });
    const result = await staffComplaint(
      asStaff('agent.li', '[agent]', {
        method: 'GET',
        path: `/staff/complaints/${complaint.id}`,
        pathParameters: { id: complaint.id },
      }),
      lambdaContext,
    );
    expect(result.statusCode).toBe(200);
    expect(result.headers?.etag).toBe(`"${complaint.version}"`);
    expect(json(result).timeline.map((e: { type: string }) => e.type)).toEqual(['note_added']);
  });

  it("lists an agent's own complaints, without the customers' contact details", async () => {
    const complaint = await given({ department: 'finance', ownerId: 'agent.zhou' });
    const mine = await given({ department: 'customer_service', ownerId: 'agent.li', status: 'assigned' });
    const result = await staffComplaint(
      asStaff('agent.li', '[agent]', {
        method: 'GET',
        path: '/staff/complaints',
        query: { view: 'mine', limit: '100' },
      }),
      lambdaContext,
    );
    expect(result.statusCode).toBe(200);
    const body = json(result);
    expect(body.items.map((i: { id: string }) => i.id)).toContain(mine.id);
    expect(body.items.map((i: { id: string }) => i.id)).not.toContain(complaint.id);
    expect(String(result.body)).not.toContain(mine.customer.email);
  });

  it('refuses a queue it does not know with 400, in the language the caller reads', async () => {
    const result = await staffComplaint(
      asStaff('agent.li', '[agent]', {
        method: 'GET',
        path: '/staff/complaints',
        query: { view: 'everything' },
        headers: { 'accept-language': 'zh-CN' },
      }),
      lambdaContext,
    );
    expect(result.statusCode).toBe(400);
    expect(json(result).fields.view).toContain('请从以下选项中选择');
  });

  it('refuses to show a complaint to an agent of another department, with 403', async () => {
    const complaint = await given({ department: 'finance' });
    const result = await staffComplaint(
      asStaff('agent.li', '[agent]', {
        method: 'GET',
        path: `/staff/complaints/${complaint.id}`,
        pathParameters: { id: complaint.id },
      }),
      lambdaContext,
    );
    expect(result.statusCode).toBe(403);
    expect(String(result.body)).not.toContain(complaint.customer.email);
  });

  it('serves the survey page in the customer’s language while a survey is open', async () => {
    const complaint = await given({
      status: 'awaiting_survey',
      resolvedAt: new Date().toISOString(),
      surveySentAt: new Date().toISOString(),
    });
    const { token } = await signCustomerLink({
      complaintId: complaint.id,
      purpose: 'survey',
      baseUrl: 'http://localhost:3000',
      expiresAt: new Date(Date.now() + 86_400_000),
      secret: new TextEncoder().encode(SECRET),
    });
    const page = await survey(
      httpEvent({ method: 'GET', path: `/survey/${token}`, pathParameters: { token } }),
      lambdaContext,
    );
    expect(page.statusCode).toBe(200);
    expect(page.headers?.['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain(complaint.ticketNumber);
    expect(page.body).toContain('name="score"');
    expect(page.body).toContain('<html lang="zh-CN"');
  });

  it('answers a forged survey link with not found', async () => {
    const result = await survey(
      httpEvent({ method: 'POST', path: '/survey/forged', pathParameters: { token: 'forged' }, body: '{"score":5}' }),
      lambdaContext,
    );
    expect(result.statusCode).toBe(404);
  });

  const linkFor = async (complaint: Complaint, purpose: 'status' | 'survey') =>
    (
      await signCustomerLink({
        complaintId: complaint.id,
        purpose,
        baseUrl: 'http://localhost:3000',
        expiresAt: new Date(Date.now() + 86_400_000),
        secret: new TextEncoder().encode(SECRET),
      })
    ).token;

  const browser = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
  const formPost = { ...browser, 'content-type': 'application/x-www-form-urlencoded' };

  it('shows a Chinese customer’s status page in Chinese without Accept-Language, and in English with ?lang=en', async () => {
    const complaint = await given({ customer: { ...aComplaint().customer, locale: 'zh-CN' } });
    const token = await linkFor(complaint, 'status');
    const open = (query?: Record<string, string>, headers: Record<string, string> = {}) =>
      status(
        httpEvent({ method: 'GET', path: `/status/${token}`, pathParameters: { token }, query, headers }),
        lambdaContext,
      );
    const chinese = await open();
    expect(chinese.statusCode).toBe(200);
    expect(chinese.body).toContain('<html lang="zh-CN">');
    expect(chinese.body).toContain('您的投诉');
    const english = await open({ lang: 'en' }, { 'accept-language': 'zh-CN' });
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain('Your complaint');
    // A browser that prefers English still reads the complaint's language until it switches.
    expect((await open({}, { ...browser, 'accept-language': 'en-US' })).body).toContain('<html lang="zh-CN">');
    const forScript = await open({}, { accept: 'application/json' });
    expect(JSON.parse(String(forScript.body)).ticketNumber).toBe(complaint.ticketNumber);
  });

  it('opens the survey page in English when the customer switches with ?lang=en', async () => {
    const complaint = await given({
      status: 'awaiting_survey',
      resolvedAt: new Date().toISOString(),
      surveySentAt: new Date().toISOString(),
    });
    const token = await linkFor(complaint, 'survey');
    const page = await survey(
      httpEvent({ method: 'GET', path: `/survey/${token}`, pathParameters: { token }, query: { lang: 'en' } }),
      lambdaContext,
    );
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain('How did we do?');
  });

  it('shows a person who opens a broken link a page that says so, not JSON', async () => {
    const result = await status(
      httpEvent({ method: 'GET', path: '/status/forged', pathParameters: { token: 'forged' }, headers: browser }),
      lambdaContext,
    );
    expect(result.statusCode).toBe(404);
    expect(result.headers?.['content-type']).toMatch(/^text\/html/);
    expect(result.body).toContain('We could not find that.');
    // Nothing to go back to: the link itself is what failed.
    expect(result.body).not.toContain('Back to the page');
  });

  it('takes a survey answered without JavaScript and answers with a page', async () => {
    const complaint = await given({
      status: 'awaiting_survey',
      resolvedAt: new Date().toISOString(),
      surveySentAt: new Date().toISOString(),
    });
    const token = await linkFor(complaint, 'survey');
    const answered = await survey(
      httpEvent({
        method: 'POST',
        path: `/survey/${token}`,
        pathParameters: { token },
        body: 'lang=en&score=5&verdict=satisfied&reason=Quick+and+kind',
        headers: formPost,
      }),
      lambdaContext,
    );
    expect(answered.statusCode).toBe(200);
    expect(answered.headers?.['content-type']).toMatch(/^text\/html/);
    expect(answered.body).toContain('Thank you for your feedback.');
    const stored = await store.getComplaint(complaint.id);
    expect(stored?.status).toBe('closed');
    expect(stored?.survey).toMatchObject({ score: 5, verdict: 'satisfied', reason: 'Quick and kind' });

    const again = await survey(
      httpEvent({
        method: 'POST',
        path: `/survey/${token}`,
        pathParameters: { token },
        body: 'lang=zh-CN&score=1',
        headers: formPost,
      }),
      lambdaContext,
    );
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('该评价已提交或已关闭。');
  });

  it('takes a reply sent from the status page without JavaScript, and refuses an empty one with a page', async () => {
    const complaint = await given();
    const token = await linkFor(complaint, 'status');
    const send = (body: string) =>
      reply(
        httpEvent({
          method: 'POST',
          path: `/status/${token}/reply`,
          pathParameters: { token },
          body,
          headers: formPost,
        }),
        lambdaContext,
      );
    const sent = await send('lang=zh-CN&message=%E7%85%A7%E7%89%87%E5%B7%B2%E5%8F%91');
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('谢谢，我们已收到您的回复。');
    expect(sent.body).toContain(`href="../${token}?lang=zh-CN"`);
    const timeline = await store.listTimeline(complaint.id);
    expect(timeline.find((e) => e.type === 'customer_replied')?.data).toMatchObject({ message: '照片已发' });

    const empty = await send('lang=en&message=');
    expect(empty.statusCode).toBe(400);
    expect(empty.headers?.['content-type']).toMatch(/^text\/html/);
    expect(empty.body).toContain('This field is required.');
  });

  it('says what an If-Match must be when a member of staff sends something else', async () => {
    const complaint = await given();
    const result = await staffAction(
      asStaff('supervisor.wang', '[supervisor]', {
        path: `/staff/complaints/${complaint.id}/note`,
        pathParameters: { id: complaint.id, action: 'note' },
        body: JSON.stringify({ text: 'Seen' }),
        headers: { 'if-match': 'latest', 'accept-language': 'zh-CN' },
      }),
      lambdaContext,
    );
    expect(result.statusCode).toBe(400);
    expect(json(result)).toMatchObject({
      error: 'if_match_invalid',
      message: 'If-Match 请求头须为投诉 ETag 中的版本号，例如 "3"。',
    });
  });

  it('refuses a form post to the staff API, which takes JSON only', async () => {
    const complaint = await given();
    const result = await staffAction(
      asStaff('supervisor.wang', '[supervisor]', {
        path: `/staff/complaints/${complaint.id}/note`,
        pathParameters: { id: complaint.id, action: 'note' },
        body: 'text=Seen',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      lambdaContext,
    );
    expect(result.statusCode).toBe(400);
    expect(json(result).error).toBe('unsupported_media_type');
  });
});
