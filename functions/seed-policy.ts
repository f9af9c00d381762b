import { logger } from '../shared/observability.js';
import { seedPolicy } from '../shared/policy/seed.js';
import { policies } from '../shared/wiring.js';

const store = policies();

/**
 * Run once per deploy by the stack's trigger (infra/stacks/stateless-stack.ts), after the table and this
 * function's own grant: stores the defaults as policy version 1 when the table holds no policy, so every
 * function reads a stored policy from the first request. A table that holds one keeps it. A failure
 * fails the deploy, which CloudFormation rolls back.
 */
export const handler = async (): Promise<{ version: number }> => {
  const current = await seedPolicy(store, () => new Date());
  logger.info('policy in force at deploy', { version: current.version, savedBy: current.savedBy });
  return { version: current.version };
};
