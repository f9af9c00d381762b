import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoPolicyStore } from '../../shared/adapters/dynamo/policy-store.js';
import type { HttpResult } from '../../shared/http/response.js';
import { seedPolicy } from '../../shared/policy/seed.js';
import { handlerTable, UNREACHABLE } from '../support/dynamo.js';
import { httpEvent, lambdaContext } from '../support/http-event.js';

/**
 * Intake before version 1 is stored (on AWS the deploy's trigger stores it, locally the runtime's start):
 * it refuses with a 503 that says why, never grades with defaults of its own, and takes complaints in as
 * soon as the policy is there.
 */
type Handler = (event: APIGatewayProxyEventV2, context: typeof lambdaContext) => Promise<HttpResult>;

describe('intake with no policy stored', () => {
  const table = handlerTable('nopolicy', {
    // Starting a workflow fails at once and is recorded, as on AWS.
    AWS_ENDPOINT_URL_SFN: UNREACHABLE,
    STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:000000000000:stateMachine:closeloop',
    LINK_SIGNING_SECRET: 'no-policy-test-link-secret-0123456789abcdef',
    RATE_LIMIT_PER_MINUTE: '0',
  });
  let submit: Handler;

  beforeAll(async () => {
    submit = (await import('../../functions/submit-complaint.js')).handler as unknown as Handler;
  });

  const complaint = (order: string) =>
    httpEvent({
      body: JSON.stringify({
        customer: { name: 'Li Na', email: 'li.na@example.com' },
        description: `热水壶插上电就冒烟了，订单号 ${order}。`,
      }),
      headers: { 'accept-language': 'en' },
    });

  it('answers 503 with a clear message and keeps nothing, then takes the complaint in once version 1 is stored', async () => {
    const refused = await submit(complaint('JD-2001'), lambdaContext);
    expect(refused.statusCode).toBe(503);
    expect(JSON.parse(String(refused.body))).toMatchObject({
      error: 'policy_not_stored',
      message: expect.stringContaining('try again later'),
    });
    const scanned = await table.doc.send(new ScanCommand({ TableName: table.tableName }));
    expect((scanned.Items ?? []).filter((item) => String(item.pk).startsWith('COMPLAINT#'))).toEqual([]);

    await seedPolicy(new DynamoPolicyStore({ doc: table.doc, tableName: table.tableName }), () => new Date());
    const taken = await submit(complaint('JD-2002'), lambdaContext);
    expect(taken.statusCode).toBe(201);
    expect(JSON.parse(String(taken.body)).grade).toBe('P1');
  });
});
