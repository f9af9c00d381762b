import { createServer, type Server } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import { DynamoPolicyStore } from '../../shared/adapters/dynamo/policy-store.js';
import type { HttpResult } from '../../shared/http/response.js';
import { seedPolicy } from '../../shared/policy/seed.js';
import { handlerTable } from '../support/dynamo.js';
import { httpEvent, lambdaContext } from '../support/http-event.js';

/**
 * POST /staff/complaints as Lambda runs it, configured from the environment, on DynamoDB Local,
 * with a stand-in Step Functions endpoint that records the executions it is asked to start.
 */
type Handler = (event: APIGatewayProxyEventV2, context: typeof lambdaContext) => Promise<HttpResult>;

describe('staff registering a complaint', () => {
  const table = handlerTable('register', {
    STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:000000000000:stateMachine:closeloop',
    LINK_SIGNING_SECRET: 'register-test-link-secret-0123456789abcdef',
    RATE_LIMIT_PER_MINUTE: '0',
  });
  let store: DynamoComplaintStore;
  let register: Handler;
  let sfn: Server;
  const started: { name: string; input: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    sfn = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        const request = JSON.parse(body) as { name: string; input: string };
        started.push({ name: request.name, input: JSON.parse(request.input) });
        res.setHeader('content-type', 'application/x-amz-json-1.0');
        res.end(JSON.stringify({ executionArn: `arn:aws:states:local:0:execution:m:${request.name}`, startDate: 0 }));
      });
    });
    await new Promise<void>((resolve) => sfn.listen(0, '127.0.0.1', resolve));
    const address = sfn.address();
    process.env.AWS_ENDPOINT_URL_SFN = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    store = new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName });
    // Version 1, as the deploy's trigger stores it: the functions that grade have no defaults to fall back on.
    await seedPolicy(new DynamoPolicyStore({ doc: table.doc, tableName: table.tableName }), () => new Date());
    register = (await import('../../functions/staff-register.js')).handler as unknown as Handler;
  });
  afterAll(() => new Promise<void>((resolve) => sfn.close(() => resolve())));

  function post(user: string | undefined, groups: string, body: unknown, headers: Record<string, string> = {}) {
    const event = httpEvent({
      path: '/staff/complaints',
      body: JSON.stringify(body),
      headers,
      ...(user ? { signedIn: { user, groups } } : {}),
    });
    return register(event, lambdaContext);
  }
  const json = (result: HttpResult) => JSON.parse(String(result.body));

  const phoneCall = {
    channel: 'phone',
    customer: { name: '王芳', phone: '+86 138 0013 8000', locale: 'zh-CN' },
    description: '电水壶用了两天就不加热了，客服电话里说要寄回检测。',
    orderNumber: 'JD-20261130-77',
  };

  it('numbers, grades and routes a phone complaint, records who took it, and starts its workflow', async () => {
    const result = await post('agent.li', '[agent]', phoneCall);
    expect(result.statusCode).toBe(201);
    const answer = json(result);
    expect(answer).toMatchObject({
      ticketNumber: expect.stringMatching(/^\d{6}-\d{4}$/),
      channel: 'phone',
      status: 'received',
      grade: expect.stringMatching(/^P[1-4]$/),
      deadlines: { assign: expect.any(String), resolve: expect.any(String) },
      statusUrl: expect.stringContaining('http://localhost:3000/status/'),
    });
    const stored = await store.getComplaint(answer.id);
    expect(stored).toMatchObject({
      channel: 'phone',
      ticketNumber: answer.ticketNumber,
      customer: { name: '王芳', phone: '+86 138 0013 8000', locale: 'zh-CN' },
      orderNumber: 'JD-20261130-77',
    });
    const timeline = await store.listTimeline(answer.id);
    expect(timeline.map((e) => [e.type, e.actor])).toEqual([
      ['received', 'agent.li'],
      ['graded', 'system'],
    ]);
    expect(timeline[0]?.data).toEqual({ channel: 'phone', policyVersion: 1 });
    expect(started.filter((s) => s.name === answer.id)).toEqual([
      { name: answer.id, input: expect.objectContaining({ complaintId: answer.id, locale: 'zh-CN' }) },
    ]);
  });

  it('grades a complaint a regulator passed on as P1, saying why', async () => {
    const result = await post('supervisor.wang', '[supervisor]', {
      ...phoneCall,
      channel: 'regulator',
      customer: { name: 'Market Regulation Bureau case 2026-118', email: 'case118@example.gov.cn' },
      description: 'Forwarded consumer complaint about a kettle that stops heating.',
    });
    expect(result.statusCode).toBe(201);
    expect(json(result)).toMatchObject({
      grade: 'P1',
      gradeReasons: expect.arrayContaining([expect.stringMatching(/regulator/)]),
    });
  });

  it('makes a registration retried with the same Idempotency-Key one complaint', async () => {
    const body = {
      ...phoneCall,
      customer: { phone: '+86 139 0000 0001' },
      description: 'Second call: the app crashes.',
    };
    const headers = { 'idempotency-key': 'register-retry-0001' };
    const first = await post('manager.sun', '[manager]', body, headers);
    const again = await post('manager.sun', '[manager]', body, headers);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(json(again).id).toBe(json(first).id);
    expect(json(again).ticketNumber).toBe(json(first).ticketNumber);
    expect(again.headers?.['idempotency-replayed']).toBe('true');
  });

  it('asks a caller without a token to sign in', async () => {
    const result = await post(undefined, '', { ...phoneCall, description: 'No token, no complaint.' });
    expect(result.statusCode).toBe(401);
  });

  it('refuses our own web form and mailbox as the channel, and a customer nobody can reach, in the caller’s language', async () => {
    const web = await post('agent.li', '[agent]', { ...phoneCall, channel: 'web' }, { 'accept-language': 'zh-CN' });
    expect(web.statusCode).toBe(400);
    expect(json(web).fields).toHaveProperty('channel');
    const missing = await post('agent.li', '[agent]', { ...phoneCall, customer: { name: 'Nobody' } });
    expect(missing.statusCode).toBe(400);
    expect(json(missing).fields).toHaveProperty(['customer.contact']);
    const noChannel = await post('agent.li', '[agent]', { ...phoneCall, channel: undefined });
    expect(noChannel.statusCode).toBe(400);
  });
});
