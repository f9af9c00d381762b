import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HttpResult } from '../../shared/http/response.js';
import { defaultIntakePolicy } from '../../shared/policy/intake-policy.js';
import type { PolicyVersion } from '../../shared/ports/index.js';
import { handlerTable } from '../support/dynamo.js';
import { httpEvent, lambdaContext } from '../support/http-event.js';

/** The policy admin function as Lambda runs it, on DynamoDB Local. */
type Handler = (event: APIGatewayProxyEventV2, context: typeof lambdaContext) => Promise<HttpResult>;
const { staff: _staff, ...defaults } = defaultIntakePolicy;

describe('the policy admin API', () => {
  const _table = handlerTable('policyadmin', {
    POLICY_ADMIN: 'true',
  });
  let admin: Handler;

  beforeAll(async () => {
    admin = (await import('../../functions/staff-policy.js')).handler as unknown as Handler;
  });

  function call(
    user: string,
    groups: string,
    opts: { method: string; path: string; body?: unknown; pathParameters?: Record<string, string>; lang?: string },
  ) {
    const event = httpEvent({
      method: opts.method,
      path: opts.path,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      pathParameters: opts.pathParameters,
      headers: opts.lang ? { 'accept-language': opts.lang } : {},
      signedIn: { user, groups },
    });
    return admin(event, lambdaContext);
  }
  const asManager = (opts: Parameters<typeof call>[2]) => call('manager.sun', '[manager]', opts);
  const body = (r: HttpResult) => JSON.parse(r.body as string);
  const current = async (): Promise<PolicyVersion> => body(await asManager({ method: 'GET', path: '/staff/policy' }));

  it('seeds the defaults as version 1 on the first read, and answers managers only', async () => {
    const first = await current();
    expect(first).toMatchObject({ version: 1, savedBy: 'system', preset: 'closeloop' });
    expect(first.policy).toEqual(JSON.parse(JSON.stringify(defaults)));
    const agent = await call('agent.li', '[agent]', { method: 'GET', path: '/staff/policy' });
    expect(agent.statusCode).toBe(403);
  });

  it('refuses a malformed policy with a message per field while the running one is unchanged', async () => {
    const malformed = {
      ...defaults,
      deadlines: { ...defaults.deadlines, P1: { ...defaults.deadlines.P1, assign: { minutes: 0 } } },
      calendar: { ...defaults.calendar, holidays: [{ name: '元旦', from: '2027-01-01', to: '2026-12-31' }] },
    };
    const refused = await asManager({
      method: 'PUT',
      path: '/staff/policy',
      body: { policy: malformed, reason: 'typo', basedOn: 1 },
      lang: 'zh-CN',
    });
    expect(refused.statusCode).toBe(400);
    expect(body(refused).fields).toEqual({
      'deadlines.P1.assign.minutes': '须为大于 0 的数字。',
      'calendar.holidays.0.to': '结束日期不能早于开始日期。',
    });
    const after = await current();
    expect(after.version).toBe(1);
    expect(after.policy.deadlines.P1.assign).toEqual({ minutes: 15 });
  });

  it('saves a change as a new version recording who, why and what changed, and refuses a stale one', async () => {
    const extra = { name: 'Company day', from: '2026-12-07', to: '2026-12-07' };
    const policy = {
      ...defaults,
      calendar: { ...defaults.calendar, holidays: [...defaults.calendar.holidays, extra] },
    };
    const saved = await asManager({
      method: 'PUT',
      path: '/staff/policy',
      body: { policy, reason: 'Company day off', basedOn: 1 },
    });
    expect(saved.statusCode).toBe(201);
    expect(body(saved)).toMatchObject({ version: 2, savedBy: 'manager.sun', changedSections: ['calendar'] });
    const stale = await asManager({
      method: 'PUT',
      path: '/staff/policy',
      body: { policy, reason: 'again', basedOn: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect((await current()).version).toBe(2);
  });

  it('rolls back by making an earlier version’s content current as a new version', async () => {
    const rolled = await asManager({
      method: 'POST',
      path: '/staff/policy/rollback',
      body: { version: 1, reason: 'The company day was cancelled' },
    });
    expect(rolled.statusCode).toBe(201);
    const now = await current();
    expect(now).toMatchObject({ version: 3, rolledBackFrom: 1, changedSections: ['calendar'] });
    expect(now.policy).toEqual(JSON.parse(JSON.stringify(defaults)));
    const history = body(await asManager({ method: 'GET', path: '/staff/policy/versions' }));
    expect(history.items.map((v: PolicyVersion) => v.version)).toEqual([3, 2, 1]);
    const two = await asManager({ method: 'GET', path: '/staff/policy/versions/2', pathParameters: { version: '2' } });
    expect(body(two).policy.calendar.holidays.at(-1).name).toBe('Company day');
  });

  it('offers the reference documents’ presets to managers, and saves one as the next version', async () => {
    const list = body(await asManager({ method: 'GET', path: '/staff/policy/presets' }));
    expect(list.items.map((p: { name: string }) => p.name)).toEqual([
      'closeloop',
      'ref-000',
      'ref-001',
      'ref-002',
      'ref-004',
    ]);
    const agent = await call('agent.li', '[agent]', { method: 'GET', path: '/staff/policy/presets' });
    expect(agent.statusCode).toBe(403);
    const unknown = await asManager({
      method: 'GET',
      path: '/staff/policy/presets/ref-999',
      pathParameters: { name: 'ref-999' },
    });
    expect(unknown.statusCode).toBe(404);

    const ref002 = body(
      await asManager({ method: 'GET', path: '/staff/policy/presets/ref-002', pathParameters: { name: 'ref-002' } }),
    );
    expect(ref002.policy.workflow.closing).toEqual({ customerConfirms: true });
    const before = await current();
    const saved = await asManager({
      method: 'PUT',
      path: '/staff/policy',
      body: { policy: ref002.policy, reason: 'Start from 002', basedOn: before.version, preset: 'ref-002' },
    });
    expect(saved.statusCode).toBe(201);
    expect(await current()).toMatchObject({ version: before.version + 1, preset: 'ref-002' });
  });
});
