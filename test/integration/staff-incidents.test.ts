import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import { createCalendar } from '../../shared/calendar/working-calendar.js';
import type { HttpResult } from '../../shared/http/response.js';
import { DynamoIncidentStore } from '../../shared/incidents/dynamo-incidents.js';
import { detectIncident } from '../../shared/usecases/incidents.js';
import { aComplaint } from '../support/complaint-factory.js';
import { handlerTable } from '../support/dynamo.js';
import { httpEvent, lambdaContext } from '../support/http-event.js';
import { RecordingMailer } from '../support/recording-ports.js';
import { policyWithDemoStaff } from '../support/staff.js';

type Handler = (event: unknown, context: unknown) => Promise<HttpResult>;

/** functions/staff-incidents.ts as Lambda runs it, on DynamoDB Local: who may read and act, and what a bad request gets. */
describe('the staff incidents API', () => {
  const table = handlerTable('incident-api');
  let handler: Handler;
  let incidentId: string;

  beforeAll(async () => {
    const complaints = new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName });
    const deps = {
      incidents: new DynamoIncidentStore({ doc: table.doc, tableName: table.tableName }),
      mailer: new RecordingMailer(),
      clock: { now: () => new Date('2026-12-03T02:00:00.000Z') },
      policy: policyWithDemoStaff,
      calendar: createCalendar(policyWithDemoStaff.calendar),
      links: { baseUrl: 'http://localhost:3000' },
    };
    let last: Awaited<ReturnType<typeof detectIncident>> = { kind: 'none' };
    for (const at of ['2026-12-01T01:00:00.000Z', '2026-12-02T01:00:00.000Z', '2026-12-03T01:00:00.000Z']) {
      const c = aComplaint({ category: 'function_fault', receivedAt: at, product: { model: 'AC-9', lot: 'B7' } });
      await complaints.createComplaint(c, [], [], new Date(at));
      last = await detectIncident(deps, c);
    }
    if (last.kind === 'none') throw new Error('no incident opened');
    incidentId = last.incident.id;
    handler = (await import('../../functions/staff-incidents.js')).handler as unknown as Handler;
  });

  function call(
    user: string,
    groups: string,
    opts: {
      method?: string;
      path: string;
      pathParameters?: Record<string, string>;
      body?: unknown;
      query?: Record<string, string>;
    },
  ) {
    const event = httpEvent({
      method: opts.method ?? 'GET',
      path: opts.path,
      ...(opts.pathParameters ? { pathParameters: opts.pathParameters } : {}),
      ...(opts.query ? { query: opts.query } : {}),
      ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
      headers: { 'accept-language': 'en' },
      signedIn: { user, groups },
    });
    return handler(event, lambdaContext);
  }
  const json = (result: HttpResult) => JSON.parse(String(result.body));
  const act = (user: string, groups: string, action: string, body: unknown) =>
    call(user, groups, {
      method: 'POST',
      path: `/staff/incidents/${incidentId}/${action}`,
      pathParameters: { id: incidentId, action },
      body,
    });

  it('lists the incidents for a supervisor, each with its grade, model, lot, tickets and plan deadline', async () => {
    const result = await call('supervisor.wang', '[supervisor]', {
      path: '/staff/incidents',
      query: { status: 'open' },
    });
    expect(result.statusCode).toBe(200);
    const { items } = json(result);
    expect(items).toEqual([
      expect.objectContaining({
        id: incidentId,
        grade: 'P1',
        model: 'AC-9',
        lot: 'B7',
        status: 'open',
        planDueAt: '2026-12-03T04:00:00.000Z',
        tickets: expect.arrayContaining([expect.stringMatching(/^\d{6}-\d{4}$/)]),
      }),
    ]);
    expect(items[0].tickets).toHaveLength(3);
  });

  it('shows one incident with its timeline', async () => {
    const result = await call('manager.sun', '[manager]', {
      path: `/staff/incidents/${incidentId}`,
      pathParameters: { id: incidentId },
    });
    expect(result.statusCode).toBe(200);
    expect(json(result).timeline.map((e: { type: string }) => e.type)).toEqual(['opened', 'notified']);
  });

  it('refuses agents the list and the actions', async () => {
    expect((await call('agent.li', '[agent]', { path: '/staff/incidents' })).statusCode).toBe(403);
    expect((await act('agent.li', '[agent]', 'plan', { text: 'x' })).statusCode).toBe(403);
  });

  it('answers a bad limit, an empty plan and a forged cursor with 400, and an unknown incident with 404', async () => {
    expect(
      (await call('manager.sun', '[manager]', { path: '/staff/incidents', query: { limit: '0' } })).statusCode,
    ).toBe(400);
    expect(
      (await call('manager.sun', '[manager]', { path: '/staff/incidents', query: { cursor: 'bm9wZQ' } })).statusCode,
    ).toBe(400);
    const empty = await act('manager.sun', '[manager]', 'plan', { text: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(json(empty).fields).toHaveProperty('text');
    const missing = await call('manager.sun', '[manager]', {
      path: '/staff/incidents/inc-nope',
      pathParameters: { id: 'inc-nope' },
    });
    expect(missing.statusCode).toBe(404);
  });

  it('lets a manager record the plan, root cause and action, and close only after both are recorded', async () => {
    const early = await act('manager.sun', '[manager]', 'close', {});
    expect(early.statusCode).toBe(409);
    expect(json(early).reason).toBe('incident_not_ready');
    expect((await act('manager.sun', '[manager]', 'plan', { text: 'Hold lot B7' })).statusCode).toBe(200);
    expect((await act('head.zhao', '[department_head]', 'root-cause', { text: 'Cracked seal' })).statusCode).toBe(200);
    expect((await act('manager.sun', '[manager]', 'action', { text: 'Replace seals' })).statusCode).toBe(200);
    const closed = await act('manager.sun', '[manager]', 'close', {});
    expect(closed.statusCode).toBe(200);
    expect(json(closed).incident.status).toBe('closed');
  });
});
