import { describe, expect, it } from 'vitest';
import { actionsOf, functionsByEntry, statementsOfRole, synthCloseloop } from './synth.js';

/** The assets function serves files from its own bundle: it needs nothing of AWS but its logs and traces. */
describe('the assets function', () => {
  const { api } = synthCloseloop();
  const assets = functionsByEntry(api)['functions/assets.ts'];

  it('exists, and reads no configuration: no table, no secret, no mail settings', () => {
    expect(assets).toBeDefined();
    expect(Object.keys(assets!.properties.Environment.Variables).sort()).toEqual([
      'NODE_OPTIONS',
      'POWERTOOLS_SERVICE_NAME',
    ]);
  });

  it('may do nothing but write its logs and traces', () => {
    const actions = actionsOf(statementsOfRole(api, assets!.roleLogicalId));
    expect(actions.filter((action) => !/^(xray|logs):/.test(action))).toEqual([]);
  });

  it('answers GET /assets/{name} to anyone: the stylesheet and scripts of pages customers open without signing in', () => {
    const routes = Object.values(api.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties);
    const route = routes.find((r) => r.RouteKey === 'GET /assets/{name}');
    expect(route).toBeDefined();
    expect(route!.AuthorizationType ?? 'NONE').toBe('NONE');
    expect(routes.filter((r) => String(r.RouteKey).includes('/assets'))).toHaveLength(1);
  });
});
