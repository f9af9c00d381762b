import { preparePolicy } from '../grading/prepare.js';
import { defaultPolicy, loadPolicy, policyOverride } from './default-policy.js';
import { defaultGradingPolicy } from './grading-rules.js';
import { defaultRoutingPolicy } from './routing-rules.js';
import type { GradingPolicy, IntakePolicy, RoutingPolicy } from './types.js';

/** The default policy with the rules that grade and route a new complaint (intake's functions only). */
export const defaultIntakePolicy: IntakePolicy = {
  ...defaultPolicy,
  grading: defaultGradingPolicy,
  routing: defaultRoutingPolicy,
};

/** loadPolicy, plus the operator's grading and routing sections where given, compiled once here (preparePolicy). */
export function loadIntakePolicy(overrideJson?: string): IntakePolicy {
  const override = policyOverride(overrideJson);
  return preparePolicy({
    ...loadPolicy(overrideJson),
    grading: (override?.grading as GradingPolicy | undefined) ?? defaultGradingPolicy,
    routing: (override?.routing as RoutingPolicy | undefined) ?? defaultRoutingPolicy,
  });
}
