import type { APIGatewayEventRequestContextJWTAuthorizer } from 'aws-lambda';
import { ForbiddenError, UnauthorizedError } from '../errors/index.js';
import type { HttpRequest } from '../http/handler.js';
import type { Complaint } from '../model/complaint.js';
import type { Policy, StaffMember, StaffRole } from '../policy/types.js';

/** What staff can do to a complaint through POST /staff/complaints/{id}/{action}. */
export const STAFF_ACTIONS = [
  'assign',
  'contact',
  'note',
  'reply',
  'propose',
  'approve',
  'reject',
  'resolve',
  'request-info',
  'reopen',
  'regrade',
  'reroute',
  'escalate',
  // Departments working together (shared/workflow/partners.ts).
  'request-partner',
  'answer-partner',
  'dispute-partner',
  // Smaller steps the manuals name (shared/usecases/delay-and-fix.ts).
  'notify-delay',
  'record-fix',
  // Legal review (shared/workflow/legal-review.ts).
  'legal-approve',
  'legal-return',
  // After-sales work orders (shared/workflow/work-orders.ts).
  'open-work-order',
  'work-order-step',
  'work-order-assign',
  // The customer accepts the solution (shared/usecases/acceptance.ts).
  'offer-by-call',
  'record-acceptance',
  // The same customer's duplicate joins the complaint that goes on (shared/usecases/merge-complaints.ts).
  'merge',
] as const;
export type StaffActionName = (typeof STAFF_ACTIONS)[number];

/**
 * What the role rules decide. `assign` is taking a complaint for oneself; giving it to someone
 * else, or taking it from its owner, is `reassign`.
 */
export type StaffPermission = 'view' | StaffActionName | 'reassign';

type JwtClaims = APIGatewayEventRequestContextJWTAuthorizer['jwt']['claims'];

/**
 * The signed-in member of staff. API Gateway's JWT authorizer has already checked the token's
 * signature, issuer, audience and expiry; this maps its claims onto the staff directory, which
 * decides the role: a token naming someone the directory does not know, or a role the directory
 * does not give them, gets nothing.
 */
export function requireStaff(request: HttpRequest, policy: Policy): StaffMember {
  const claims = claimsOf(request);
  if (!claims) throw new UnauthorizedError();
  const id = stringClaim(claims['cognito:username']) ?? stringClaim(claims.sub);
  if (!id) throw new UnauthorizedError();
  const member = policy.staff.find((s) => s.id === id);
  if (!member || !parseGroups(claims['cognito:groups']).includes(member.role)) throw new ForbiddenError();
  return member;
}

function claimsOf(request: HttpRequest): JwtClaims | undefined {
  const context = request.event.requestContext as { authorizer?: Partial<APIGatewayEventRequestContextJWTAuthorizer> };
  return context.authorizer?.jwt?.claims;
}

function stringClaim(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Cognito groups arrive as a JSON array from a Lambda authorizer or a test, but an HTTP API JWT
 * authorizer flattens an array claim into one string: "[agent supervisor]".
 */
export function parseGroups(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((g): g is string => typeof g === 'string');
  if (typeof claim !== 'string') return [];
  return claim
    .replace(/^\s*\[|\]\s*$/g, '')
    .split(/[\s,]+/)
    .map((g) => g.replace(/^"|"$/g, ''))
    .filter((g) => g !== '');
}

/**
 * Supervisors, department heads and managers: they see every queue, read the reports and the
 * incidents, and the rules below let them assign, reassign, regrade and reroute.
 */
export const OVERSEER_ROLES = ['supervisor', 'department_head', 'manager'] as const satisfies readonly StaffRole[];

export function oversees(staff: Pick<StaffMember, 'role'>): boolean {
  return (OVERSEER_ROLES as readonly StaffRole[]).includes(staff.role);
}

const DECIDERS: ReadonlySet<StaffRole> = new Set(['department_head', 'manager']);

/**
 * The role rules, the same for reading and acting: a complaint belongs to the department it is
 * routed to. Managers see and act on everything. Supervisors and department heads act on their own
 * department's complaints (one without a department serves the whole company) and may assign them to
 * anyone, in any department. An agent sees their department's complaints and those they own or
 * oversee, takes only their department's, and works only on their own (first-contact ownership:
 * whoever takes it keeps it to closure; someone else's is a 409 the use case names). Only the
 * complaint's own department head, or a manager, decides on a solution that needs approval, and only
 * a supervisor or above reopens a resolved complaint, regrades or reroutes it. Anyone who works on a
 * complaint (its owner too) may escalate it by hand when blocked. A supervisor or above of the lead
 * department asks partner departments; the partner's staff read the complaint and answer, and a
 * supervisor or above on either side takes a disagreement to the manager. A legal reviewer (any
 * department's) reads, annotates and reviews the complaints whose plan needs legal review, nothing else.
 */
export function can(staff: StaffMember, action: StaffPermission, complaint: Complaint): boolean {
  // Legal review is the legal reviewers' alone (a manager's approval is not a lawyer's); they read and
  // annotate the complaints whose plan came to them, and change nothing else.
  if (action === 'legal-approve' || action === 'legal-return') return staff.role === 'legal';
  if (staff.role === 'legal')
    return (action === 'view' || action === 'note') && complaint.solution?.legal !== undefined;
  if (staff.role === 'manager') return true;
  const workOrderRule = workOrderPermission(staff, action, complaint);
  if (workOrderRule !== undefined) return workOrderRule;
  const inDepartment = staff.department === undefined || staff.department === complaint.department;
  const involved = complaint.ownerId === staff.id || complaint.overseerId === staff.id;
  // A partner department the lead asked reads the complaint and answers; the lead's other actions stay the lead's.
  // The use case checks that the request answered or disputed is this member's (shared/workflow/partners.ts).
  const partner = !inDepartment && (complaint.partnerRequests ?? []).some((r) => r.department === staff.department);
  if (action === 'answer-partner') return partner || inDepartment;
  if (action === 'request-partner') return oversees(staff) && inDepartment;
  if (action === 'dispute-partner') return oversees(staff) && (inDepartment || partner);
  if (action === 'view' && partner) return true;
  if (oversees(staff)) {
    if (action === 'approve' || action === 'reject') return DECIDERS.has(staff.role) && inDepartment;
    return inDepartment || involved;
  }
  switch (action) {
    case 'view':
      return inDepartment || involved;
    case 'assign':
      return inDepartment;
    case 'approve':
    case 'reject':
    case 'reassign':
    case 'reopen':
    case 'regrade':
    case 'reroute':
      return false;
    default:
      return complaint.ownerId === staff.id;
  }
}

const WORK_ORDER_ROLES: ReadonlySet<StaffMember['role']> = new Set(['engineer', 'warehouse']);

/**
 * After-sales work orders: engineers and warehouse staff read a complaint that has a work order and
 * complete its steps (the use case checks the step is theirs, shared/workflow/work-orders.ts); they
 * get none of the complaint's other actions. The owner and supervisors or above open work orders and
 * give steps to named engineers as they would act on the complaint. Undefined: the other rules decide.
 */
function workOrderPermission(staff: StaffMember, action: StaffPermission, c: Complaint): boolean | undefined {
  if (WORK_ORDER_ROLES.has(staff.role)) {
    return (action === 'view' || action === 'work-order-step') && (c.workOrders ?? []).length > 0;
  }
  if (action === 'work-order-step') return can(staff, 'view', c);
  if (action === 'open-work-order' || action === 'work-order-assign') {
    return staff.role === 'agent' ? c.ownerId === staff.id : can(staff, 'note', c);
  }
  return undefined;
}
