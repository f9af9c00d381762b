import { describe, expect, it } from 'vitest';
import { can, parseGroups, requireStaff, type StaffPermission } from '../../shared/auth/staff.js';
import { ForbiddenError, InvalidTransitionError, UnauthorizedError } from '../../shared/errors/index.js';
import { errorResponse, type HttpRequest } from '../../shared/http/handler.js';
import type { StaffMember } from '../../shared/policy/types.js';
import { aComplaint } from '../support/complaint-factory.js';
import { httpEvent } from '../support/http-event.js';
import { policyWithDemoStaff } from '../support/staff.js';

const staff = (id: string) => policyWithDemoStaff.staff.find((s) => s.id === id)!;

/** A request as the HTTP API hands it over after its JWT authorizer accepted the token. */
function requestWith(claims?: Record<string, string | string[]>): HttpRequest {
  const event = httpEvent({ method: 'POST', path: '/staff/complaints/x/assign' });
  if (claims) Object.assign(event.requestContext, { authorizer: { jwt: { claims, scopes: null } } });
  return { event, locale: 'en', body: undefined, header: () => undefined, sourceIp: '127.0.0.1', requestId: 'r' };
}

describe('who is signed in', () => {
  it('knows a staff member whose groups come as the flattened string an HTTP API JWT authorizer passes on', () => {
    const member = requireStaff(
      requestWith({ 'cognito:username': 'agent.li', 'cognito:groups': '[agent]' }),
      policyWithDemoStaff,
    );
    expect(member).toEqual(staff('agent.li'));
  });

  it('knows a staff member whose groups come as an array', () => {
    const member = requireStaff(
      requestWith({ 'cognito:username': 'supervisor.wang', 'cognito:groups': ['supervisor'] }),
      policyWithDemoStaff,
    );
    expect(member.role).toBe('supervisor');
  });

  it('reads several groups, and falls back to the subject when there is no Cognito username', () => {
    const member = requireStaff(
      requestWith({ sub: 'manager.sun', 'cognito:groups': '[agent manager]' }),
      policyWithDemoStaff,
    );
    expect(member.id).toBe('manager.sun');
    expect(parseGroups('[agent supervisor]')).toEqual(['agent', 'supervisor']);
    expect(parseGroups('["agent","manager"]')).toEqual(['agent', 'manager']);
    expect(parseGroups(undefined)).toEqual([]);
  });

  it('asks a request without claims to sign in', () => {
    expect(() => requireStaff(requestWith(), policyWithDemoStaff)).toThrow(UnauthorizedError);
  });

  it('refuses someone the staff directory does not know', () => {
    expect(() =>
      requireStaff(requestWith({ 'cognito:username': 'intruder', 'cognito:groups': '[manager]' }), policyWithDemoStaff),
    ).toThrow(ForbiddenError);
  });

  it('refuses a role the directory does not give that person', () => {
    expect(() =>
      requireStaff(requestWith({ 'cognito:username': 'agent.li', 'cognito:groups': ['manager'] }), policyWithDemoStaff),
    ).toThrow(ForbiddenError);
  });
});

