import { requireStaff } from '../shared/auth/staff.js';
import { readConfig, TableConfig } from '../shared/config.js';
import { httpHandler } from '../shared/http/handler.js';
import { json } from '../shared/http/response.js';
import { httpRoutes } from '../shared/http/router.js';
import { parseOrThrow } from '../shared/http/validation.js';
import { DynamoIncidentStore } from '../shared/incidents/dynamo-incidents.js';
import { IncidentListQuery } from '../shared/incidents/inputs.js';
import { logger } from '../shared/observability.js';
import { listIncidents, performIncidentAction, viewIncident } from '../shared/usecases/incidents.js';
import { clock, policyAndCalendar, withPolicy, withStaffDirectory } from '../shared/wiring.js';

const { TABLE_NAME } = readConfig(TableConfig);
const current = withPolicy(
  withStaffDirectory({ incidents: new DynamoIncidentStore({ tableName: TABLE_NAME }), clock, ...policyAndCalendar() }),
);

/** GET /staff/incidents?status=open|closed&limit=&cursor=: batch-defect incidents, newest first. */
const list = httpHandler(async (request) => {
  const deps = await current();
  const actor = requireStaff(request, deps.policy);
  const query = parseOrThrow(IncidentListQuery, request.event.queryStringParameters ?? {});
  return json(200, await listIncidents(deps, actor, query));
});

/** GET /staff/incidents/{id}: the incident and its timeline. */
const one = httpHandler(async (request) => {
  const deps = await current();
  const actor = requireStaff(request, deps.policy);
  const id = request.event.pathParameters?.id ?? '';
  logger.appendKeys({ incidentId: id });
  const view = await viewIncident(deps, actor, id);
  return json(200, view, { etag: `"${view.incident.version}"` });
});

/** POST /staff/incidents/{id}/{plan|root-cause|action|close}: `{ text }` (close: optional `{ note }`). */
const act = httpHandler(
  async (request) => {
    const deps = await current();
    const actor = requireStaff(request, deps.policy);
    const { id = '', action = '' } = request.event.pathParameters ?? {};
    logger.appendKeys({ incidentId: id, action });
    const incident = await performIncidentAction(deps, { id, action, actor, body: request.body });
    return json(200, { incident }, { etag: `"${incident.version}"` });
  },
  { body: { maxBodyBytes: 16 * 1024 } },
);

export const handler = httpRoutes([
  { method: 'GET', path: '/staff/incidents', handler: list },
  { method: 'GET', path: '/staff/incidents/{id}', handler: one },
  { method: 'POST', path: '/staff/incidents/{id}/{action}', handler: act },
]);
