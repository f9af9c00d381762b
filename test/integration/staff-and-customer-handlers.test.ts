import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/dynamodb.js';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import type { HttpResult } from '../../shared/http/response.js';
import { signCustomerLink } from '../../shared/links/status-link.js';
import type { Complaint } from '../../shared/model/complaint.js';
import { aComplaint } from '../support/complaint-factory.js';
import { freshTable } from '../support/dynamo.js';
import { httpEvent, lambdaContext } from '../support/http-event.js';

/**
 * The thin handlers as Lambda runs them, configured from the environment, on DynamoDB Local:
 * what a caller sees when it is refused (401, 403, 404, 409, in its language) and the survey page.
 */
const SECRET = 'handler-test-link-secret-0123456789abcdef';
type Handler = (event: APIGatewayProxyEventV2, context: typeof lambdaContext) => Promise<HttpResult>;

describe('the staff and customer handlers', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  let store: DynamoComplaintStore;
  let staffAction: Handler;
  let staffComplaint: Handler;
  let survey: Handler;
  const saved = { ...process.env };

  beforeAll(async () => {
    table = await freshTable('handlers');
    Object.assign(process.env, {
      TABLE_NAME: table.tableName,
      AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      MAIL_FROM: 'care@closeloop.local',
      PUBLIC_BASE_URL: 'http://localhost:3000',
      LINK_SIGNING_SECRET: SECRET,
    });
    store = new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName });
    staffAction = (await import('../../functions/staff-action.js')).handler as unknown as Handler;
    staffComplaint = (await import('../../functions/staff-complaint.js')).handler as unknown as Handler;
    survey = (await import('../../functions/survey.js')).handler as unknown as Handler;
  });
  afterAll(async () => {
    process.env = saved;
    await table.drop();
  });

  async function given(overrides: Partial<Complaint> = {}): Promise<Complaint> {
    const complaint = aComplaint({ status: 'acknowledged', ...overrides });
    await store.createComplaint(complaint, [], [], new Date());
    return complaint;
  }

  function asStaff(user: string | undefined, groups: string | string[], opts: Parameters<typeof httpEvent>[0]) {
    const event = httpEvent(opts);
    if (user) {
      Object.assign(event.requestContext, {
        authorizer: { jwt: { claims: { 'cognito:username': user, 'cognito:groups': groups }, scopes: null } },
      });
    }
    return event;
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
});
