import type { GradingPolicy, RoutingPolicy } from '../policy/types.js';
import { gradeComplaint } from './grade.js';
import { routeComplaint } from './route.js';
import { warmUp } from './scope.js';

/**
 * Makes a grading and routing policy ready to use: every keyword, pattern and cue compiled and run
 * once, so the first complaint after a cold start (or after a new policy version is loaded) is
 * graded as fast as the next, and a malformed pattern fails when the policy is loaded, not when a
 * customer submits. Compiled regexes are cached per rule object, so call this on the policy object
 * that will grade. Returns the same policy.
 */
export function preparePolicy<P extends { grading: GradingPolicy; routing: RoutingPolicy }>(policy: P): P {
  warmUp(policy.grading.rules, policy.grading.language);
  warmUp([...policy.routing.rules, ...(policy.routing.involvements ?? [])], policy.routing.language);
  // The amount and phrase-masking regexes live outside the rules: one graded sample per width warms them too.
  for (const description of ['warm up: $1 not a complaint', '预热:1元,不是投诉']) {
    gradeComplaint({ description }, policy.grading);
    routeComplaint({ description }, policy.routing);
  }
  return policy;
}
