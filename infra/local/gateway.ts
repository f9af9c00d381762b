import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { LocalAuthorizer, LocalCors, LocalRoute } from './cdk-model.js';

/**
 * API Gateway HTTP API on one machine: matches the app's routes, runs their JWT authorizers, hands
 * the function a payload format 2.0 event, maps its result back to HTTP, and answers CORS
 * preflights from the API's CorsConfiguration, with API Gateway's own error bodies and limits.
 */

export type GatewayEvent = APIGatewayProxyEventV2 | APIGatewayProxyEventV2WithJWTAuthorizer;

/** A route the local runtime answers itself (the token route, the console's OAuth server); it has no counterpart in the CDK app. */
export interface LocalBuiltinRoute {
  method: string;
  path: string;
  handle(body: Buffer, request: LocalBuiltinRequest): Promise<LocalBuiltinAnswer>;
}

export interface LocalBuiltinRequest {
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
}

/** A string body with headers is sent as it is (a page, a redirect); anything else as JSON. */
export interface LocalBuiltinAnswer {
  statusCode: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface GatewayOptions {
  routes: LocalRoute[];
  authorizers?: Record<string, LocalAuthorizer>;
  /**
   * Checks a JWT route's token: resolves to the claims as API Gateway passes them on (strings),
   * rejects when the token is refused. Required when any route uses a JWT authorizer.
   */
  verifyJwt?(token: string, authorizer: LocalAuthorizer): Promise<Record<string, string>>;
  /** Matched before the app's routes. */
  builtinRoutes?: LocalBuiltinRoute[];
  cors?: LocalCors;
  /** Calls the route's function with the event; rejects if the function fails. */
  invoke(functionLogicalId: string, event: GatewayEvent): Promise<unknown>;
  log?: (line: string) => void;
  /** API Gateway gives an integration 30 s. */
  integrationTimeoutMs?: number;
}

export interface LocalGateway {
  url: string;
  stop(): Promise<void>;
}

/** API Gateway's payload limit for HTTP APIs. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

type Segment = { literal: string } | { param: string } | { greedy: string };

interface CompiledRoute {
  route: LocalRoute;
  segments: Segment[];
  /** Higher is more specific: API Gateway prefers exact paths, then parameters, then greedy paths, then $default; an exact method over ANY. */
  rank: number[];
}

function compile(route: LocalRoute): CompiledRoute {
  if (route.path === '$default') return { route, segments: [], rank: [0, 0, 0, 0] };
  const segments: Segment[] = route.path
    .split('/')
    .filter(Boolean)
    .map((s) => {
      const param = /^\{(.+?)(\+)?\}$/.exec(s);
      if (!param) return { literal: s };
      return param[2] ? { greedy: param[1]! } : { param: param[1]! };
    });
  const greedy = segments.some((s) => 'greedy' in s);
  const literals = segments.filter((s) => 'literal' in s).length;
  return { route, segments, rank: [1, greedy ? 0 : 1, literals, route.method === 'ANY' ? 0 : 1] };
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function matchPath(compiled: CompiledRoute, parts: string[]): Record<string, string> | undefined {
  if (compiled.route.path === '$default') return {};
  const params: Record<string, string> = {};
  for (let i = 0; i < compiled.segments.length; i++) {
    const seg = compiled.segments[i]!;
    if ('greedy' in seg) {
      const rest = parts.slice(i);
      if (rest.length === 0) return undefined;
      params[seg.greedy] = rest.map(decode).join('/');
      return params;
    }
    const part = parts[i];
    if (part === undefined || part === '') return undefined;
    if ('literal' in seg) {
      if (seg.literal !== part) return undefined;
    } else {
      params[seg.param] = decode(part);
    }
  }
  return parts.length === compiled.segments.length ? params : undefined;
}

function compareRank(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i]! - a[i]!;
  return 0;
}

const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript)\b|application\/[\w.+-]+\+(json|xml)\b)/i;

