import { randomUUID } from 'node:crypto';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LocalModel, modelFromApp, modelFromTemplates } from '../../infra/local/cdk-model.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/dynamodb.js';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime.js';
import { buildFixtureApp } from '../support/fixture-app.js';

let model: LocalModel;
let runtime: LocalRuntime;

beforeAll(async () => {
  model = modelFromApp(buildFixtureApp);
  runtime = await startLocalRuntime({
    model,
    dynamodbEndpoint: inject('dynamodbEndpoint'),
    tableName: `local-runtime-${randomUUID().slice(0, 8)}`,
    // Ten hours of workflow time per real second.
    timeScale: 36_000,
    quiet: true,
  });
});

afterAll(async () => {
  await runtime?.stop();
});

async function call(
  method: string,
  path: string,
  init: { headers?: Record<string, string>; body?: string | Buffer } = {},
) {
  const res = await fetch(`${runtime.apiUrl}${path}`, { method, headers: init.headers, body: init.body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

const echoed = async (...args: Parameters<typeof call>) => {
  const res = await call(...args);
  expect(res.status).toBe(200);
  return res.json() as {
    event: APIGatewayProxyEventV2;
    functionName: string;
    remainingMs: number;
    tableName: string;
    greeting: string;
  };
};

describe('starting the local runtime', () => {
  it('refuses a taken port and names the variable that moves it', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      await expect(
        startLocalRuntime({ model, port, dynamodbEndpoint: inject('dynamodbEndpoint'), quiet: true }),
      ).rejects.toThrow(`Port ${port} is already in use. Set PORT`);
    } finally {
      taken.close();
    }
  });
});

describe('the local model read from the synthesized templates', () => {
  it('finds every route with its function and authorizer, the CORS settings and a token-free state machine', () => {
    const echo = Object.values(model.functions).find((f) => f.logicalId.startsWith('Echo'))!;
    expect(model.routes.map((r) => r.routeKey).sort()).toEqual([
      'ANY /files/{proxy+}',
      'GET /boom',
      'GET /plain',
      'GET /staff/things/{id}',
      'GET /things/{id}',
      'POST /things',
    ]);
    expect(model.routes.find((r) => r.routeKey === 'POST /things')?.functionLogicalId).toBe(echo.logicalId);
    const staffRoute = model.routes.find((r) => r.routeKey === 'GET /staff/things/{id}');
    expect(staffRoute).toMatchObject({ authorizationType: 'JWT' });
    expect(model.authorizers[staffRoute!.authorizerId!]).toMatchObject({ identityHeaders: ['authorization'] });
    expect(echo.entry).toBe('test/support/fixture-functions/echo.ts');
    expect(echo.environment).toEqual({ GREETING: 'hello' });
    expect(Object.keys(echo.tokenEnvironment)).toEqual(['TABLE_NAME']);
    expect(model.cors).toMatchObject({ allowOrigins: ['https://shop.example'], maxAge: 600 });
    const definition = JSON.stringify(model.stateMachines[0]?.definition);
    expect(definition).not.toContain('Fn::');
    expect(definition).toContain(`"FunctionName":"arn:aws:lambda:us-east-1:000000000000:function:${echo.logicalId}"`);
  });

  it('names what it cannot resolve instead of guessing', () => {
    const template = {
      Resources: {
        Table: { Type: 'AWS::DynamoDB::Table' },
        Machine: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: {
            DefinitionString: { 'Fn::Join': ['', ['{"Comment":"', { 'Fn::GetAtt': ['Table', 'StreamArn'] }, '"}']] },
          },
        },
      },
    };
    expect(() => modelFromTemplates([{ stackName: 'S', template }])).toThrow(/State machine Machine.*Table.*StreamArn/);
  });
});

