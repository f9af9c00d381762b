import { requireStaff } from '../shared/auth/staff.js';
import { BadRequestError, ForbiddenError, NotFoundError } from '../shared/errors/index.js';
import { type HttpRequest, httpHandler } from '../shared/http/handler.js';
import { json } from '../shared/http/response.js';
import { httpRoutes } from '../shared/http/router.js';
import { parseOrThrow } from '../shared/http/validation.js';
import { logger } from '../shared/observability.js';
import { isPresetName, PRESETS, presetPolicy } from '../shared/policy/presets/index.js';
import { defaultSeed } from '../shared/policy/seed.js';
import type { StaffMember } from '../shared/policy/types.js';
import {
  currentPolicy,
  policyHistory,
  policyVersion,
  RollbackPolicyInput,
  rollbackPolicy,
  SavePolicyInput,
  savePolicy,
} from '../shared/usecases/policy-admin.js';
import { clock, policies, policyAndCalendar, policySource, withStaffDirectory } from '../shared/wiring.js';

const current = withStaffDirectory({ ...policyAndCalendar(), policies: policies(), clock });
const source = policySource(defaultSeed);

/** A policy document with the full grading vocabulary is about 60 KB; far above is not a policy. */
const MAX_BODY_BYTES = 512 * 1024;
const MAX_PAGE = 100;

/** Managers only: the policy sets every clock of every complaint. The first read seeds an empty table. */
async function asManager(request: HttpRequest) {
  const deps = await current();
  const actor: StaffMember = requireStaff(request, deps.policy);
  if (actor.role !== 'manager') throw new ForbiddenError();
  await source.current();
  return { deps, actor };
}

const show = httpHandler(async (request) => {
  const { deps } = await asManager(request);
  const found = await currentPolicy(deps);
  return json(200, found, { etag: `"${found.version}"` });
});

const history = httpHandler(async (request) => {
  const { deps } = await asManager(request);
  const query = request.event.queryStringParameters ?? {};
  const limit = query.limit === undefined ? 20 : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE)
    throw new BadRequestError('page_limit_invalid', { max: MAX_PAGE });
  const page = await policyHistory(deps, { limit, cursor: query.cursor });
  return json(200, { items: page.items, cursor: page.nextCursor ?? null });
});

const one = httpHandler(async (request) => {
  const { deps } = await asManager(request);
  const version = Number(request.event.pathParameters?.version);
  return json(200, await policyVersion(deps, version));
});

const save = httpHandler(
  async (request) => {
    const { deps, actor } = await asManager(request);
    const input = parseOrThrow(SavePolicyInput, request.body);
    const saved = await savePolicy(deps, { ...input, by: actor });
    logger.info('policy saved', { version: saved.version, changedSections: saved.changedSections, by: actor.id });
    return json(201, saved, { etag: `"${saved.version}"` });
  },
  { body: { maxBodyBytes: MAX_BODY_BYTES } },
);

const rollback = httpHandler(
  async (request) => {
    const { deps, actor } = await asManager(request);
    const input = parseOrThrow(RollbackPolicyInput, request.body);
    const saved = await rollbackPolicy(deps, { ...input, by: actor });
    logger.info('policy rolled back', { version: saved.version, rolledBackFrom: saved.rolledBackFrom, by: actor.id });
    return json(201, saved, { etag: `"${saved.version}"` });
  },
  { body: { maxBodyBytes: 16 * 1024 } },
);

/** The reference documents' presets an operator starts from (the document to save as a new version). */
const presets = httpHandler(async (request) => {
  await asManager(request);
  return json(200, { items: PRESETS });
});

const preset = httpHandler(async (request) => {
  await asManager(request);
  const name = request.event.pathParameters?.name ?? '';
  if (!isPresetName(name)) throw new NotFoundError('no such preset');
  return json(200, { ...PRESETS.find((p) => p.name === name), policy: presetPolicy(name) });
});

/** The manager's policy admin (issue 9): the version in force, its history, a change, a rollback. */
export const handler = httpRoutes([
  { method: 'GET', path: '/staff/policy', handler: show },
  { method: 'GET', path: '/staff/policy/versions', handler: history },
  { method: 'GET', path: '/staff/policy/versions/{version}', handler: one },
  { method: 'PUT', path: '/staff/policy', handler: save },
  { method: 'POST', path: '/staff/policy/rollback', handler: rollback },
  { method: 'GET', path: '/staff/policy/presets', handler: presets },
  { method: 'GET', path: '/staff/policy/presets/{name}', handler: preset },
]);
