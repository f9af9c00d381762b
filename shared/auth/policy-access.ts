import { ForbiddenError } from '../errors/index.js';
import type { StaffMember } from '../policy/types.js';

/**
 * The policy sets every new complaint's clock: only managers see it proposed, dry-run and changed.
 * Apart from shared/auth/staff.ts's per-complaint rules because no complaint is involved.
 */
export function requirePolicyManager(staff: StaffMember): StaffMember {
  if (staff.role !== 'manager') throw new ForbiddenError();
  return staff;
}
