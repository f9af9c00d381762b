import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../shared/calendar/working-calendar.js';
import type { Complaint } from '../../shared/model/complaint.js';
import type { StaffMember } from '../../shared/policy/types.js';
import { newWorkOrder } from '../../shared/workflow/work-orders.js';
import { actionBody, allowedActions, renderComplaintPage } from '../../web/console/complaint-page.js';
import { viewsFor } from '../../web/console/queue-page.js';
import { aComplaint } from '../support/complaint-factory.js';
import { consoleViewFor } from '../support/console-view.js';
import { demoMember, policyWithDemoStaff as policy } from '../support/staff.js';

const now = new Date('2026-11-24T03:00:00Z');
const HOSTILE = '<script>alert(1)</script>';

const viewFor = (member: StaffMember) => consoleViewFor(member, { now });

function withRepair(overrides: Partial<Complaint> = {}): Complaint {
  const base = aComplaint({
    department: 'customer_service',
    status: 'solution_proposed',
    ownerId: 'agent.li',
    firstContactAt: '2026-11-23T02:00:00Z',
    solution: {
      summary: 'Repair',
      proposedAt: '2026-11-23T03:00:00Z',
      proposedBy: 'agent.li',
      approval: 'not_required',
    },
    ...overrides,
  });
  const w = newWorkOrder(
    base,
    { kind: 'repair', note: HOSTILE },
    demoMember('agent.li'),
    now,
    policy,
    createCalendar(policy.calendar),
  );
  return { ...base, workOrders: [w] };
}

const pageOf = (member: StaffMember, c: Complaint) =>
  renderComplaintPage(viewFor(member), { complaint: c, timeline: [], mailThread: [], clocks: [] });

describe('the console for after-sales work orders', () => {
  it('shows the engineer the work order and the form for the diagnosis, and none of the lead’s actions', () => {
    const c = withRepair();
    expect(allowedActions({ staff: demoMember('engineer.liu') }, c)).toEqual([]);
    const page = pageOf(demoMember('engineer.liu'), c);
    expect(page).toContain('id="work-orders"');
    expect(page).toContain(`action="/console/complaints/${encodeURIComponent(c.ticketNumber)}/work-order-step"`);
    expect(page).toContain('value="diagnosis"');
    expect(page).not.toContain(HOSTILE);
    expect(page).toContain('&lt;script&gt;');
  });

  it('gives the warehouse no form until the parts step is current', () => {
    const page = pageOf(demoMember('warehouse.ma'), withRepair());
    expect(page).toContain('id="work-orders"');
    expect(page).not.toContain('/work-order-step"');
  });

  it('offers the owner the form to open a work order once a solution exists', () => {
    const page = pageOf(demoMember('agent.li'), { ...withRepair(), workOrders: [] });
    expect(page).toContain('/open-work-order"');
    const noSolution = pageOf(demoMember('agent.li'), { ...withRepair(), workOrders: [], solution: undefined });
    expect(noSolution).not.toContain('/open-work-order"');
  });

  it('posts the remote checkbox as true and the evidence as one entry a line', () => {
    expect(actionBody('open-work-order', { kind: 'repair', remote: 'yes' })).toEqual({ kind: 'repair', remote: true });
    expect(actionBody('work-order-step', { workOrderId: 'w', step: 'parts', evidence: 'SF1\n SF2 \n' })).toEqual({
      workOrderId: 'w',
      step: 'parts',
      evidence: ['SF1', 'SF2'],
    });
  });

  it('gives engineers and warehouse staff the work-orders queue only', () => {
    expect(viewsFor(viewFor(demoMember('engineer.liu')))).toEqual(['work-orders']);
    expect(viewsFor(viewFor(demoMember('agent.li')))).toContain('work-orders');
  });
});
