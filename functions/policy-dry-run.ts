import { randomUUID } from 'node:crypto';
import { DynamoDryRunRecords } from '../shared/adapters/dynamo/dry-run-records.js';
import { requirePolicyManager } from '../shared/auth/policy-access.js';
import { requireStaff } from '../shared/auth/staff.js';
import { readConfig, TableConfig } from '../shared/config.js';
import { consoleSessionKey, csrfMatches, requireConsoleStaff } from '../shared/console/session.js';
import { ForbiddenError, UnauthorizedError, ValidationError } from '../shared/errors/index.js';
import { httpHandler } from '../shared/http/handler.js';
import { type HttpResult, json } from '../shared/http/response.js';
import { httpRoutes } from '../shared/http/router.js';
import { parseOrThrow } from '../shared/http/validation.js';
import { logger } from '../shared/observability.js';
import { type PolicyDocument, parsePolicyDocument } from '../shared/policy/schema.js';
import { escapeHtml } from '../shared/templates/html.js';
import {
  DRY_RUN_KEPT_SECONDS,
  type DryRunRecord,
  dryRunPolicy,
  recentSamples,
} from '../shared/usecases/policy-dry-run.js';
import { DryRunInput } from '../shared/usecases/policy-dry-run-input.js';
import { clock, links, policyAndCalendar, store, storedPolicySource, withStaffDirectory } from '../shared/wiring.js';
import { draftDocument, postedDraft } from '../web/console/policy-draft.js';

/**
 * The policy dry run (issue 9) in a function of its own: it carries the grader and the routing
 * rules, which would weigh down the policy admin and the console.
 */
const current = withStaffDirectory({ store: store(), clock, policy: policyAndCalendar().policy });

/** The version in force (the stored current one, cached like every function's), against which a proposal is compared. */
const inForceSource = storedPolicySource();
const policyInForce = async (): Promise<PolicyDocument> => (await inForceSource.current()).policy;

/**
 * The policy document with its grading vocabulary is about 40 KB; a proposal far larger is not one
 * (and a console dry run keeps the text in one item, which DynamoDB caps at 400 KB).
 */
const MAX_BODY_BYTES = 256 * 1024;

/**
 * POST /staff/policy/dry-run `{ policy }`: managers only. The most recent complaints graded and
 * routed under the policy in force and under the proposal; 400 with a message per field when the
 * proposal is malformed; nothing is saved.
 */
const apiDryRun = httpHandler(
  async (request) => {
    const deps = await current();
    requirePolicyManager(requireStaff(request, deps.policy));
    // Checked before any complaint is read: a malformed proposal costs no reads.
    const proposed = inBody(() => parsePolicyDocument(parseOrThrow(DryRunInput, request.body).policy));
    const [inForce, samples] = await Promise.all([policyInForce(), recentSamples(deps.store)]);
    const result = dryRunPolicy({ current: inForce, proposed, samples, now: deps.clock.now() });
    logger.info('policy dry run', { sampled: result.sampled, changed: result.changed.any });
    return json(200, result);
  },
  { body: { maxBodyBytes: MAX_BODY_BYTES } },
);

/** A document's field issues named from the body, as the body's own are: `policy.calendar.workday`. */
function inBody<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof ValidationError) || Object.keys(error.fields).every((f) => f.startsWith('policy'))) {
      throw error;
    }
    throw new ValidationError(
      Object.fromEntries(Object.entries(error.fields).map(([field, issue]) => [`policy.${field}`, issue])),
    );
  }
}

/** The console's session key derives from the link-signing key: read once per cold start. */
const sessionKey = consoleSessionKey((await links()).key);
const dryRuns = new DynamoDryRunRecords({ tableName: readConfig(TableConfig).TABLE_NAME });

/**
 * POST /console/policy/dry-run: the policy page's "dry run" button. The console's session and CSRF
 * token, as every console post (functions/console.ts). The result (or the refusal, field by field)
 * is kept for its author for an hour and the browser goes back to the policy page, which shows it:
 * this function carries the grader, the console the pages, and neither carries both.
 */
const consoleDryRun = httpHandler(
  async (request) => {
    const deps = await current();
    let signedIn: ReturnType<typeof requireConsoleStaff>;
    try {
      // Wall time: a session must not expire in seconds when the local runtime scales workflow time.
      signedIn = requireConsoleStaff(request.event, sessionKey, deps.policy, new Date());
    } catch (error) {
      if (!(error instanceof UnauthorizedError)) throw error;
      return seeOther('/console/sign-in?returnTo=%2Fconsole%2Fpolicy');
    }
    const { staff, session } = signedIn;
    const form = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    // As the console checks every post: our own page's token, and no other site's page (Sec-Fetch-Site).
    const site = request.header('sec-fetch-site');
    if (!csrfMatches(session, form.csrf) || (site !== undefined && site !== 'same-origin')) {
      logger.info('console post refused', { reason: 'csrf_or_origin' });
      throw new ForbiddenError();
    }
    requirePolicyManager(staff);
    const now = new Date();
    const record: DryRunRecord = {
      id: randomUUID(),
      staffId: staff.id,
      expiresAt: Math.floor(now.getTime() / 1000) + DRY_RUN_KEPT_SECONDS,
      draft: postedDraft(form, 0),
    };
    try {
      const proposed = parsePolicyDocument(draftDocument(form.policy));
      const [inForce, samples] = await Promise.all([policyInForce(), recentSamples(deps.store)]);
      record.result = dryRunPolicy({ current: inForce, proposed, samples, now: deps.clock.now() });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      record.fields = error.fields as DryRunRecord['fields'];
    }
    await dryRuns.save(record);
    return seeOther(`/console/policy?dryRun=${record.id}`);
  },
  { prefers: 'html', body: { maxBodyBytes: MAX_BODY_BYTES, form: true }, errorPage: plainRefusal },
);

function seeOther(location: string): HttpResult {
  return { statusCode: 303, headers: { location, 'cache-control': 'no-store' }, body: '' };
}

function plainRefusal(refused: { message: string }, locale: string): string {
  return `<!doctype html><html lang="${locale}"><meta charset="utf-8"><title>Closeloop</title><p>${escapeHtml(refused.message)}</p><p><a href="/console/policy">Closeloop</a></p></html>`;
}

export const handler = httpRoutes([
  { method: 'POST', path: '/staff/policy/dry-run', handler: apiDryRun },
  { method: 'POST', path: '/console/policy/dry-run', handler: consoleDryRun },
]);
