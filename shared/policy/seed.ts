import type { PolicyStore, PolicyVersion } from '../ports/index.js';
import { defaultIntakePolicy } from './intake-policy.js';
import { currentOrSeed, type PolicySeed } from './policy-source.js';

/** The defaults, preset "closeloop": what an empty table holds as version 1, on AWS and locally alike. */
export const defaultSeed = (): PolicySeed => {
  const { staff: _staff, ...policy } = defaultIntakePolicy;
  return { policy, preset: 'closeloop', reason: 'The defaults, at first start' };
};

/**
 * Version 1, stored once: the deploy's trigger (functions/seed-policy.ts) and the local runtime's first
 * start both call this. A table that holds a policy keeps it (a conditional write; a later deploy with
 * other defaults changes nothing): operators change the policy through the admin API.
 */
export function seedPolicy(
  store: PolicyStore,
  now: () => Date,
  seed: () => PolicySeed = defaultSeed,
): Promise<PolicyVersion> {
  return currentOrSeed(store, seed, now);
}