describe('the local API gateway', () => {
  it('hands the function a payload 2.0 event with path parameters, query, headers and cookies', async () => {
    const { event, functionName, remainingMs, tableName, greeting } = await echoed(
      'GET',
      '/things/k%C3%A4se%201?x=1&x=2&y=z',
      {
        headers: { 'X-Trace': 'abc', cookie: 'a=1; b=2', 'user-agent': 'vitest' },
      },
    );
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /things/{id}',
      rawPath: '/things/k%C3%A4se%201',
      rawQueryString: 'x=1&x=2&y=z',
      queryStringParameters: { x: '1,2', y: 'z' },
      pathParameters: { id: 'käse 1' },
      cookies: ['a=1', 'b=2'],
      isBase64Encoded: false,
      requestContext: {
        routeKey: 'GET /things/{id}',
        stage: '$default',
        http: { method: 'GET', path: '/things/k%C3%A4se%201', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      },
    });
    expect(event.headers['x-trace']).toBe('abc');
    expect(event.headers.cookie).toBeUndefined();
    expect(event.body).toBeUndefined();
    expect(event.requestContext.timeEpoch).toBeGreaterThan(0);
    expect(event.requestContext.time).toMatch(/^\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(functionName).toMatch(/^Echo/);
    expect(remainingMs).toBeGreaterThan(0);
    expect(remainingMs).toBeLessThanOrEqual(10_000);
    expect(tableName).toBe(runtime.tableName);
    expect(greeting).toBe('hello');
  });

  it("returns the function's status, headers, cookies and body, and the request id it was given", async () => {
    const res = await call('POST', '/things', { headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    const { event } = res.json() as { event: APIGatewayProxyEventV2 };
    expect(res.status).toBe(200);
    expect(res.headers.get('x-fixture')).toBe('echo');
    expect(res.headers.get('set-cookie')).toBe('seen=1; Path=/');
    expect(res.headers.get('apigw-requestid')).toBe(event.requestContext.requestId);
    expect(event.body).toBe('{"a":1}');
    expect(event.isBase64Encoded).toBe(false);
  });

  it('base64-encodes a binary body', async () => {
    const bytes = Buffer.from([0, 255, 1, 254]);
    const { event } = await echoed('POST', '/things', {
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body ?? '', 'base64')).toEqual(bytes);
  });

  it('matches a greedy path for any method', async () => {
    const { event } = await echoed('DELETE', '/files/a/b/c.txt');
    expect(event.routeKey).toBe('ANY /files/{proxy+}');
    expect(event.pathParameters).toEqual({ proxy: 'a/b/c.txt' });
  });

  it('answers 200 with a bare string a function returns', async () => {
    const res = await call('GET', '/plain');
    expect(res.status).toBe(200);
    expect(res.text).toBe('plain answer');
  });

  it('answers 500 like API Gateway when the function throws', async () => {
    const res = await call('GET', '/boom');
    expect(res.status).toBe(500);
    expect(res.json()).toEqual({ message: 'Internal Server Error' });
  });

  it('answers 404 Not Found for a path or method no route has', async () => {
    for (const [method, path] of [
      ['GET', '/nowhere'],
      ['PUT', '/things'],
      ['GET', '/things/a/b'],
    ] as const) {
      const res = await call(method, path);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.json()).toEqual({ message: 'Not Found' });
    }
  });

  it('answers a CORS preflight from the API configuration, for allowed origins only', async () => {
    const preflight = (origin: string) =>
      call('OPTIONS', '/things', {
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const allowed = await preflight('https://shop.example');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(allowed.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(allowed.headers.get('access-control-allow-headers')).toBe('content-type,idempotency-key');
    expect(allowed.headers.get('access-control-max-age')).toBe('600');
    const refused = await preflight('https://evil.example');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();

    const actual = await call('GET', '/things/1', { headers: { origin: 'https://shop.example' } });
    expect(actual.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(actual.headers.get('access-control-expose-headers')).toBe('x-fixture');
  });

  it('refuses a body over 10 MB with 413', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${runtime.apiUrl}/things`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', 'content-length': String(10 * 1024 * 1024 + 1) },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write(Buffer.alloc(64 * 1024));
    });
    expect(status).toBe(413);
  });
});

describe('the local SES', () => {
  it('keeps a mail sent with the real SESv2 client and lists it in /store', async () => {
    const ses = new SESv2Client({ endpoint: runtime.sesUrl, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    const to = `customer-${randomUUID().slice(0, 8)}@example.com`;
    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'complaints@closeloop.local',
        Destination: { ToAddresses: [to] },
        Content: { Simple: { Subject: { Data: 'We got it' }, Body: { Text: { Data: 'Ticket 202611-0001' } } } },
      }),
    );
    ses.destroy();
    const store = (await (await fetch(`${runtime.sesUrl}/store`)).json()) as {
      emails: { destination: { to: string[] }; subject: string; body: { text: string } }[];
    };
    const mail = store.emails.find((e) => e.destination.to.includes(to));
    expect(mail).toMatchObject({ subject: 'We got it', body: { text: 'Ticket 202611-0001' } });
  });
});

describe('the synthesized workflow on the local Step Functions', () => {
  const sfn = () => new SFNClient({ endpoint: runtime.sfnUrl, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const run = async (input: Record<string, unknown>) => {
    const client = sfn();
    const { executionArn } = await client.send(
      new StartExecutionCommand({ stateMachineArn: runtime.stateMachineArn, input: JSON.stringify(input) }),
    );
    for (;;) {
      const d = await client.send(new DescribeExecutionCommand({ executionArn }));
      if (d.status !== 'RUNNING') {
        client.destroy();
        return d;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it("runs the handlers, and a parked handler's own SendTaskSuccess (through the env-configured SDK) wakes it", async () => {
    const done = await run({ path: '/x', pauseSeconds: 3600, answerNow: true, timeoutSeconds: 86_400 });
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toMatchObject({ echoed: { status: 200 }, answer: { answeredBy: 'handler' } });
  });

  it('times out an unanswered parked step after its scaled timeout and takes the catch path', async () => {
    const done = await run({ path: '/x', pauseSeconds: 0, answerNow: false, timeoutSeconds: 3600 });
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!).answer).toEqual({ value: 'timed out' });
  });
});
