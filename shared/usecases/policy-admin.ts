import * as z from 'zod/mini';
import { ConcurrentUpdateError, NotFoundError } from '../errors/index.js';
import { changedSections, parsePolicyDocument } from '../policy/schema.js';
import type { StaffMember } from '../policy/types.js';
import type { Clock, Page, PolicyStore, PolicyVersion, PolicyVersionSummary } from '../ports/index.js';

/** The policy admin's ports (issue 9): the versioned store and the clock that stamps each change. */
export interface PolicyAdminDeps {
  policies: PolicyStore;
  clock: Clock;
}

/** `PUT /staff/policy`: the document is checked by the policy schema itself, field by field. */
export const SavePolicyInput = z.strictObject({
  policy: z.unknown(),
  reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
  basedOn: z.number().check(z.int(), z.gte(1)),
  /** The preset this version was started from (GET /staff/policy/presets), recorded with it. */
  preset: z.optional(z.string().check(z.regex(/^[a-z0-9-]{1,40}$/))),
});

/** `POST /staff/policy/rollback`. */
export const RollbackPolicyInput = z.strictObject({
  version: z.number().check(z.int(), z.gte(1)),
  reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
});

export async function currentPolicy(deps: PolicyAdminDeps): Promise<PolicyVersion> {
  const current = await deps.policies.current();
  if (!current) throw new NotFoundError('no policy');
  return current;
}

export function policyHistory(
  deps: PolicyAdminDeps,
  opts: { limit: number; cursor?: string },
): Promise<Page<PolicyVersionSummary>> {
  return deps.policies.history(opts.limit, opts.cursor);
}

export async function policyVersion(deps: PolicyAdminDeps, version: number): Promise<PolicyVersion> {
  const found = await deps.policies.get(version);
  if (!found) throw new NotFoundError('no such policy version');
  return found;
}

/**
 * Saves a new version. A malformed document is refused (ValidationError per field) before anything
 * is written, so the running version stays; `basedOn` other than the current version means someone
 * saved in between, and their change would be silently overwritten: refused as a concurrent update.
 */
export async function savePolicy(
  deps: PolicyAdminDeps,
  input: { policy: unknown; reason: string; basedOn: number; by: StaffMember; preset?: string },
): Promise<PolicyVersion> {
  const policy = parsePolicyDocument(input.policy);
  const current = await deps.policies.current();
  if ((current?.version ?? 0) !== input.basedOn) throw new ConcurrentUpdateError('policy changed since');
  return saveNext(deps, current, { policy, reason: input.reason, savedBy: input.by.id, preset: input.preset });
}

/** Rolling back is choosing an earlier version: its content becomes a new, current version. */
export async function rollbackPolicy(
  deps: PolicyAdminDeps,
  input: { version: number; reason: string; by: StaffMember },
): Promise<PolicyVersion> {
  const earlier = await policyVersion(deps, input.version);
  const current = await currentPolicy(deps);
  return saveNext(deps, current, {
    policy: earlier.policy,
    reason: input.reason,
    savedBy: input.by.id,
    preset: earlier.preset,
    rolledBackFrom: earlier.version,
  });
}

async function saveNext(
  deps: PolicyAdminDeps,
  current: PolicyVersion | undefined,
  next: Pick<PolicyVersion, 'policy' | 'reason' | 'savedBy' | 'preset' | 'rolledBackFrom'>,
): Promise<PolicyVersion> {
  const version: PolicyVersion = {
    ...next,
    version: (current?.version ?? 0) + 1,
    savedAt: deps.clock.now().toISOString(),
    changedSections: changedSections(current?.policy, next.policy),
  };
  await deps.policies.save(version);
  return version;
}
