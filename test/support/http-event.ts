import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

/** An API Gateway HTTP API (payload 2.0) event, as the gateway would build it. */
export function httpEvent(opts: {
  method?: string;
  path?: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  sourceIp?: string;
  /** A signed-in member of staff, as API Gateway's JWT authorizer passes the token's claims on. */
  signedIn?: { user: string; groups: string | string[] };
}): APIGatewayProxyEventV2 {
  const method = opts.method ?? 'POST';
  const path = opts.path ?? '/complaints';
  const isBinary = Buffer.isBuffer(opts.body);
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(opts.query ?? {}).toString(),
    headers: { 'content-type': 'application/json', ...opts.headers },
    queryStringParameters: opts.query,
    pathParameters: opts.pathParameters,
    body: isBinary ? (opts.body as Buffer).toString('base64') : (opts.body as string | undefined),
    isBase64Encoded: isBinary,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      requestId: 'req-1',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: opts.sourceIp ?? '127.0.0.1', userAgent: 'vitest' },
    },
  };
  if (opts.signedIn) {
    const claims = { 'cognito:username': opts.signedIn.user, 'cognito:groups': opts.signedIn.groups };
    Object.assign(event.requestContext, { authorizer: { jwt: { claims, scopes: null } } });
  }
  return event;
}

export const lambdaContext = { awsRequestId: 'req-1', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;