function httpDate(date: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${p(date.getUTCHours())}:${p(
    date.getUTCMinutes(),
  )}:${p(date.getUTCSeconds())} +0000`;
}

class GatewayResponse {
  constructor(
    readonly statusCode: number,
    readonly headers: Record<string, string>,
    readonly cookies: string[],
    readonly body: Buffer,
  ) {}

  static message(statusCode: number, message: string): GatewayResponse {
    return new GatewayResponse(
      statusCode,
      { 'content-type': 'application/json' },
      [],
      Buffer.from(JSON.stringify({ message })),
    );
  }
}

const INTERNAL_ERROR = () => GatewayResponse.message(500, 'Internal Server Error');
const UNAUTHORIZED = () => GatewayResponse.message(401, 'Unauthorized');

/** API Gateway takes the identity source's value as the token, with or without a `Bearer ` prefix. */
function tokenFrom(req: IncomingMessage, authorizer: LocalAuthorizer): string | undefined {
  for (const header of authorizer.identityHeaders) {
    const value = req.headers[header];
    if (typeof value === 'string' && value.trim()) return value.trim().replace(/^Bearer\s+/i, '');
  }
  return undefined;
}

/** Maps a function result to HTTP as API Gateway does for payload format 2.0. */
function responseFromResult(result: unknown): GatewayResponse {
  if (typeof result !== 'object' || result === null || Array.isArray(result) || !('statusCode' in result)) {
    const body = typeof result === 'string' ? result : JSON.stringify(result);
    return new GatewayResponse(200, { 'content-type': 'application/json' }, [], Buffer.from(body));
  }
  const r = result as {
    statusCode: unknown;
    headers?: unknown;
    cookies?: unknown;
    body?: unknown;
    isBase64Encoded?: unknown;
  };
  const statusCode = Number(r.statusCode);
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) return INTERNAL_ERROR();
  const headers: Record<string, string> = {};
  if (typeof r.headers === 'object' && r.headers !== null) {
    for (const [name, value] of Object.entries(r.headers)) {
      if (value !== undefined && value !== null) headers[name.toLowerCase()] = String(value);
    }
  }
  const cookies = Array.isArray(r.cookies) ? r.cookies.map(String) : [];
  const text =
    typeof r.body === 'string' ? r.body : r.body === undefined || r.body === null ? '' : JSON.stringify(r.body);
  const body = r.isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text);
  return new GatewayResponse(statusCode, headers, cookies, body);
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function originAllowed(cors: LocalCors, origin: string): string | undefined {
  for (const allowed of cors.allowOrigins) {
    if (allowed === '*') return cors.allowCredentials ? origin : '*';
    const pattern = new RegExp(
      `^${allowed
        .split('*')
        .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*')}$`,
      'i',
    );
    if (pattern.test(origin)) return origin;
  }
  return undefined;
}

function preflight(cors: LocalCors, origin: string): GatewayResponse {
  const allowOrigin = originAllowed(cors, origin);
  if (!allowOrigin) return new GatewayResponse(204, {}, [], Buffer.alloc(0));
  const headers: Record<string, string> = { 'access-control-allow-origin': allowOrigin };
  if (cors.allowMethods.length) headers['access-control-allow-methods'] = cors.allowMethods.join(',');
  if (cors.allowHeaders.length) headers['access-control-allow-headers'] = cors.allowHeaders.join(',');
  if (cors.maxAge !== undefined) headers['access-control-max-age'] = String(cors.maxAge);
  if (cors.allowCredentials) headers['access-control-allow-credentials'] = 'true';
  return new GatewayResponse(204, headers, [], Buffer.alloc(0));
}

/** With CORS configured, API Gateway replaces the integration's CORS headers with its own. */
function withCors(cors: LocalCors | undefined, origin: string | undefined, response: GatewayResponse): GatewayResponse {
  if (!cors) return response;
  const headers = Object.fromEntries(
    Object.entries(response.headers).filter(([name]) => !name.startsWith('access-control-')),
  );
  const allowOrigin = origin ? originAllowed(cors, origin) : undefined;
  if (allowOrigin) {
    headers['access-control-allow-origin'] = allowOrigin;
    if (cors.exposeHeaders.length) headers['access-control-expose-headers'] = cors.exposeHeaders.join(',');
    if (cors.allowCredentials) headers['access-control-allow-credentials'] = 'true';
  }
  return new GatewayResponse(response.statusCode, headers, response.cookies, response.body);
}

