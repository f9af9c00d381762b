import { requireStaff } from '../shared/auth/staff.js';
import { httpHandler } from '../shared/http/handler.js';
import { json } from '../shared/http/response.js';
import { httpRoutes } from '../shared/http/router.js';
import { parseOrThrow } from '../shared/http/validation.js';
import { logger } from '../shared/observability.js';
import { type PolicyDocument, parsePolicyDocument } from '../shared/policy/schema.js';
import { documentOf, dryRunPolicy, recentSamples, requirePolicyManager } from '../shared/usecases/policy-dry-run.js';
import { DryRunInput } from '../shared/usecases/policy-dry-run-input.js';
import { clock, intakePolicyAndCalendar, store, withStaffDirectory } from '../shared/wiring.js';

/**
 * The policy dry run (issue 9) in a function of its own: it carries the grader and the routing
 * rules, which would weigh down the policy admin and the console.
 */
const intake = intakePolicyAndCalendar();
const current = withStaffDirectory({ store: store(), clock, policy: intake.policy });

/**
 * The version in force, against which a proposal is compared. Until the stored policy (PolicyStore,
 * issue 9) is wired into this function, that is the policy this deployment runs.
 */
const policyInForce = async (): Promise<PolicyDocument> => documentOf(intake.policy);

/** The policy document with its grading vocabulary is about 40 KB; a proposal far larger is not one. */
const MAX_BODY_BYTES = 512 * 1024;

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
    const proposed = parsePolicyDocument(parseOrThrow(DryRunInput, request.body).policy);
    const [inForce, samples] = await Promise.all([policyInForce(), recentSamples(deps.store)]);
    const result = dryRunPolicy({ current: inForce, proposed, samples, now: deps.clock.now() });
    logger.info('policy dry run', { sampled: result.sampled, changed: result.changed.any });
    return json(200, result);
  },
  { body: { maxBodyBytes: MAX_BODY_BYTES } },
);

export const handler = httpRoutes([{ method: 'POST', path: '/staff/policy/dry-run', handler: apiDryRun }]);
