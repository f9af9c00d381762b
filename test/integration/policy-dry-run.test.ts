import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import { DynamoDryRunRecords } from '../../shared/adapters/dynamo/dry-run-records.js';
import { DynamoPolicyStore } from '../../shared/adapters/dynamo/policy-store.js';
import { consoleSessionKey, newSession, SESSION_COOKIE, sealSession } from '../../shared/console/session.js';
import type { HttpResult } from '../../shared/http/response.js';
import { defaultIntakePolicy } from '../../shared/policy/intake-policy.js';
import type { PolicyDocument } from '../../shared/policy/schema.js';
import { seedPolicy } from '../../shared/policy/seed.js';
import { documentOf } from '../../shared/usecases/policy-dry-run.js';
import { aComplaint, anEvent } from '../support/complaint-factory.js';
import { handlerTable } from '../support/dynamo.js';
import { httpEvent, lambdaContext } from '../support/http-event.js';

/** POST /staff/policy/dry-run as Lambda runs it, configured from the environment, on DynamoDB Local. */
type Handler = (event: APIGatewayProxyEventV2, context: typeof lambdaContext) => Promise<HttpResult>;

const inForce: PolicyDocument = documentOf(defaultIntakePolicy);
const hazardAtP3: PolicyDocument = {
  ...inForce,
  grading: {
    ...inForce.grading,
    rules: inForce.grading.rules.map((rule) => (rule.id === 'hazard' ? { ...rule, grade: 'P3' } : rule)),
  },
};

describe('the policy dry run over the API', () => {
  const table = handlerTable('dryrun', {
    LINK_SIGNING_SECRET: 'dry-run-test-link-secret-0123456789abcdef',
  });
  let dryRun: Handler;
  const fire = aComplaint({
    grade: 'P1',
    category: 'safety',
    department: 'quality',
    description: '电暖器插座那里突然冒火，插头都烧黑了。',
    receivedAt: '2026-11-28T02:00:00.000Z',
  });
  const question = aComplaint({
    status: 'closed',
    grade: 'P3',
    description: '请问这款电水壶的保修期是多久？',
    receivedAt: '2026-11-27T02:00:00.000Z',
  });

  beforeAll(async () => {
    const store = new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName });
    const now = new Date('2026-11-28T03:00:00.000Z');
    await store.createComplaint(fire, [], [], now);
    // Staff settled the question at P4: the label the graders are measured against.
    await store.createComplaint(
      question,
      [anEvent(question.id, { type: 'regraded', data: { fromGrade: 'P3', toGrade: 'P4', reason: 'a question' } })],
      [],
      now,
    );
    // Version 1, as the deploy's trigger stores it: the functions that grade have no defaults to fall back on.
    await seedPolicy(new DynamoPolicyStore({ doc: table.doc, tableName: table.tableName }), () => new Date());
    dryRun = (await import('../../functions/policy-dry-run.js')).handler as unknown as Handler;
  });

  function post(user: string, groups: string, body: unknown) {
    const event = httpEvent({ path: '/staff/policy/dry-run', body: JSON.stringify(body), signedIn: { user, groups } });
    return dryRun(event, lambdaContext);
  }
  const json = (result: HttpResult) => JSON.parse(String(result.body));

  it('refuses an agent', async () => {
    const result = await post('agent.li', '[agent]', { policy: hazardAtP3 });
    expect(result.statusCode).toBe(403);
  });

  it('refuses a supervisor too: the policy is the managers’', async () => {
    const result = await post('supervisor.wang', '[supervisor]', { policy: hazardAtP3 });
    expect(result.statusCode).toBe(403);
  });

  it('answers 400 with a message per field for a malformed proposal', async () => {
    const { routing: _routing, ...withoutRouting } = inForce;
    const missing = await post('manager.sun', '[manager]', { policy: withoutRouting });
    expect(missing.statusCode).toBe(400);
    expect(Object.keys(json(missing).fields)).toEqual(['policy.routing']);
    const unknown = await post('manager.sun', '[manager]', { policy: { ...inForce, colour: 'blue' } });
    expect(unknown.statusCode).toBe(400);
    expect(Object.keys(json(unknown).fields)).toEqual(['policy.colour']);
  });

  it('shows the fire complaint moving from P1 to P3 under a milder hazard rule, and the accuracy on staff regrades', async () => {
    const result = await post('manager.sun', '[manager]', { policy: hazardAtP3 });
    expect(result.statusCode).toBe(200);
    const answer = json(result);
    expect(answer).toMatchObject({
      sampled: 2,
      sections: ['grading'],
      changed: { grade: 1 },
      gradeMatrix: { P1: { P3: 1 } },
      accuracy: { labelled: 1, current: 1, proposed: 1 },
    });
    expect(answer.changes).toEqual([
      expect.objectContaining({
        ticketNumber: fire.ticketNumber,
        before: expect.objectContaining({ grade: 'P1' }),
        after: expect.objectContaining({ grade: 'P3' }),
      }),
    ]);
  });

  describe('from the console’s policy page', () => {
    const sessions = new Map<string, ReturnType<typeof newSession>>();
    const sessionOf = (user: string) => {
      if (!sessions.has(user)) sessions.set(user, newSession(user, new Date()));
      return sessions.get(user)!;
    };
    function postForm(user: string | undefined, form: Record<string, string>) {
      const event = httpEvent({
        path: '/console/policy/dry-run',
        body: new URLSearchParams(form).toString(),
        headers: { host: 'localhost:3000', accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      });
      const key = consoleSessionKey(new TextEncoder().encode('dry-run-test-link-secret-0123456789abcdef'));
      if (user) event.cookies = [`${SESSION_COOKIE}=${sealSession(sessionOf(user), key)}`];
      return dryRun(event, lambdaContext);
    }
    const records = () => new DynamoDryRunRecords({ tableName: table.tableName, doc: table.doc });

    it('keeps a manager’s dry run for the policy page and sends the browser there', async () => {
      const form = { csrf: sessionOf('manager.sun').csrf, policy: JSON.stringify(hazardAtP3), basedOn: '4' };
      const result = await postForm('manager.sun', form);
      expect(result.statusCode).toBe(303);
      const id = /^\/console\/policy\?dryRun=([\w-]+)$/.exec(String(result.headers?.location))?.[1];
      const kept = await records().get(id!, 'manager.sun', new Date());
      expect(kept).toMatchObject({ draft: { basedOn: 4 }, result: { changed: { grade: 1 } } });
      expect(await records().get(id!, 'agent.li', new Date())).toBeUndefined();
    });

    it('keeps the refusal field by field when the text is not JSON', async () => {
      const result = await postForm('manager.sun', {
        csrf: sessionOf('manager.sun').csrf,
        policy: '{ nope',
        basedOn: '4',
      });
      const id = /dryRun=([\w-]+)$/.exec(String(result.headers?.location))?.[1];
      expect((await records().get(id!, 'manager.sun', new Date()))?.fields).toEqual({
        policy: { code: 'json_invalid' },
      });
    });

    it('refuses an agent, a post without the session’s token, and sends someone signed out to sign in', async () => {
      const agent = await postForm('agent.li', { csrf: sessionOf('agent.li').csrf, policy: '{}' });
      expect(agent.statusCode).toBe(403);
      const forged = await postForm('manager.sun', { csrf: 'not-the-token', policy: '{}' });
      expect(forged.statusCode).toBe(403);
      const signedOut = await postForm(undefined, { policy: '{}' });
      expect(signedOut.statusCode).toBe(303);
      expect(signedOut.headers?.location).toMatch(/^\/console\/sign-in/);
    });
  });
});
