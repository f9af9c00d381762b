import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import type { HttpResult } from '../../shared/http/response.js';
import { DynamoCounterStore } from '../../shared/reports/dynamo-counters.js';
import { aComplaint } from '../support/complaint-factory.js';
import { countedOnce } from '../support/counter-items.js';
import { handlerTable } from '../support/dynamo.js';
import { httpEvent, lambdaContext } from '../support/http-event.js';

/** functions/staff-reports.ts as Lambda runs it, on DynamoDB Local: roles, refusals, CSV and improvement actions. */
type Handler = (event: APIGatewayProxyEventV2, context: typeof lambdaContext) => Promise<HttpResult>;

describe('the reports API', () => {
  const table = handlerTable('reports-api', {
    LINK_SIGNING_SECRET: 'reports-test-link-secret-0123456789abcdef',
  });
  let reports: Handler;
  let overdueTicket: string;

  beforeAll(async () => {
    const counters = new DynamoCounterStore({ doc: table.doc, tableName: table.tableName });
    const counter = (day: string, dims: string, counts: Record<string, number>) =>
      countedOnce(counters, day, dims, counts);
    await counter('2026-11-24', 'finance#billing#web#P3', { received: 3, assignOnTime: 3, resolveOnTime: 2 });
    await counter('2026-11-25', 'quality#product_quality#email#P1', { received: 1, assignLate: 1 });
    await counter('2026-11-17', 'finance#billing#web#P3', { received: 5 });
    const store = new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName });
    // Received long ago and still unassigned: past its assignment deadline now.
    const late = aComplaint({ status: 'acknowledged' });
    await store.createComplaint(late, [], [], new Date());
    overdueTicket = late.ticketNumber;
    reports = (await import('../../functions/staff-reports.js')).handler as unknown as Handler;
  });

  function call(
    user: string,
    groups: string,
    opts: {
      method?: string;
      path: string;
      pathParameters: Record<string, string>;
      query?: Record<string, string>;
      body?: unknown;
      headers?: Record<string, string>;
    },
  ) {
    const event = httpEvent({
      method: opts.method ?? 'GET',
      path: opts.path,
      pathParameters: opts.pathParameters,
      query: opts.query,
      headers: { 'accept-language': 'en', ...opts.headers },
      ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
      signedIn: { user, groups },
    });
    return reports(event, lambdaContext);
  }
  const weekly = (user: string, groups: string, query: Record<string, string>, headers?: Record<string, string>) =>
    call(user, groups, { path: '/staff/reports/weekly', pathParameters: { kind: 'weekly' }, query, headers });
  const body = (r: HttpResult) => JSON.parse(String(r.body));

  it('gives a supervisor the week from the counters, with the week before and the complaints overdue now', async () => {
    const result = await weekly('supervisor.wang', '[supervisor]', { period: '2026-W48' });
    expect(result.statusCode).toBe(200);
    const report = body(result);
    expect(report).toMatchObject({
      period: '2026-W48',
      received: 4,
      receivedByDay: { '2026-11-24': 3, '2026-11-25': 1 },
      onTime: { assign: { onTime: 3, late: 1, rate: 0.75 } },
      previous: { period: '2026-W47', received: 5 },
    });
    expect(report.targets.find((t: { name: string }) => t.name === 'onTime')).toMatchObject({ met: false });
    expect(report.openOverdue.map((c: { ticketNumber: string }) => c.ticketNumber)).toContain(overdueTicket);
  });

  it("gives a manager one department's figures when asked", async () => {
    const report = body(await weekly('manager.sun', '[manager]', { period: '2026-W48', department: 'quality' }));
    expect(report).toMatchObject({ department: 'quality', received: 1, previous: { received: 0 } });
  });

  it('refuses an agent', async () => {
    const result = await weekly('agent.zhou', '[agent]', { period: '2026-W48' });
    expect(result.statusCode).toBe(403);
  });

  it('answers a period of the wrong shape with a 400 naming the format, in the caller’s language', async () => {
    const result = await weekly(
      'supervisor.wang',
      '[supervisor]',
      { period: '2026-11' },
      { 'accept-language': 'zh-CN' },
    );
    expect(result.statusCode).toBe(400);
    expect(body(result).fields.period).toContain('YYYY-Www');
    expect(body(result).fields.period).toMatch(/[\u4e00-\u9fff]/);
    const kind = await call('manager.sun', '[manager]', {
      path: '/staff/reports/yearly',
      pathParameters: { kind: 'yearly' },
    });
    expect(kind.statusCode).toBe(400);
  });

  it('answers CSV with a byte-order mark when asked, as a download', async () => {
    const result = await weekly('manager.sun', '[manager]', { period: '2026-W48' }, { accept: 'text/csv' });
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toBe('text/csv; charset=utf-8');
    expect(result.headers?.['content-disposition']).toBe('attachment; filename="closeloop-weekly-2026-W48.csv"');
    expect(String(result.body).startsWith('\uFEFF"figure","value","previous","target","met"')).toBe(true);
    expect(String(result.body)).toContain('"received","4","5","",""');
  });

  it("lets only a manager record an improvement action, which the next week's report shows", async () => {
    const path = '/staff/reports/weekly/2026-W47/actions';
    const pathParameters = { kind: 'weekly', period: '2026-W47' };
    const text = '=cmd|"/c calc"!A1 — 账单投诉 2 小时内回电';
    const refused = await call('supervisor.wang', '[supervisor]', {
      method: 'POST',
      path,
      pathParameters,
      body: { text },
    });
    expect(refused.statusCode).toBe(403);
    const empty = await call('manager.sun', '[manager]', { method: 'POST', path, pathParameters, body: { text: ' ' } });
    expect(empty.statusCode).toBe(400);
    const unknownOwner = await call('manager.sun', '[manager]', {
      method: 'POST',
      path,
      pathParameters,
      body: { text, owner: 'nobody' },
    });
    expect(unknownOwner.statusCode).toBe(400);
    const recorded = await call('manager.sun', '[manager]', {
      method: 'POST',
      path,
      pathParameters,
      body: { text, owner: 'supervisor.wang', due: '2026-12-15' },
    });
    expect(recorded.statusCode).toBe(201);
    expect(body(recorded)).toMatchObject({ kind: 'weekly', period: '2026-W47', recordedBy: 'manager.sun', text });

    const next = body(await weekly('supervisor.wang', '[supervisor]', { period: '2026-W48' }));
    expect(next.actions.previous).toEqual([
      expect.objectContaining({ text, owner: 'supervisor.wang', due: '2026-12-15' }),
    ]);
    expect(next.moved.find((m: { name: string }) => m.name === 'received')).toEqual({
      name: 'received',
      figure: 4,
      previous: 5,
      delta: -1,
    });
  });
});
