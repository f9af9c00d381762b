import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/dynamodb.js';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import { createCalendar } from '../../shared/calendar/working-calendar.js';
import { consoleSessionKey, newSession, SESSION_COOKIE, sealSession } from '../../shared/console/session.js';
import type { HttpResult } from '../../shared/http/response.js';
import { DynamoIncidentStore } from '../../shared/incidents/dynamo-incidents.js';
import { detectIncident } from '../../shared/usecases/incidents.js';
import { aComplaint } from '../support/complaint-factory.js';
import { freshTable } from '../support/dynamo.js';
import { httpEvent, lambdaContext } from '../support/http-event.js';
import { RecordingMailer } from '../support/recording-ports.js';
import { DEMO_DIRECTORY_ENV, policyWithDemoStaff } from '../support/staff.js';

/**
 * The board's incident cards through the console function as Lambda runs it, on DynamoDB Local:
 * the notice mail's link lands on the card, and the card's forms record and close through the same
 * use case as the staff incidents API, with the console's CSRF check.
 */
const SECRET = 'console-incidents-link-secret-0123456789ab';
type Handler = (event: APIGatewayProxyEventV2, context: typeof lambdaContext) => Promise<HttpResult>;

describe('incidents on the console board', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  let incidents: DynamoIncidentStore;
  let handler: Handler;
  let incidentId: string;
  let mailLink: URL;
  const saved = { ...process.env };
  const key = consoleSessionKey(new TextEncoder().encode(SECRET));
  const sessions = new Map<string, ReturnType<typeof newSession>>();

  beforeAll(async () => {
    table = await freshTable('console-incidents');
    Object.assign(process.env, {
      ...DEMO_DIRECTORY_ENV,
      TABLE_NAME: table.tableName,
      AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      MAIL_FROM: 'care@closeloop.local',
      REPLY_DOMAIN: 'reply.closeloop.localhost',
      PUBLIC_BASE_URL: 'http://localhost:3000',
      LINK_SIGNING_SECRET: SECRET,
      AWS_ENDPOINT_URL_SESV2: 'http://127.0.0.1:9',
      AWS_ENDPOINT_URL_SFN: 'http://127.0.0.1:9',
    });
    incidents = new DynamoIncidentStore({ doc: table.doc, tableName: table.tableName });
    const complaints = new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName });
    const mailer = new RecordingMailer();
    // Opened now, so its plan is still due when the console reads it (the console's clock is the real one).
    const now = new Date();
    const deps = {
      incidents,
      mailer,
      clock: { now: () => now },
      policy: policyWithDemoStaff,
      calendar: createCalendar(policyWithDemoStaff.calendar),
      links: { baseUrl: 'http://localhost:3000' },
    };
    let last: Awaited<ReturnType<typeof detectIncident>> = { kind: 'none' };
    for (const hoursAgo of [30, 20, 1]) {
      const at = new Date(now.getTime() - hoursAgo * 3_600_000).toISOString();
      const c = aComplaint({ category: 'product_quality', receivedAt: at, product: { model: 'KX-<200>', lot: 'L9' } });
      await complaints.createComplaint(c, [], [], new Date(at));
      last = await detectIncident(deps, c);
    }
    if (last.kind !== 'opened') throw new Error(`no incident opened: ${last.kind}`);
    incidentId = last.incident.id;
    const notice = mailer.sent.find((m) => m.to === 'manager.sun@closeloop.local')!;
    mailLink = new URL(/http:\/\/localhost:3000\/console\/board#\S+/.exec(notice.text ?? '')![0]);
    handler = (await import('../../functions/console.js')).handler as unknown as Handler;
  });
  afterAll(async () => {
    process.env = saved;
    await table.drop();
  });

  function sessionOf(user: string) {
    if (!sessions.has(user)) sessions.set(user, newSession(user, new Date()));
    return sessions.get(user)!;
  }

  function request(
    user: string,
    opts: { method?: string; path: string; form?: Record<string, string>; query?: Record<string, string> },
  ) {
    const event = httpEvent({
      method: opts.method ?? 'GET',
      path: opts.path,
      ...(opts.query ? { query: opts.query } : {}),
      body: opts.form ? new URLSearchParams(opts.form).toString() : undefined,
      headers: {
        host: 'localhost:3000',
        accept: 'text/html',
        'accept-language': 'en',
        ...(opts.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
    });
    if (!opts.form) delete event.headers['content-type'];
    event.cookies = [`${SESSION_COOKIE}=${sealSession(sessionOf(user), key)}`];
    return handler(event, lambdaContext);
  }
  const post = (user: string, path: string, form: Record<string, string>) =>
    request(user, { method: 'POST', path, form: { csrf: sessionOf(user).csrf, ...form } });
  const card = (body: string) => {
    const start = body.indexOf(`id="${incidentId}"`);
    return start < 0 ? '' : body.slice(start, body.indexOf('</article>', start));
  };

  it('opens the board on the incident’s card from the link in the notice mail', async () => {
    expect(mailLink.pathname).toBe('/console/board');
    expect(decodeURIComponent(mailLink.hash.slice(1))).toBe(incidentId);
    const board = await request('manager.sun', { path: mailLink.pathname });
    expect(board.statusCode).toBe(200);
    const shown = card(String(board.body));
    expect(shown).toContain('KX-&lt;200&gt;, lot L9');
    expect(shown.match(/href="\/console\/complaints\//g)).toHaveLength(3);
    expect(shown).toMatch(/<time class="cl-due cl-due--(ok|soon)"/);
  });

  it('shows the same card on the board the console refreshes in place', async () => {
    const fragment = await request('head.zhao', { path: '/console/board', query: { fragment: 'table' } });
    expect(String(fragment.body)).toMatch(/^<div class="cl-stack" id="board-live"/);
    // The head reads Chinese (the demo directory's language for head.zhao).
    expect(card(String(fragment.body))).toContain('KX-&lt;200&gt;，批次 L9');
  });

  it('refuses a record without the session’s CSRF token and changes nothing', async () => {
    const forged = await request('manager.sun', {
      method: 'POST',
      path: `/console/incidents/${incidentId}/record`,
      form: { csrf: 'guessed', kind: 'plan', text: 'Stop shipping' },
    });
    expect(forged.statusCode).toBe(403);
    expect((await incidents.get(incidentId))?.plan).toBeUndefined();
  });

  it('keeps the typed text and says why when a record is empty', async () => {
    const res = await post('manager.sun', `/console/incidents/${incidentId}/record`, { kind: 'plan', text: '   ' });
    expect(res.statusCode).toBe(400);
    const shown = card(String(res.body));
    expect(shown).toContain('role="alert">This field is required.');
    expect((await incidents.get(incidentId))?.plan).toBeUndefined();
  });

  it('refuses to close before a root cause and an action are recorded, in the reader’s language', async () => {
    const res = await post('manager.sun', `/console/incidents/${incidentId}/close`, {});
    expect(res.statusCode).toBe(409);
    expect(card(String(res.body))).toContain('Record the root cause and the action before closing the incident.');
    expect((await incidents.get(incidentId))?.status).toBe('open');
  });

  it('records the plan, root cause and action from the card and closes the incident, back on the board each time', async () => {
    const plan = await post('manager.sun', `/console/incidents/${incidentId}/record`, {
      kind: 'plan',
      text: 'Stop shipping lot L9',
    });
    expect(plan.statusCode).toBe(303);
    expect(plan.headers?.location).toBe(`/console/board?done=plan&incident=${incidentId}#${incidentId}`);
    const after = await request('manager.sun', {
      path: '/console/board',
      query: { done: 'plan', incident: incidentId },
    });
    expect(card(String(after.body))).toContain('Plan recorded.');
    expect(card(String(after.body))).toContain('Stop shipping lot L9');

    for (const [kind, text] of [
      ['root-cause', 'Bad thermostat batch'],
      ['action', 'Recall and replace'],
    ] as const) {
      expect((await post('manager.sun', `/console/incidents/${incidentId}/record`, { kind, text })).statusCode).toBe(
        303,
      );
    }
    const closed = await post('manager.sun', `/console/incidents/${incidentId}/close`, { note: 'Recall done' });
    expect(closed.statusCode).toBe(303);
    expect((await incidents.get(incidentId))?.status).toBe('closed');
    const timeline = await incidents.timeline(incidentId);
    expect(timeline.map((e) => e.type)).toEqual([
      'opened',
      'notified',
      'plan_recorded',
      'root_cause_recorded',
      'action_recorded',
      'closed',
    ]);
    const board = await request('manager.sun', { path: '/console/board' });
    expect(card(String(board.body))).toBe('');
    expect(String(board.body)).toContain('No open incident.');

    // A form left open on another screen, posted after the close: refused, and said on the board.
    const late = await post('manager.sun', `/console/incidents/${incidentId}/record`, { kind: 'action', text: 'x' });
    expect(late.statusCode).toBe(409);
    expect(String(late.body)).toContain('id="incident-refused" role="alert">This incident is closed.');
  });

  it('refuses an agent the board and the incident forms', async () => {
    expect((await request('agent.chen', { path: '/console/board' })).statusCode).toBe(403);
    const res = await post('agent.chen', `/console/incidents/${incidentId}/record`, { kind: 'plan', text: 'x' });
    expect(res.statusCode).toBe(403);
  });
});