export async function startGateway(options: GatewayOptions & { port?: number; host?: string }): Promise<LocalGateway> {
  const compiled = options.routes.map(compile).sort((a, b) => compareRank(a.rank, b.rank));
  const log = options.log ?? (() => {});
  const jwtRoutes = options.routes.filter((r) => r.authorizationType === 'JWT');
  if (jwtRoutes.length && !options.verifyJwt) {
    throw new Error(`Routes ${jwtRoutes.map((r) => r.routeKey).join(', ')} need a JWT verifier (verifyJwt)`);
  }
  const timeoutMs = options.integrationTimeoutMs ?? 30_000;

  const find = (method: string, parts: string[]) => {
    for (const c of compiled) {
      if (c.route.method !== 'ANY' && c.route.method !== method) continue;
      const pathParameters = matchPath(c, parts);
      if (pathParameters) return { route: c.route, pathParameters };
    }
    return undefined;
  };

  const buildEvent = (
    req: IncomingMessage,
    route: LocalRoute,
    pathParameters: Record<string, string>,
    body: Buffer,
    requestId: string,
    now: Date,
    claims: Record<string, string> | undefined,
  ): GatewayEvent => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q === -1 ? url : url.slice(0, q);
    const rawQueryString = q === -1 ? '' : url.slice(q + 1);
    const sourceIp = (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
    const headers: Record<string, string> = {};
    let cookies: string[] | undefined;
    for (const [name, values] of Object.entries(req.headersDistinct)) {
      if (!values) continue;
      if (name === 'cookie') cookies = values.flatMap((v) => v.split(/;\s*/)).filter(Boolean);
      else headers[name] = values.join(',');
    }
    headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${sourceIp}` : sourceIp;
    headers['x-forwarded-proto'] ??= 'http';
    headers['x-forwarded-port'] ??= String(req.socket.localPort ?? '');
    const query: Record<string, string> = {};
    for (const [key, value] of new URLSearchParams(rawQueryString)) {
      query[key] = key in query ? `${query[key]},${value}` : value;
    }
    const host = headers.host ?? 'localhost';
    const isText = TEXT_TYPES.test(headers['content-type'] ?? '');
    return {
      version: '2.0',
      routeKey: route.routeKey,
      rawPath,
      rawQueryString,
      ...(cookies ? { cookies } : {}),
      headers,
      ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
      ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        domainName: host,
        domainPrefix: host.split('.')[0] ?? host,
        http: {
          method: req.method ?? 'GET',
          path: rawPath,
          protocol: `HTTP/${req.httpVersion}`,
          sourceIp,
          userAgent: headers['user-agent'] ?? '',
        },
        requestId,
        routeKey: route.routeKey,
        // A JWT authorizer gives no scopes unless the route asks for some (which runs only on AWS).
        ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}),
        stage: '$default',
        time: httpDate(now),
        timeEpoch: now.getTime(),
      },
      ...(body.length ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
      isBase64Encoded: body.length > 0 && !isText,
    };
  };

  /** The route that answered, for the log: a route key never holds what a caller put in the path (status links carry tokens). */
  const routeFor = new WeakMap<IncomingMessage, string>();
  const handle = async (req: IncomingMessage, requestId: string): Promise<GatewayResponse> => {
    const method = (req.method ?? 'GET').toUpperCase();
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
    if (options.cors && method === 'OPTIONS' && origin && req.headers['access-control-request-method']) {
      routeFor.set(req, '(CORS preflight)');
      return preflight(options.cors, origin);
    }
    const rawPath = (req.url ?? '/').split('?')[0]!;
    const match = find(method, rawPath === '/' ? [] : rawPath.split('/').slice(1));
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (err) {
      if (err instanceof BodyTooLarge) return GatewayResponse.message(413, 'Request Entity Too Large');
      throw err;
    }
    const builtin = options.builtinRoutes?.find((r) => r.method === method && r.path === rawPath);
    if (builtin) {
      routeFor.set(req, builtin.path);
      const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
      const answer = await builtin.handle(body, { query, headers: req.headers });
      const asIs = typeof answer.body === 'string' && answer.headers !== undefined;
      return withCors(
        options.cors,
        origin,
        new GatewayResponse(
          answer.statusCode,
          asIs ? answer.headers! : { 'content-type': 'application/json', ...answer.headers },
          [],
          Buffer.from(asIs ? (answer.body as string) : JSON.stringify(answer.body)),
        ),
      );
    }
    if (!match) return withCors(options.cors, origin, GatewayResponse.message(404, 'Not Found'));
    routeFor.set(req, match.route.path);
    let claims: Record<string, string> | undefined;
    if (match.route.authorizerId) {
      const authorizer = options.authorizers?.[match.route.authorizerId];
      const token = authorizer && tokenFrom(req, authorizer);
      if (!authorizer || !token) return withCors(options.cors, origin, UNAUTHORIZED());
      try {
        claims = await options.verifyJwt!(token, authorizer);
      } catch (err) {
        log(
          `gateway: ${match.route.routeKey} refused a token: ${(err as { code?: string }).code ?? (err as Error).name}`,
        );
        return withCors(options.cors, origin, UNAUTHORIZED());
      }
    }
    const event = buildEvent(req, match.route, match.pathParameters, body, requestId, new Date(), claims);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    try {
      const result = await Promise.race([options.invoke(match.route.functionLogicalId, event), timedOut]);
      if (result === 'timeout') return GatewayResponse.message(503, 'Service Unavailable');
      return withCors(options.cors, origin, responseFromResult(result));
    } catch (err) {
      const e = err as Error;
      log(`gateway: ${match.route.routeKey} function ${match.route.functionLogicalId} failed: ${e.name}: ${e.message}`);
      return withCors(options.cors, origin, INTERNAL_ERROR());
    } finally {
      clearTimeout(timer);
    }
  };

  const write = (res: ServerResponse, response: GatewayResponse, requestId: string) => {
    const headers: Record<string, string | string[]> = {
      ...response.headers,
      'apigw-requestid': requestId,
      'content-length': String(response.body.length),
    };
    if (response.cookies.length) headers['set-cookie'] = response.cookies;
    res.writeHead(response.statusCode, headers);
    res.end(response.body);
  };

  const server: Server = createServer((req, res) => {
    const started = performance.now();
    const requestId = randomBytes(10).toString('base64');
    handle(req, requestId)
      .catch((err: unknown) => {
        log(`gateway internal error: ${err instanceof Error ? err.message : String(err)}`);
        return INTERNAL_ERROR();
      })
      .then((response) => {
        if (response.statusCode === 413) res.setHeader('connection', 'close');
        write(res, response, requestId);
        const route = routeFor.get(req) ?? '(no route)';
        log(`${req.method} ${route} ${response.statusCode} ${Math.round(performance.now() - started)}ms`);
      });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