describe('what each role may do', () => {
  // All customer-service complaints unless said otherwise; agent.li is customer service, agent.chen quality.
  const unowned = aComplaint();
  const lis = aComplaint({ ownerId: 'agent.li' });
  const chens = aComplaint({ ownerId: 'agent.chen' });
  const finance = aComplaint({ department: 'finance', ownerId: 'agent.zhou' });
  const allowed = (id: string, action: StaffPermission, complaint = lis) => can(staff(id), action, complaint);
  const member = (role: StaffMember['role'], department?: StaffMember['department']): StaffMember => ({
    id: `${role}.${department ?? 'all'}`,
    name: 'Someone',
    email: 'someone@closeloop.local',
    role,
    ...(department ? { department } : {}),
    locale: 'en',
  });

  it('lets an agent work on their own complaint only', () => {
    expect(allowed('agent.li', 'reply', lis)).toBe(true);
    expect(allowed('agent.li', 'reply', chens)).toBe(false);
    expect(allowed('agent.li', 'note', unowned)).toBe(false);
  });

  it('lets an agent take a complaint routed to their own department, and no other', () => {
    expect(allowed('agent.li', 'assign', unowned)).toBe(true);
    expect(allowed('agent.chen', 'assign', unowned)).toBe(false);
    expect(allowed('agent.li', 'assign', aComplaint({ department: 'quality' }))).toBe(false);
    expect(allowed('agent.chen', 'assign', aComplaint({ department: 'quality' }))).toBe(true);
    expect(allowed('agent.li', 'reassign', unowned)).toBe(false);
  });

  it('lets supervisors and above act on any complaint of their department and assign it across departments', () => {
    for (const id of ['supervisor.wang', 'head.zhao', 'manager.sun']) {
      expect(allowed(id, 'resolve', chens)).toBe(true);
      expect(allowed(id, 'reassign', chens)).toBe(true);
      expect(allowed(id, 'reopen', chens)).toBe(true);
    }
    expect(allowed('agent.li', 'reopen', lis)).toBe(false);
    const qualitySupervisor = member('supervisor', 'quality');
    expect(can(qualitySupervisor, 'reassign', aComplaint({ department: 'quality' }))).toBe(true);
    expect(can(qualitySupervisor, 'reassign', finance)).toBe(false);
    expect(can(qualitySupervisor, 'resolve', finance)).toBe(false);
  });

  it('leaves approving and rejecting solutions to department heads and managers', () => {
    expect(allowed('agent.li', 'approve')).toBe(false);
    expect(allowed('supervisor.wang', 'approve')).toBe(false);
    expect(allowed('head.zhao', 'approve')).toBe(true);
    expect(allowed('manager.sun', 'reject')).toBe(true);
  });

  it('lets only the complaint’s own department head, or a manager, approve its solution', () => {
    expect(can(member('department_head', 'quality'), 'approve', finance)).toBe(false);
    expect(can(member('department_head', 'quality'), 'reject', finance)).toBe(false);
    expect(can(member('department_head', 'finance'), 'approve', finance)).toBe(true);
    expect(can(member('manager', 'quality'), 'approve', finance)).toBe(true);
  });

  it('shows an agent the complaints of their department and those they own, and nothing else', () => {
    expect(allowed('agent.li', 'view', unowned)).toBe(true);
    expect(allowed('agent.li', 'view', chens)).toBe(true);
    expect(allowed('agent.li', 'view', finance)).toBe(false);
    expect(allowed('agent.zhou', 'view', finance)).toBe(true);
    expect(allowed('agent.chen', 'view', chens)).toBe(true);
  });

  it('shows supervisors and department heads their own department, and managers everything', () => {
    expect(can(member('supervisor', 'quality'), 'view', finance)).toBe(false);
    expect(can(member('department_head', 'quality'), 'view', finance)).toBe(false);
    expect(can(member('department_head', 'finance'), 'view', finance)).toBe(true);
    expect(can(member('manager', 'quality'), 'view', finance)).toBe(true);
    expect(allowed('manager.sun', 'view', finance)).toBe(true);
  });
});

describe('refusals at the HTTP edge', () => {
  it('answers 401, 403 and 409 in the caller’s language, naming why a transition is refused', () => {
    expect(errorResponse(new UnauthorizedError(), 'en', 'r').statusCode).toBe(401);
    expect(errorResponse(new ForbiddenError(), 'en', 'r').statusCode).toBe(403);
    const conflict = errorResponse(
      new InvalidTransitionError('already_assigned', { ownerId: 'agent.chen' }),
      'zh-CN',
      'r',
    );
    expect(conflict.statusCode).toBe(409);
    expect(JSON.parse(String(conflict.body))).toMatchObject({
      error: 'invalid_transition',
      message: 'agent.chen 已接手该投诉，只有主管可以重新分派。',
    });
    const closed = JSON.parse(String(errorResponse(new InvalidTransitionError('closed'), 'en', 'r').body));
    expect(closed.message).toBe('This complaint is closed.');
  });
});
