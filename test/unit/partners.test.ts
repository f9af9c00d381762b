import { describe, expect, it } from 'vitest';
import { can } from '../../shared/auth/staff.js';
import { createCalendar } from '../../shared/calendar/working-calendar.js';
import { InvalidTransitionError } from '../../shared/errors/index.js';
import type { Complaint, PartnerRequest } from '../../shared/model/complaint.js';
import type { StaffMember } from '../../shared/policy/types.js';
import { partnerEscalationMail, partnerRequestMail } from '../../shared/templates/partner-mails.js';
import { nextStatus } from '../../shared/workflow/lifecycle.js';
import {
  answeredRequest,
  duePartnerEscalations,
  escalatedRequest,
  mayAnswer,
  mayDispute,
  newPartnerRequest,
  partnerRequestState,
} from '../../shared/workflow/partners.js';
import { planNext } from '../../shared/workflow/plan.js';
import { decideOnTimer } from '../../shared/workflow/timer-decisions.js';
import { aComplaint } from '../support/complaint-factory.js';
import { policyWithDemoStaff } from '../support/staff.js';

const logisticsHead: StaffMember = {
  id: 'head.ma',
  name: 'Ma Qiang',
  email: 'head.ma@closeloop.local',
  role: 'department_head',
  department: 'supply_chain',
  locale: 'zh-CN',
};
const csSupervisor: StaffMember = {
  id: 'supervisor.qian',
  name: 'Qian Yu',
  email: 'supervisor.qian@closeloop.local',
  role: 'supervisor',
  department: 'customer_service',
  locale: 'en',
};
const policy = { ...policyWithDemoStaff, staff: [...policyWithDemoStaff.staff, logisticsHead, csSupervisor] };
const calendar = createCalendar(policy.calendar);
const staff = (id: string) => policy.staff.find((s) => s.id === id)!;
// Friday 27 November 2026, 16:00 in Shanghai.
const friday = new Date('2026-11-27T08:00:00Z');

function complaint(overrides: Partial<Complaint> = {}): Complaint {
  return aComplaint({
    status: 'in_progress',
    department: 'customer_service',
    ownerId: 'agent.li',
    firstContactAt: '2026-11-27T07:00:00.000Z',
    acknowledgedAt: '2026-11-27T06:00:00.000Z',
    receivedAt: '2026-11-27T06:00:00.000Z',
    deadlines: {
      assign: '2026-11-27T07:00:00.000Z',
      firstContact: '2026-11-30T06:00:00.000Z',
      solution: '2026-12-01T06:00:00.000Z',
      resolve: '2026-12-02T06:00:00.000Z',
    },
    ...overrides,
  });
}

const ask = (c: Complaint, actor = csSupervisor, now = friday) =>
  newPartnerRequest(c, { department: 'supply_chain', question: 'Where is the parcel?' }, actor, now, policy, calendar);

