import { randomUUID } from 'node:crypto';
import { addDuration } from '../calendar/deadlines.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { InvalidTransitionError, ValidationError } from '../errors/index.js';
import {
  type Complaint,
  type Department,
  ESCALATION_LADDER,
  type EscalationRole,
  type PartnerRequest,
} from '../model/complaint.js';
import type { Policy, StaffMember } from '../policy/types.js';
import { staffOnRung } from './timer-decisions.js';

/**
 * Departments working together (000: the supervisor names the lead department, partners cooperate;
 * 001: a partner answers within 24 h, a disagreement goes to the common superior; 002: a blocked
 * partner is taken to its superior). The lead is the complaint's `department`; each question to a
 * partner is a PartnerRequest with its own clock. The complaint's own deadlines never wait for it.
 */

/** The rungs an unanswered request climbs: the partner department's head at its deadline, then the manager. */
const PARTNER_LADDER: readonly EscalationRole[] = ['department_head', 'manager'];
const rungIndex = (role: EscalationRole) => ESCALATION_LADDER.indexOf(role);

export const isOpenRequest = (r: PartnerRequest): boolean => r.answeredAt === undefined;

/** The requests still waiting for an answer, soonest due first. */
export function openPartnerRequests(c: Complaint): PartnerRequest[] {
  return (c.partnerRequests ?? []).filter(isOpenRequest).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

/** Whether the member of staff belongs to a department the lead has asked (answered or not). */
export function isPartnerStaff(staff: StaffMember, c: Complaint): boolean {
  return (
    staff.department !== undefined &&
    staff.department !== c.department &&
    (c.partnerRequests ?? []).some((r) => r.department === staff.department)
  );
}

/** When the request next needs someone told: its deadline, then the escalated one; none once the manager knows. */
export function partnerDeadline(r: PartnerRequest): string | undefined {
  if (!isOpenRequest(r)) return undefined;
  return r.escalation ? r.escalation.deadline : r.dueAt;
}

/** The earliest moment an open request of an unresolved complaint needs the workflow. */
export function nextPartnerDeadline(c: Complaint): Date | undefined {
  if (c.resolvedAt || c.status === 'closed') return undefined;
  const due = (c.partnerRequests ?? [])
    .map(partnerDeadline)
    .filter((at): at is string => at !== undefined)
    .sort();
  return due[0] === undefined ? undefined : new Date(due[0]);
}

/** A new request to a partner department; refused for the lead itself and while that partner owes an earlier answer. */
export function newPartnerRequest(
  c: Complaint,
  input: { department: Department; question: string; reason?: string },
  actor: StaffMember,
  now: Date,
  policy: Policy,
  calendar: WorkingCalendar,
): PartnerRequest {
  if (input.department === c.department) {
    throw new InvalidTransitionError('same_department', { department: c.department });
  }
  if (openPartnerRequests(c).some((r) => r.department === input.department)) {
    throw new InvalidTransitionError('partner_request_open', { department: input.department });
  }
  return {
    id: randomUUID(),
    department: input.department,
    question: input.question,
    ...(input.reason ? { reason: input.reason } : {}),
    askedBy: actor.id,
    askedAt: now.toISOString(),
    dueAt: addDuration(now, policy.workflow.partnerAnswerWithin, calendar).toISOString(),
  };
}

/** The request a partner answers or disputes, by id; an unknown id is a 400 on the field. */
export function findPartnerRequest(c: Complaint, requestId: string): PartnerRequest {
  const request = (c.partnerRequests ?? []).find((r) => r.id === requestId);
  if (!request) throw new ValidationError({ requestId: { code: 'unknown_request' } });
  return request;
}

/**
 * Who answers: staff of the asked department (agent, supervisor or head), or a manager. The lead's
 * own staff cannot answer for the partner.
 */
export function mayAnswer(staff: StaffMember, r: PartnerRequest): boolean {
  return staff.role === 'manager' || staff.department === r.department;
}

/** Who may take a disagreement to the common superior: a supervisor or above on either side. */
export function mayDispute(staff: StaffMember, c: Complaint, r: PartnerRequest): boolean {
  if (staff.role === 'manager') return true;
  if (staff.role === 'agent') return false;
  return staff.department === undefined || staff.department === c.department || staff.department === r.department;
}

export function answeredRequest(r: PartnerRequest, answer: string, actor: StaffMember, now: Date): PartnerRequest {
  if (!isOpenRequest(r)) throw new InvalidTransitionError('partner_request_answered');
  return { ...r, answer, answeredBy: actor.id, answeredAt: now.toISOString() };
}

export const replaceRequest = (c: Complaint, next: PartnerRequest): PartnerRequest[] =>
  (c.partnerRequests ?? []).map((r) => (r.id === next.id ? next : r));

/** The common superior of two departments: the company's managers. */
export const commonSuperiors = (policy: Policy): StaffMember[] => policy.staff.filter((s) => s.role === 'manager');

/** Who hears that a partner department was asked: its agents and supervisors (its contact people, 001). */
export function partnerAudience(r: PartnerRequest, c: Complaint, policy: Policy): StaffMember[] {
  const agents = policy.staff.filter((s) => s.role === 'agent' && s.department === r.department);
  const supervisors = staffOnRung({ ...c, department: r.department }, 'supervisor', policy);
  return [...new Map([...agents, ...supervisors].map((s) => [s.id, s])).values()];
}

export interface PartnerEscalation {
  request: PartnerRequest;
  missedDeadline: string;
  level: number;
  role: EscalationRole;
  /** The next look, after the grade's grace; none once the manager, the top, has been told. */
  newDeadline?: string;
  notify: StaffMember[];
}

/**
 * Pure: the requests whose deadline has passed, each one rung higher on the partner's ladder: its
 * department head first (001's 24 h, then "escalate to the superior", 002), then the manager, the
 * common superior, who is told once. The request is written with its new rung, so a retried timer
 * finds nothing due.
 */
export function duePartnerEscalations(
  c: Complaint,
  now: Date,
  policy: Policy,
  calendar: WorkingCalendar,
): PartnerEscalation[] {
  if (c.resolvedAt || c.status === 'closed') return [];
  const escalations: PartnerEscalation[] = [];
  for (const request of c.partnerRequests ?? []) {
    const missed = partnerDeadline(request);
    if (missed === undefined || new Date(missed).getTime() > now.getTime()) continue;
    const rung = request.escalation ? PARTNER_LADDER.indexOf(ESCALATION_LADDER[request.escalation.level]!) + 1 : 0;
    const role = PARTNER_LADDER[Math.min(rung, PARTNER_LADDER.length - 1)]!;
    const top = rung >= PARTNER_LADDER.length - 1;
    escalations.push({
      request,
      missedDeadline: missed,
      level: rungIndex(role),
      role,
      ...(top
        ? {}
        : { newDeadline: addDuration(now, policy.workflow.escalationGrace[c.grade], calendar).toISOString() }),
      notify: staffOnRung({ ...c, department: request.department }, role, policy),
    });
  }
  return escalations;
}

/** The request as written once escalated. */
export function escalatedRequest(e: PartnerEscalation): PartnerRequest {
  return { ...e.request, escalation: { level: e.level, ...(e.newDeadline ? { deadline: e.newDeadline } : {}) } };
}

/** How a request stands for the people waiting on it. */
export type PartnerRequestState = 'answered' | 'overdue' | 'open';

export function partnerRequestState(r: PartnerRequest, now: Date): PartnerRequestState {
  if (!isOpenRequest(r)) return 'answered';
  return new Date(r.dueAt).getTime() < now.getTime() ? 'overdue' : 'open';
}
