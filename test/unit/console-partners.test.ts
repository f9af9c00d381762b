import { describe, expect, it } from 'vitest';
import type { Complaint, PartnerRequest } from '../../shared/model/complaint.js';
import type { StaffMember } from '../../shared/policy/types.js';
import { queueItem } from '../../shared/usecases/staff-queues.js';
import { actionBody, allowedActions, renderComplaintPage } from '../../web/console/complaint-page.js';
import { renderQueuePage } from '../../web/console/queue-page.js';
import { aComplaint } from '../support/complaint-factory.js';
import { consoleViewFor } from '../support/console-view.js';
import { demoStaff } from '../support/staff.js';

const staff = (id: string) => demoStaff.find((s) => s.id === id)!;
const now = new Date('2026-11-24T03:00:00Z');
const HOSTILE = '<script>alert(1)</script>';

const viewFor = (member: StaffMember) => consoleViewFor(member, { now });

const request = (overrides: Partial<PartnerRequest> = {}): PartnerRequest => ({
  id: 'req-1',
  department: 'supply_chain',
  question: `Where is the parcel? ${HOSTILE}`,
  askedBy: 'supervisor.wang',
  askedAt: '2026-11-23T02:00:00.000Z',
  dueAt: '2026-11-24T02:00:00.000Z',
  ...overrides,
});

const asked = (overrides: Partial<Complaint> = {}) =>
  aComplaint({
    department: 'customer_service',
    status: 'in_progress',
    ownerId: 'agent.li',
    firstContactAt: '2026-11-23T02:00:00Z',
    partnerRequests: [request()],
    ...overrides,
  });

const pageOf = (member: StaffMember, c: Complaint) =>
  renderComplaintPage(viewFor(member), { complaint: c, timeline: [], mailThread: [], clocks: [] });

describe('the console for departments working together', () => {
  it('shows the partner’s agent the question, that the answer is overdue, and the answer form, with no other action', () => {
    const c = asked();
    expect(allowedActions({ staff: staff('agent.he') }, c)).toEqual([]);
    const page = pageOf(staff('agent.he'), c);
    expect(page).toContain('id="partners"');
    expect(page).toContain('Answer overdue');
    expect(page).toContain(`action="/console/complaints/${c.ticketNumber}/answer-partner"`);
    expect(page).toContain('name="requestId" value="req-1"');
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('&lt;script&gt;');
  });

  it('shows the lead’s owner what is owed without an answer form, and the supervisor the form to ask', () => {
    const c = asked();
    const owner = pageOf(staff('agent.li'), c);
    expect(owner).toContain('Answer overdue');
    expect(owner).not.toContain('/answer-partner"');
    expect(allowedActions({ staff: staff('supervisor.wang') }, c)).toContain('request-partner');
    expect(pageOf(staff('supervisor.wang'), c)).toContain('id="action-request-partner"');
  });

  it('shows an answer with who gave it, and no form any more', () => {
    const c = asked({
      partnerRequests: [
        request({ answer: 'Lost; a new one ships today.', answeredBy: 'agent.he', answeredAt: now.toISOString() }),
      ],
    });
    const page = pageOf(staff('agent.li'), c);
    expect(page).toContain('Lost; a new one ships today.');
    expect(page).toContain('Answered by He Jun');
    expect(pageOf(staff('agent.he'), c)).not.toContain('/answer-partner"');
  });

  it('posts the request form as the action’s body, leaving an empty reason out', () => {
    expect(
      actionBody('request-partner', { department: 'finance', question: 'Refund?', reason: ' ', csrf: 'x' }),
    ).toEqual({ department: 'finance', question: 'Refund?' });
    expect(actionBody('answer-partner', { requestId: 'req-1', answer: 'Yes' })).toEqual({
      requestId: 'req-1',
      answer: 'Yes',
    });
  });

  it('lists requests to my department with when the answer is due', () => {
    const c = asked();
    const item = {
      ...queueItem(c),
      partnerRequest: { id: 'req-1', department: 'supply_chain' as const, dueAt: request().dueAt, overdue: true },
    };
    const page = renderQueuePage(viewFor(staff('agent.he')), 'requests', {}, { items: [item] }, undefined);
    expect(page).toContain('Requests to my department');
    expect(page).toContain('Answer due');
    expect(page).toContain(`datetime="${request().dueAt}"`);
  });
});