describe('departments working together', () => {
  it('gives a partner one working day to answer, counted on the working calendar', () => {
    // Asked on Friday 16:00: the weekend does not count, so the answer is due Monday 16:00.
    const request = ask(complaint());
    expect(request.dueAt).toBe('2026-11-30T08:00:00.000Z');
    expect(request).toMatchObject({ department: 'supply_chain', askedBy: 'supervisor.qian' });
  });

  it('lets a supervisor or above of the lead department ask, and no agent', () => {
    const c = complaint();
    expect(can(csSupervisor, 'request-partner', c)).toBe(true);
    expect(can(staff('supervisor.wang'), 'request-partner', c)).toBe(true);
    expect(can(staff('agent.li'), 'request-partner', c)).toBe(false);
    expect(can(logisticsHead, 'request-partner', c)).toBe(false);
  });

  it('refuses to ask the lead department itself, or a partner that still owes an answer', () => {
    const c = complaint();
    expect(() =>
      newPartnerRequest(c, { department: 'customer_service', question: 'x' }, csSupervisor, friday, policy, calendar),
    ).toThrow(InvalidTransitionError);
    const asked = complaint({ partnerRequests: [ask(c)] });
    expect(() => ask(asked)).toThrow(expect.objectContaining({ reason: 'partner_request_open' }));
  });

  it('lets the partner department read and answer, without the lead’s other actions', () => {
    const request = ask(complaint());
    const c = complaint({ partnerRequests: [request] });
    const he = staff('agent.he');
    expect(can(he, 'view', c)).toBe(true);
    expect(can(he, 'answer-partner', c) && mayAnswer(he, request)).toBe(true);
    for (const action of ['reply', 'resolve', 'note', 'assign', 'escalate', 'request-partner'] as const) {
      expect(can(he, action, c)).toBe(false);
    }
    expect(can(logisticsHead, 'reply', c)).toBe(false);
    // Another department that was never asked sees nothing.
    expect(can(staff('agent.chen'), 'view', c)).toBe(false);
    // The lead's own agent cannot answer for the partner.
    expect(mayAnswer(staff('agent.li'), request)).toBe(false);
  });

  it('lets a supervisor or above on either side take a disagreement to the manager, and no agent', () => {
    const request = ask(complaint());
    const c = complaint({ partnerRequests: [request] });
    expect(can(logisticsHead, 'dispute-partner', c) && mayDispute(logisticsHead, c, request)).toBe(true);
    expect(can(csSupervisor, 'dispute-partner', c) && mayDispute(csSupervisor, c, request)).toBe(true);
    expect(can(staff('agent.he'), 'dispute-partner', c)).toBe(false);
  });

  it('answers a request once', () => {
    const request = ask(complaint());
    const answered = answeredRequest(request, 'Lost in transit', staff('agent.he'), friday);
    expect(answered).toMatchObject({ answer: 'Lost in transit', answeredBy: 'agent.he' });
    expect(() => answeredRequest(answered, 'again', staff('agent.he'), friday)).toThrow(
      expect.objectContaining({ reason: 'partner_request_answered' }),
    );
    expect(partnerRequestState(answered, new Date('2026-12-30T00:00:00Z'))).toBe('answered');
  });

  it('keeps the complaint’s own step and clocks while a partner is asked', () => {
    const c = complaint();
    expect(nextStatus('in_progress', 'request-partner')).toBe('in_progress');
    expect(nextStatus('awaiting_customer', 'request-partner')).toBe('awaiting_customer');
    const asked = complaint({ partnerRequests: [ask(c)] });
    const before = planNext(c, friday, policy, calendar);
    const after = planNext(asked, friday, policy, calendar);
    expect(after.step).toBe(before.step);
    // Monday 14:00 (the contact deadline) comes before Monday 16:00 (the partner's): the step's deadline leads.
    expect(after.reason).toBe(before.reason);
  });

  it('wakes the workflow at the partner’s deadline when that comes first', () => {
    const request: PartnerRequest = { ...ask(complaint()), dueAt: '2026-11-27T09:00:00.000Z' };
    const plan = planNext(complaint({ partnerRequests: [request] }), friday, policy, calendar);
    expect(plan).toMatchObject({ reason: 'partner_due', wakeAt: '2026-11-27T09:00:00.000Z' });
  });

  it('escalates an unanswered request to the partner department’s head, then to the manager, then stops', () => {
    const request = ask(complaint());
    const due = new Date(request.dueAt);
    const first = decideOnTimer(complaint({ partnerRequests: [request] }), due, policy, calendar);
    expect(first.partners).toHaveLength(1);
    expect(first.escalation).toBeUndefined();
    const head = first.partners[0]!;
    expect(head).toMatchObject({ role: 'department_head', level: 2, missedDeadline: request.dueAt });
    expect(head.notify.map((s) => s.id)).toEqual(['head.ma']);
    // P3's grace: one working day more, then the common superior.
    expect(head.newDeadline).toBe('2026-12-01T08:00:00.000Z');

    const once = escalatedRequest(head);
    const later = new Date(head.newDeadline!);
    const [manager] = duePartnerEscalations(complaint({ partnerRequests: [once] }), later, policy, calendar);
    expect(manager).toMatchObject({ role: 'manager', level: 3 });
    expect(manager!.newDeadline).toBeUndefined();
    expect(manager!.notify.map((s) => s.id)).toEqual(['manager.sun']);

    const told = complaint({ partnerRequests: [escalatedRequest(manager!)] });
    expect(duePartnerEscalations(told, new Date('2027-01-01T00:00:00Z'), policy, calendar)).toEqual([]);
    expect(planNext(told, later, policy, calendar).reason).not.toBe('partner_due');
  });

  it('escalates nothing once the request is answered or the complaint resolved', () => {
    const request = ask(complaint());
    const late = new Date('2026-12-10T00:00:00Z');
    const answered = answeredRequest(request, 'Found it', staff('agent.he'), friday);
    expect(duePartnerEscalations(complaint({ partnerRequests: [answered] }), late, policy, calendar)).toEqual([]);
    const resolved = complaint({ partnerRequests: [request], resolvedAt: friday.toISOString(), status: 'resolved' });
    expect(duePartnerEscalations(resolved, late, policy, calendar)).toEqual([]);
  });

  it('keeps what staff wrote out of the mail subjects and escapes it in the body', () => {
    const c = complaint();
    const request = { ...ask(c), question: '<script>alert(1)</script> where?' };
    const base = { complaint: c, request, timezone: 'Asia/Shanghai', staffUrl: 'https://console.example/c/1' };
    const asked = partnerRequestMail({ ...base, staff: staff('agent.he'), askedByName: 'Qian Yu' });
    expect(asked.subject).not.toContain('script');
    expect(asked.html).not.toContain('<script>');
    expect(asked.html).toContain('&lt;script&gt;');
    const escalated = partnerEscalationMail({
      ...base,
      staff: logisticsHead,
      role: 'department_head',
      missedDeadline: request.dueAt,
      newDeadline: '2026-12-01T08:00:00.000Z',
    });
    expect(escalated.to).toBe('head.ma@closeloop.local');
    expect(escalated.subject).toContain(c.ticketNumber);
    expect(escalated.subject).toContain('供应链部');
  });
});
