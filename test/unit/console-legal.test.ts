import { describe, expect, it } from 'vitest';
import type { Complaint, LegalReview } from '../../shared/model/complaint.js';
import type { StaffMember } from '../../shared/policy/types.js';
import { allowedActions, renderComplaintPage } from '../../web/console/complaint-page.js';
import { viewsFor } from '../../web/console/queue-page.js';
import { aComplaint } from '../support/complaint-factory.js';
import { consoleViewFor } from '../support/console-view.js';
import { demoStaff } from '../support/staff.js';

const staff = (id: string) => demoStaff.find((s) => s.id === id)!;
const now = new Date('2026-11-24T03:00:00Z');
const HOSTILE = '<script>alert(1)</script>';

const viewFor = (member: StaffMember) => consoleViewFor(member, { now });

const review = (overrides: Partial<LegalReview> = {}): LegalReview => ({
  state: 'pending',
  requestedAt: '2026-11-24T02:00:00.000Z',
  dueAt: '2026-11-25T02:00:00.000Z',
  ...overrides,
});

const proposed = (legal: LegalReview): Complaint =>
  aComplaint({
    grade: 'P1',
    department: 'customer_service',
    status: 'solution_proposed',
    ownerId: 'agent.li',
    firstContactAt: '2026-11-24T01:00:00Z',
    deadlines: {
      assign: '2026-11-24T01:15:00.000Z',
      firstContact: '2026-11-24T02:00:00.000Z',
      solution: '2026-11-24T03:00:00.000Z',
      resolve: '2026-11-25T01:00:00.000Z',
      compensationPlan: '2026-11-26T01:00:00.000Z',
    },
    solution: {
      summary: 'Full refund',
      remedy: 'refund',
      proposedAt: '2026-11-24T02:00:00.000Z',
      proposedBy: 'agent.li',
      approval: 'pending',
      approvalReason: 'P1',
      legal,
    },
  });

describe('the legal review on the console', () => {
  it('offers a legal reviewer the pass and return forms, and the head no approval until legal has passed it', () => {
    const c = proposed(review());
    expect(allowedActions(viewFor(staff('legal.qian')), c)).toEqual(['note', 'legal-approve', 'legal-return']);
    expect(allowedActions(viewFor(staff('head.zhao')), c)).not.toContain('approve');
    expect(allowedActions(viewFor(staff('head.zhao')), proposed(review({ state: 'approved' })))).toContain('approve');
  });

  it('shows the review’s state, due time, reviewer and escaped note, and the compensation plan deadline', () => {
    const page = renderComplaintPage(viewFor(staff('agent.li')), {
      complaint: proposed(
        review({ state: 'returned', reviewerId: 'legal.qian', decidedAt: now.toISOString(), note: HOSTILE }),
      ),
      timeline: [],
      mailThread: [],
      clocks: [],
    });
    expect(page).toContain('id="legal-review"');
    expect(page).toContain('Returned by legal');
    expect(page).toContain('Qian Yu');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain(HOSTILE);
    expect(page).toContain('Compensation plan due');
  });

  it('gives a legal reviewer the queue of reviews waiting for legal', () => {
    expect(viewsFor(viewFor(staff('legal.qian')))).toEqual(['legal']);
  });
});
