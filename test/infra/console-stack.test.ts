import { describe, expect, it } from 'vitest';
import { actionsOf, functionsByEntry, statementsOfRole, synthCloseloop } from './synth.js';

/**
 * The console function may do exactly what the staff complaint and staff action functions may do
 * together: it calls the same use cases, so it needs their permissions and nothing more.
 */
describe('the console function in the stateless stack', () => {
  const { api } = synthCloseloop();
  const functions = functionsByEntry(api);
  const permissions = (entry: string) => {
    const statements = statementsOfRole(api, functions[entry]!.roleLogicalId);
    return new Set(
      statements.flatMap((s) => {
        const resources = JSON.stringify(s.Resource);
        // Each function writes its own log group; everything else must match.
        return actionsOf([s])
          .filter((a) => !a.startsWith('logs:'))
          .map((a) => `${a} ${resources}`);
      }),
    );
  };

  it('has exactly the permissions of the staff complaint and staff action functions together', () => {
    const together = new Set([
      ...permissions('functions/staff-complaint.ts'),
      ...permissions('functions/staff-action.ts'),
    ]);
    expect([...permissions('functions/console.ts')].sort()).toEqual([...together].sort());
  });

  it('serves GET /console and GET and POST under /console without the JWT authorizer: its session cookie is its key', () => {
    const routes = Object.values(api.findResources('AWS::ApiGatewayV2::Route'))
      .map((r) => r.Properties)
      .filter((r) => / \/console(\/\{proxy\+\})?$/.test(r.RouteKey));
    expect(routes.map((r) => r.RouteKey).sort()).toEqual([
      'GET /console',
      'GET /console/{proxy+}',
      'POST /console/{proxy+}',
    ]);
    for (const route of routes) expect(route.AuthorizationType ?? 'NONE', route.RouteKey).toBe('NONE');
  });

  it('gets the mail settings a reply to the customer needs', () => {
    const variables = functions['functions/console.ts']!.properties.Environment.Variables;
    expect(Object.keys(variables)).toEqual(expect.arrayContaining(['REPLY_DOMAIN', 'MAIL_FROM', 'TABLE_NAME']));
  });
});
