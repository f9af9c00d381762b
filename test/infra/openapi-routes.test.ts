import { describe, expect, it } from 'vitest';
import { STAFF_ACTIONS } from '../../shared/auth/staff.js';
import { openApiDocument } from '../../shared/openapi/document.js';
import { synthCloseloop } from './synth.js';

interface Route {
  method: string;
  path: string;
  jwt: boolean;
}

/** Pages and files for browsers, and the description itself: everything else the gateway routes is API. */
const NOT_API = [/^\/console(\/|$)/, /^\/assets(\/|$)/, /^\/openapi\.json$/];

const { api } = synthCloseloop();
const routes: Route[] = Object.values(api.findResources('AWS::ApiGatewayV2::Route'))
  .map(({ Properties }) => {
    const [method, path] = (Properties.RouteKey as string).split(' ') as [string, string];
    return { method: method.toLowerCase(), path, jwt: Properties.AuthorizationType === 'JWT' };
  })
  .filter((route) => !NOT_API.some((pattern) => pattern.test(route.path)));

const document = openApiDocument() as { paths: Record<string, Record<string, { security: unknown[] }>> };
const described = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => ({ method, path, staff: operation.security.length > 0 })),
);

/**
 * The route API Gateway would send a described path to: the same path, else the route whose
 * `{parameter}` segments stand for the described path's literal ones (`/{action}` for `/assign`).
 */
function routeOf(method: string, path: string): Route | undefined {
  const candidates = routes.filter((r) => r.method === method);
  return (
    candidates.find((r) => r.path === path) ??
    candidates.find((r) => new RegExp(`^${r.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path))
  );
}

describe('the OpenAPI document and the routes of the synthesized app', () => {
  it('finds the API routes to compare', () => {
    expect(routes.length).toBeGreaterThanOrEqual(9);
  });

  it('describes only what the gateway routes', () => {
    const unrouted = described.filter((d) => !routeOf(d.method, d.path));
    expect(unrouted.map((d) => `${d.method.toUpperCase()} ${d.path}`)).toEqual([]);
  });

  it('describes every API route the gateway has', () => {
    const covered = new Set(described.map((d) => routeOf(d.method, d.path)));
    const undescribed = routes.filter((r) => !covered.has(r));
    expect(undescribed.map((r) => `${r.method.toUpperCase()} ${r.path}`)).toEqual([]);
  });

  it('asks for the staff token exactly where the gateway checks one', () => {
    for (const d of described) expect(d.staff, `${d.method} ${d.path}`).toBe(routeOf(d.method, d.path)?.jwt);
  });

  it('describes each staff action, and no action the handler does not know, as its own path', () => {
    const actions = described
      .filter((d) => routeOf(d.method, d.path)?.path === '/staff/complaints/{id}/{action}')
      .map((d) => d.path.split('/').at(-1));
    expect(actions.sort()).toEqual([...STAFF_ACTIONS].sort());
  });
});
