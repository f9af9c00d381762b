import { randomBytes, randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { decodeJwt, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LOCAL_AUDIENCE, type LocalToken } from '../../infra/local/auth.js';
import { modelFromApp } from '../../infra/local/cdk-model.js';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime.js';
import { buildFixtureApp } from '../support/fixture-app.js';
import { demoStaff } from '../support/staff.js';

let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await startLocalRuntime({
    model: modelFromApp(buildFixtureApp),
    dynamodbEndpoint: inject('dynamodbEndpoint'),
    tableName: `local-auth-${randomUUID().slice(0, 8)}`,
    quiet: true,
  });
});

afterAll(async () => {
  await runtime?.stop();
});

const requestToken = async (body: string) => {
  const res = await fetch(`${runtime.apiUrl}/_local/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

const staffThing = (headers: Record<string, string> = {}) => fetch(`${runtime.apiUrl}/staff/things/42`, { headers });

describe('POST /_local/token', () => {
  it('issues a twelve-hour token for a member of the staff directory, shaped like a Cognito ID token', async () => {
    const { status, body } = await requestToken('{"user":"supervisor.wang"}');
    expect(status).toBe(200);
    const { token, expiresAt, user } = body as unknown as LocalToken;
    expect(user).toMatchObject({ id: 'supervisor.wang', role: 'supervisor' });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      iss: `${runtime.apiUrl}/_local`,
      aud: LOCAL_AUDIENCE,
      sub: 'supervisor.wang',
      'cognito:username': 'supervisor.wang',
      'cognito:groups': ['supervisor'],
    });
    expect(claims.exp! - claims.iat!).toBe(12 * 3600);
    expect(expiresAt).toBe(new Date(claims.exp! * 1000).toISOString());
  });

  it('refuses an unknown user with 400 and lists the users it knows', async () => {
    const { status, body } = await requestToken('{"user":"mallory"}');
    expect(status).toBe(400);
    expect(body.users).toEqual(demoStaff.map((s) => s.id));
    expect(body.message).toContain('agent.li');
  });

  it('refuses a body without a user with 400', async () => {
    for (const body of ['not json', '{}', '{"user":7}']) {
      expect((await requestToken(body)).status, body).toBe(400);
    }
  });
});

describe('a route behind the JWT authorizer', () => {
  it('refuses a request without a token with 401, as API Gateway does', async () => {
    const res = await staffThing();
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: 'Unauthorized' });
  });

  it('refuses a token that is not a JWT, one signed by someone else, and an expired one', async () => {
    const { token: valid } = await runtime.issuer.issue('agent.li');
    const forged = await new SignJWT(decodeJwt(valid))
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(randomBytes(32));
    const { token: expired } = await runtime.issuer.issue('agent.li', new Date(Date.now() - 13 * 3600 * 1000));
    for (const [what, token] of [
      ['not a JWT', 'not-a-jwt'],
      ['forged', forged],
      ['expired', expired],
    ]) {
      const res = await staffThing({ authorization: `Bearer ${token}` });
      expect(res.status, what).toBe(401);
      expect(await res.json(), what).toEqual({ message: 'Unauthorized' });
    }
  });

  it('hands the function the claims as strings, with the groups in brackets as API Gateway writes arrays', async () => {
    const { body } = await requestToken('{"user":"agent.li"}');
    const { token } = body as unknown as LocalToken;
    const res = await staffThing({ authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
    const { event } = (await res.json()) as { event: APIGatewayProxyEventV2WithJWTAuthorizer };
    const { exp } = decodeJwt(token);
    expect(event.requestContext.authorizer).toEqual({
      jwt: {
        claims: expect.objectContaining({
          sub: 'agent.li',
          'cognito:username': 'agent.li',
          'cognito:groups': '[agent]',
          iss: `${runtime.apiUrl}/_local`,
          aud: LOCAL_AUDIENCE,
          exp: String(exp),
        }),
        scopes: null,
      },
    });
  });

  it('accepts the token without the Bearer prefix, as API Gateway does', async () => {
    const { token } = await runtime.issuer.issue('manager.sun');
    const res = await staffThing({ authorization: token });
    expect(res.status).toBe(200);
  });
});
