import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import { consoleSessionKey, newSession, SESSION_COOKIE, sealSession } from '../../shared/console/session.js';
import type { HttpResult } from '../../shared/http/response.js';
import type { Complaint } from '../../shared/model/complaint.js';
import { aComplaint } from '../support/complaint-factory.js';
import { handlerTable, unreachableMailEnv } from '../support/dynamo.js';
import { httpEvent, lambdaContext } from '../support/http-event.js';

/**
 * The console function as Lambda runs it, configured from the environment, on DynamoDB Local: who
 * gets in, what a form post must carry, and what a person sees when an action is refused or raced.
 */
const SECRET = 'console-test-link-secret-0123456789abcdef';
type Handler = (event: APIGatewayProxyEventV2, context: typeof lambdaContext) => Promise<HttpResult>;

describe('the console handler', () => {
  const table = handlerTable('console', unreachableMailEnv(SECRET));
  let store: DynamoComplaintStore;
  let handler: Handler;
  const key = consoleSessionKey(new TextEncoder().encode(SECRET));
  const sessions = new Map<string, ReturnType<typeof newSession>>();

  beforeAll(async () => {
    store = new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName });
    handler = (await import('../../functions/console.js')).handler as unknown as Handler;
  });

  async function given(overrides: Partial<Complaint> = {}): Promise<Complaint> {
    const complaint = aComplaint({ status: 'acknowledged', nextDeadlineAt: '2026-11-20T04:00:00.000Z', ...overrides });
    await store.createComplaint(complaint, [], [], new Date());
    return complaint;
  }

  function sessionOf(user: string) {
    if (!sessions.has(user)) sessions.set(user, newSession(user, new Date()));
    return sessions.get(user)!;
  }

  function request(
    user: string | undefined,
    opts: {
      method?: string;
      path: string;
      form?: Record<string, string>;
      query?: Record<string, string>;
      headers?: Record<string, string>;
    },
  ) {
    const method = opts.method ?? 'GET';
    const event = httpEvent({
      method,
      path: opts.path,
      query: opts.query,
      body: opts.form ? new URLSearchParams(opts.form).toString() : undefined,
      headers: {
        host: 'localhost:3000',
        accept: 'text/html',
        ...(opts.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...opts.headers,
      },
    });
    if (!opts.form) delete event.headers['content-type'];
    if (user) event.cookies = [`${SESSION_COOKIE}=${sealSession(sessionOf(user), key)}`];
    return handler(event, lambdaContext);
  }

  const post = (user: string, path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
    request(user, { method: 'POST', path, form: { csrf: sessionOf(user).csrf, ...form }, headers });

  it('sends someone without a session to sign in, coming back to the page they asked for', async () => {
    const res = await request(undefined, { path: '/console/queues/mine', query: { status: 'assigned' } });
    expect(res.statusCode).toBe(303);
    expect(res.headers?.location).toBe(
      `/console/sign-in?returnTo=${encodeURIComponent('/console/queues/mine?status=assigned')}`,
    );
  });

  it('answers every page with the strict Content-Security-Policy and no caching', async () => {
    const res = await request('agent.li', { path: '/console' });
    expect(res.statusCode).toBe(200);
    expect(res.headers).toMatchObject({
      'content-security-policy': expect.stringContaining("default-src 'none'; script-src 'self'; style-src 'self'"),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    expect(res.headers?.['content-security-policy']).not.toContain('unsafe-inline');
  });

  it('shows an agent their department’s unclaimed complaint on their home page, and finds it by ticket number', async () => {
    const c = await given({
      department: 'customer_service',
      customer: { name: 'Zhang San', email: 'zs@example.com', tier: 'standard', locale: 'zh-CN' },
    });
    const home = await request('agent.li', { path: '/console' });
    expect(home.body).toContain(c.ticketNumber);
    const found = await request('agent.li', { path: '/console/queues/department', query: { q: c.ticketNumber } });
    expect(found.body).toContain(`href="/console/complaints/${c.ticketNumber}"`);
    const fragment = await request('agent.li', { path: '/console/queues/unassigned', query: { fragment: 'table' } });
    expect(fragment.body).toMatch(/^<section class="cl-card cl-stack" id="queue-unassigned" data-live=/);
  });

  it('finds a caller’s complaint from the search box by phone written another way, and an all-digit order number', async () => {
    const c = await given({
      department: 'customer_service',
      customer: { name: '王芳', phone: '138 0013 8001', tier: 'standard', locale: 'zh-CN' },
      orderNumber: '20261130001',
    });
    const byPhone = await request('agent.li', { path: '/console/queues/mine', query: { q: '+86 138-0013-8001' } });
    expect(byPhone.body).toContain(`href="/console/complaints/${c.ticketNumber}"`);
    const byOrder = await request('agent.li', { path: '/console/queues/mine', query: { q: '20261130001' } });
    expect(byOrder.body).toContain(`href="/console/complaints/${c.ticketNumber}"`);
  });

  it('refuses an agent another department’s complaint with a 403 page in their language', async () => {
    const c = await given({ department: 'finance' });
    const res = await request('agent.li', { path: `/console/complaints/${c.ticketNumber}` });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('您无权执行此操作。');
  });

  it('lets an agent claim a complaint with a form post, and goes back to its page', async () => {
    const c = await given({ department: 'customer_service' });
    const res = await post('agent.li', `/console/complaints/${c.ticketNumber}/assign`, { version: String(c.version) });
    expect(res.statusCode).toBe(303);
    expect(res.headers?.location).toBe(`/console/complaints/${c.ticketNumber}?done=assign`);
    expect((await store.getComplaint(c.id))?.ownerId).toBe('agent.li');
  });

  it('refuses a post without the session’s CSRF token, or from another origin, and changes nothing', async () => {
    const c = await given({ department: 'customer_service' });
    const forged = await request('agent.li', {
      method: 'POST',
      path: `/console/complaints/${c.ticketNumber}/assign`,
      form: { csrf: 'guessed', version: '1' },
    });
    expect(forged.statusCode).toBe(403);
    const crossSite = await post(
      'agent.li',
      `/console/complaints/${c.ticketNumber}/assign`,
      { version: '1' },
      { origin: 'https://evil.example' },
    );
    expect(crossSite.statusCode).toBe(403);
    const fromAnotherSite = await post(
      'agent.li',
      `/console/complaints/${c.ticketNumber}/assign`,
      { version: '1' },
      { origin: 'null', 'sec-fetch-site': 'cross-site' },
    );
    expect(fromAnotherSite.statusCode).toBe(403);
    expect((await store.getComplaint(c.id))?.ownerId).toBeUndefined();
  });

  it('accepts its own form posted under no-referrer, which Chromium sends with Origin: null', async () => {
    const c = await given({ department: 'customer_service' });
    const res = await post(
      'agent.li',
      `/console/complaints/${c.ticketNumber}/assign`,
      { version: String(c.version) },
      { origin: 'null', 'sec-fetch-site': 'same-origin' },
    );
    expect(res.statusCode).toBe(303);
  });

  it('shows the new version when someone changed the complaint since the page was shown, keeping what was typed', async () => {
    const c = await given({ department: 'customer_service', status: 'assigned', ownerId: 'agent.li' });
    const contacted = await post('agent.li', `/console/complaints/${c.ticketNumber}/contact`, {
      version: String(c.version),
      channel: 'phone',
      note: 'Called',
    });
    expect(contacted.statusCode).toBe(303);
    const stale = await post('agent.li', `/console/complaints/${c.ticketNumber}/note`, {
      version: String(c.version),
      text: 'my second thought',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('其他人修改了这条投诉');
    expect(stale.body).toContain('my second thought</textarea>');
    expect(stale.body).toContain(`name="version" value="${c.version + 1}"`);
  });

  it('shows a refusal next to its form in the staff member’s language', async () => {
    const c = await given({ department: 'customer_service', status: 'assigned', ownerId: 'agent.li' });
    const res = await post('agent.li', `/console/complaints/${c.ticketNumber}/note`, {
      version: String(c.version),
      text: '   ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/id="note-text-error">此项为必填项。/);
  });

  it('previews a reply as the customer will receive it, keeping the letter it started from', async () => {
    const c = await given({ department: 'customer_service', status: 'in_progress', ownerId: 'agent.li' });
    const letter = await request('agent.li', {
      path: `/console/complaints/${c.ticketNumber}`,
      query: { letter: 'apology', letterLocale: 'en' },
    });
    expect(letter.body).toContain('<option value="apology" selected>');
    const res = await post('agent.li', `/console/complaints/${c.ticketNumber}/preview`, {
      version: String(c.version),
      message: 'We are sorry <for> the delay.',
      letter: 'apology',
      letterLocale: 'en',
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/id="letter-preview"[\s\S]*We are sorry &lt;for&gt; the delay\./);
    expect(res.body).toContain('<option value="apology" selected>');
    expect(res.body).toContain('We are sorry &lt;for&gt; the delay.</textarea>');
  });

  it('remembers a language chosen with the switch', async () => {
    const res = await request('agent.li', { path: '/console', query: { lang: 'en' } });
    expect(res.cookies).toEqual([expect.stringMatching(/^closeloop_lang=en; Path=\/console;/)]);
    expect(res.body).toContain('<html lang="en">');
  });

  it('shows a supervisor the board, with a breached complaint at its rung', async () => {
    await given({
      department: 'customer_service',
      status: 'assigned',
      ownerId: 'agent.li',
      escalation: { step: 'await_contact', level: 1, deadline: '2026-11-20T06:00:00.000Z' },
    });
    const res = await request('supervisor.wang', { path: '/console', query: { lang: 'en' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/id="board-breached-list"[\s\S]*class="board-rung">supervisor/);
  });
});
