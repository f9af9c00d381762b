import { demoStaff } from '../../infra/local/demo-staff.js';
import { defaultPolicy } from '../../shared/policy/default-policy.js';
import type { Policy, StaffMember } from '../../shared/policy/types.js';

export { demoStaff };

/**
 * The default policy as a function that needs staff sees it in the local runtime, once its edge has
 * read the directory (shared/wiring.ts `withStaffDirectory`): the demo staff in `policy.staff`.
 */
export const policyWithDemoStaff: Policy = { ...defaultPolicy, staff: demoStaff };

/** A policy (the default one unless given) with the demo staff in it. */
export function withDemoStaff<P extends Policy>(policy: P): P {
  return { ...policy, staff: demoStaff };
}

/** A demo member by id; a test that names someone unknown fails here rather than on an undefined. */
export function demoMember(id: string): StaffMember {
  const member = demoStaff.find((s) => s.id === id);
  if (!member) throw new Error(`no demo staff member ${id}`);
  return member;
}

/** What the local runtime gives a handler that needs staff, for tests that import handlers directly. */
export const DEMO_DIRECTORY_ENV = { STAFF_DIRECTORY: JSON.stringify(demoStaff) };

/** The demo agent of a department (the first, where it has two): agents work only on their own department's complaints. */
export function agentOf(department: string): string {
  const agent = demoStaff.find((s) => s.role === 'agent' && s.department === department);
  if (!agent) throw new Error(`no demo agent in ${department}`);
  return agent.id;
}
