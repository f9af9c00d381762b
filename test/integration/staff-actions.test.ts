import { describe, expect, it } from 'vitest';
import type { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import { STAFF_ACTIONS, type StaffActionName } from '../../shared/auth/staff.js';
import { computeDeadlines } from '../../shared/calendar/deadlines.js';
import {
  BadRequestError,
  ConcurrentUpdateError,
  ForbiddenError,
  InvalidTransitionError,
  NotFoundError,
  ValidationError,
} from '../../shared/errors/index.js';
import { errorResponse } from '../../shared/http/handler.js';
import { STATUSES } from '../../shared/model/complaint.js';
import { timelineEvent } from '../../shared/model/events.js';
import { performStaffAction, viewStaffComplaint } from '../../shared/usecases/staff-actions.js';
import { LIFECYCLE } from '../../shared/workflow/lifecycle.js';
import { currentStep, planNext } from '../../shared/workflow/plan.js';
import { calendar, minutes, policy, staff, staffActionHarness } from '../support/staff-action-harness.js';

describe('staff actions', () => {
  const h = staffActionHarness('staff-actions');
  const {
    given,
    minutesAgo,
    owned,
    contacted,
    withSolution,
    resolved,
    act,
    expectWokenOnceFromStored,
    expectUnchanged,
    types,
  } = h;

  describe('role rules', () => {
    it('does not let an agent approve a solution', async () => {
      const complaint = await given({ ...withSolution('pending'), grade: 'P1' });
      await expect(act('agent.li', complaint, 'approve')).rejects.toBeInstanceOf(ForbiddenError);
      await expectUnchanged(complaint);
    });

    it('does not let an agent act on a complaint someone else owns', async () => {
      const complaint = await given(owned('agent.chen'));
      await expect(act('agent.li', complaint, 'contact', { channel: 'phone', note: 'Called' })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      await expect(act('agent.li', complaint, 'note', { text: 'Mine now?' })).rejects.toBeInstanceOf(ForbiddenError);
      await expectUnchanged(complaint);
    });

    it('does not let an agent hand a complaint to someone else', async () => {
      const complaint = await given();
      await expect(act('agent.li', complaint, 'assign', { ownerId: 'agent.chen' })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    });

    it('lets a supervisor reassign an owned complaint, and tells the new owner', async () => {
      const complaint = await given(contacted('agent.li'));
      const { complaint: written } = await act('supervisor.wang', complaint, 'assign', { ownerId: 'agent.chen' });
      expect(written.ownerId).toBe('agent.chen');
      expect(written.assignedAt).toBe(complaint.assignedAt);
      expect(written.status).toBe('in_progress');
      const [assigned] = await h.store.listTimeline(complaint.id);
      expect(assigned).toMatchObject({
        type: 'assigned',
        actor: 'supervisor.wang',
        data: { ownerId: 'agent.chen', previousOwnerId: 'agent.li' },
      });
      const [told] = h.mailer.to(staff('agent.chen').email);
      expect(told?.text).toContain(`http://localhost:3000/console/complaints/${complaint.ticketNumber}`);
      expect(told?.html).not.toContain('/staff/complaints/');
      await expectWokenOnceFromStored(complaint);
    });

    it('refuses an assignee who is not in the staff directory', async () => {
      const complaint = await given();
      await expect(act('supervisor.wang', complaint, 'assign', { ownerId: 'nobody' })).rejects.toBeInstanceOf(
        ValidationError,
      );
    });

    it('shows a complaint and its whole timeline to an agent of its department, not only its owner', async () => {
      const complaint = await given(owned('agent.li'));
      await act('agent.li', complaint, 'note', { text: 'Customer prefers calls after 6pm' });
      const view = await viewStaffComplaint(h.deps, complaint.id, staff('agent.li'));
      expect(view.complaint.id).toBe(complaint.id);
      expect(view.timeline.map((e) => e.type)).toEqual(['note_added']);
      const finance = await given({ ...owned('agent.zhou'), department: 'finance' });
      expect((await viewStaffComplaint(h.deps, finance.id, staff('agent.jones'))).complaint.id).toBe(finance.id);
    });

    it('does not show a complaint, with the customer’s email and phone, to staff of another department', async () => {
      const finance = await given({
        ...owned('agent.zhou'),
        department: 'finance',
        customer: {
          name: 'Li Wei',
          email: 'li.wei@example.com',
          phone: '+8613800000000',
          tier: 'standard',
          locale: 'zh-CN',
        },
      });
      for (const outsider of ['agent.li', 'agent.chen', 'head.qian']) {
        await expect(viewStaffComplaint(h.deps, finance.id, staff(outsider))).rejects.toBeInstanceOf(ForbiddenError);
      }
    });

    it('shows a manager every complaint, whatever its department', async () => {
      const finance = await given({ department: 'finance' });
      expect((await viewStaffComplaint(h.deps, finance.id, staff('manager.sun'))).complaint.id).toBe(finance.id);
    });

    it('does not let an agent take a complaint routed to another department', async () => {
      const finance = await given({ department: 'finance' });
      await expect(act('agent.li', finance, 'assign')).rejects.toBeInstanceOf(ForbiddenError);
      await expectUnchanged(finance);
      // So the department's own agent still takes it, without waiting for a supervisor.
      const { complaint: written } = await act('agent.zhou', finance, 'assign');
      expect(written.ownerId).toBe('agent.zhou');
    });

    it('lets a supervisor assign a complaint across departments', async () => {
      const finance = await given({ department: 'finance' });
      const { complaint: written } = await act('supervisor.wang', finance, 'assign', { ownerId: 'agent.chen' });
      expect(written.ownerId).toBe('agent.chen');
      // Its new owner may now see and work on it, though it is not their department's.
      expect((await viewStaffComplaint(h.deps, finance.id, staff('agent.chen'))).complaint.ownerId).toBe('agent.chen');
      await act('agent.chen', finance, 'note', { text: 'Checked the invoice' });
    });

    it('lets only the complaint’s own department head approve its solution', async () => {
      const complaint = await given({ ...withSolution('pending'), department: 'finance' });
      await expect(act('head.qian', complaint, 'approve', { note: 'Fine' })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(act('head.qian', complaint, 'reject', { note: 'No' })).rejects.toBeInstanceOf(ForbiddenError);
      await expectUnchanged(complaint);
      const { complaint: written } = await act('head.feng', complaint, 'approve', { note: 'Fine' });
      expect(written.solution).toMatchObject({ approval: 'approved', decidedBy: 'head.feng' });
    });

    it('lets a manager approve a solution of any department', async () => {
      const complaint = await given({ ...withSolution('pending'), department: 'quality' });
      const { complaint: written } = await act('manager.sun', complaint, 'approve', {});
      expect(written.solution).toMatchObject({ approval: 'approved', decidedBy: 'manager.sun' });
    });
  });

  describe('assign', () => {
    it('gives an unowned complaint to the agent who takes it, and moves the workflow to first contact', async () => {
      const complaint = await given();
      const { complaint: written } = await act('agent.li', complaint, 'assign');
      expect(written).toMatchObject({ ownerId: 'agent.li', assignedAt: h.now.toISOString(), status: 'assigned' });
      expect(written.stepTimes).toEqual({
        await_owner: { startedAt: complaint.receivedAt, endedAt: h.now.toISOString() },
        await_contact: { startedAt: h.now.toISOString() },
      });
      expect(written.nextDeadlineAt).toBe(complaint.deadlines.firstContact);
      expect(await types(complaint)).toEqual(['assigned']);
      const stored = await expectWokenOnceFromStored(complaint);
      expect(planNext(stored, h.now, policy, calendar).step).toBe('await_contact');
    });

    it('refuses to assign a complaint to the person who already owns it', async () => {
      const complaint = await given(owned('agent.li'));
      await expect(act('agent.li', complaint, 'assign')).rejects.toMatchObject({ reason: 'already_owner' });
      await expectUnchanged(complaint);
    });

    it('gives a complaint two agents take at the same moment to exactly one of them', async () => {
      const complaint = await given({ department: 'finance' });
      const outcomes = await Promise.allSettled([
        act('agent.zhou', complaint, 'assign'),
        act('agent.jones', complaint, 'assign'),
      ]);
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.reason).toBeInstanceOf(InvalidTransitionError);
      expect(lost[0]!.reason).toMatchObject({ statusCode: 409, reason: 'already_assigned' });
      const stored = (await h.store.getComplaint(complaint.id))!;
      expect(['agent.zhou', 'agent.jones']).toContain(stored.ownerId);
      expect(stored.version).toBe(complaint.version + 1);
      expect(await types(complaint)).toEqual(['assigned']);
    });

    it('keeps both a note and an assignment made at the same moment', async () => {
      const complaint = await given();
      await Promise.all([
        act('supervisor.wang', complaint, 'note', { text: 'VIP in all but name' }),
        act('supervisor.wang', complaint, 'assign', { ownerId: 'agent.li' }),
      ]);
      expect((await h.store.getComplaint(complaint.id))?.ownerId).toBe('agent.li');
      expect((await types(complaint)).sort()).toEqual(['assigned', 'note_added']);
    });

    it('lands two concurrent reassignments one after the other, without losing either event', async () => {
      const complaint = await given(owned('agent.li'));
      await Promise.all([
        act('supervisor.wang', complaint, 'assign', { ownerId: 'agent.chen' }),
        act('manager.sun', complaint, 'assign', { ownerId: 'agent.smith' }),
      ]);
      const stored = (await h.store.getComplaint(complaint.id))!;
      expect(stored.version).toBe(complaint.version + 2);
      expect(await types(complaint)).toEqual(['assigned', 'assigned']);
    });
  });

  describe('If-Match', () => {
    it('applies a change made on the current version', async () => {
      const complaint = await given();
      const { complaint: written } = await act('agent.li', complaint, 'assign', {}, `"${complaint.version}"`);
      expect(written.version).toBe(complaint.version + 1);
    });

    it('refuses a change made on a stale version, with nothing written and nobody woken', async () => {
      const complaint = await given();
      await act('supervisor.wang', complaint, 'note', { text: 'first' });
      await act('agent.li', complaint, 'assign');
      await expect(
        act('supervisor.wang', complaint, 'assign', { ownerId: 'agent.chen' }, `"${complaint.version}"`),
      ).rejects.toBeInstanceOf(ConcurrentUpdateError);
      expect((await h.store.getComplaint(complaint.id))?.ownerId).toBe('agent.li');
      expect(h.workflow.signals).toHaveLength(1);
    });

    it('refuses an If-Match that is not a version', async () => {
      const complaint = await given();
      await expect(act('agent.li', complaint, 'assign', {}, 'yesterday')).rejects.toBeInstanceOf(BadRequestError);
    });
  });

  describe('contact', () => {
    it('records the first contact, restarts the 24-hour clock and puts the complaint in progress', async () => {
      const complaint = await given(owned());
      const { complaint: written } = await act('agent.li', complaint, 'contact', {
        channel: 'phone',
        note: 'Called; kettle photos coming',
      });
      expect(written).toMatchObject({
        firstContactAt: h.now.toISOString(),
        lastCustomerUpdateAt: h.now.toISOString(),
        status: 'in_progress',
      });
      const [event] = await h.store.listTimeline(complaint.id);
      expect(event).toMatchObject({
        type: 'customer_contacted',
        actor: 'agent.li',
        data: { channel: 'phone', note: 'Called; kettle photos coming' },
      });
      const stored = await expectWokenOnceFromStored(complaint);
      expect(planNext(stored, h.now, policy, calendar).step).toBe('await_solution');
    });

    it('keeps the first contact time when the owner calls again', async () => {
      const complaint = await given(contacted());
      const { complaint: written } = await act('agent.li', complaint, 'contact', { channel: 'email', note: 'again' });
      expect(written.firstContactAt).toBe(complaint.firstContactAt);
      expect(written.lastCustomerUpdateAt).toBe(h.now.toISOString());
    });

    it('refuses a contact on a complaint nobody owns yet', async () => {
      const complaint = await given();
      await expect(act('supervisor.wang', complaint, 'contact', { channel: 'phone', note: 'x' })).rejects.toMatchObject(
        { statusCode: 409, reason: 'not_in_status', params: { status: 'acknowledged' } },
      );
      await expectUnchanged(complaint);
    });

    it('refuses a channel it does not know', async () => {
      const complaint = await given(owned());
      await expect(act('agent.li', complaint, 'contact', { channel: 'pigeon', note: 'x' })).rejects.toBeInstanceOf(
        ValidationError,
      );
    });
  });

  describe('note', () => {
    it('adds the note to the timeline without changing the complaint or waking the workflow', async () => {
      const complaint = await given(owned());
      await act('agent.li', complaint, 'note', { text: 'Customer is a repeat buyer' });
      expect((await h.store.getComplaint(complaint.id))?.version).toBe(complaint.version);
      expect(await h.store.listTimeline(complaint.id)).toMatchObject([
        { type: 'note_added', actor: 'agent.li', data: { text: 'Customer is a repeat buyer' } },
      ]);
      expect(h.workflow.signals).toEqual([]);
    });
  });

  describe('reply', () => {
    it('mails the owner’s words to the customer, then records it as first contact and progress', async () => {
      const complaint = await given(owned());
      const { complaint: written } = await act('agent.li', complaint, 'reply', {
        message: 'We are sending a courier tomorrow <b>morning</b>.',
      });
      const [mail] = h.mailer.to(complaint.customer.email!);
      expect(mail?.text).toContain('We are sending a courier tomorrow <b>morning</b>.');
      expect(mail?.html).toContain('&lt;b&gt;morning&lt;/b&gt;');
      expect(mail?.text).toMatch(/http:\/\/localhost:3000\/status\//);
      expect(written).toMatchObject({
        firstContactAt: h.now.toISOString(),
        lastCustomerUpdateAt: h.now.toISOString(),
        status: 'in_progress',
      });
      const [event] = await h.store.listTimeline(complaint.id);
      expect(event).toMatchObject({ type: 'progress_sent', data: { automatic: false, messageId: mail?.messageId } });
      await expectWokenOnceFromStored(complaint);
    });

    it('records which letter the reply started from, and refuses a letter it does not know', async () => {
      const complaint = await given(owned());
      await act('agent.li', complaint, 'reply', { message: '尊敬的客户：……', letter: 'apology' });
      const [event] = await h.store.listTimeline(complaint.id);
      expect(event).toMatchObject({ type: 'progress_sent', data: { automatic: false, letter: 'apology' } });
      await expect(act('agent.li', complaint, 'reply', { message: 'Hello', letter: 'threat' })).rejects.toBeInstanceOf(
        ValidationError,
      );
    });

    it('records nothing when the mail cannot be sent, so the owner can simply try again', async () => {
      const complaint = await given(owned());
      h.mailer.failing = true;
      const failure = await act('agent.li', complaint, 'reply', { message: 'Update' }).catch((error: unknown) => error);
      expect(errorResponse(failure, 'en', 'req-1').statusCode).toBe(500);
      await expectUnchanged(complaint);
      h.mailer.failing = false;
      await act('agent.li', complaint, 'reply', { message: 'Update' });
      expect(await types(complaint)).toEqual(['progress_sent']);
    });

    it('refuses to reply by mail to a customer who left only a phone number', async () => {
      const complaint = await given({
        ...owned(),
        customer: { phone: '+86 138 0000 0000', tier: 'standard', locale: 'zh-CN' },
      });
      await expect(act('agent.li', complaint, 'reply', { message: 'Hello' })).rejects.toMatchObject({
        reason: 'no_customer_email',
      });
    });
  });

  describe('propose', () => {
    it('needs no approval for an ordinary solution within the amount limit: the customer is offered it at once', async () => {
      const complaint = await given(contacted());
      const { complaint: written } = await act('agent.li', complaint, 'propose', {
        summary: 'Refund the delivery fee',
        remedy: 'refund',
        amount: 30,
      });
      expect(written.status).toBe('solution_proposed');
      expect(written.solution).toMatchObject({ approval: 'not_required', proposedBy: 'agent.li', amount: 30 });
      expect(h.mailer.sent.map((m) => [m.to, m.tags?.kind])).toEqual([[complaint.customer.email, 'solution_offer']]);
      expect(await types(complaint)).toEqual(['solution_proposed', 'solution_offered']);
      const stored = await expectWokenOnceFromStored(complaint);
      // Carried out only once the customer accepts (003 步骤3, 004 3.2.3).
      expect(planNext(stored, h.now, policy, calendar).step).toBe('await_acceptance');
      await h.accept(stored);
      const accepted = (await h.store.getComplaint(complaint.id))!;
      expect(planNext(accepted, h.now, policy, calendar).step).toBe('await_resolution');
    });

    it('sends a remedy above the amount limit to a department head for approval', async () => {
      const complaint = await given(contacted());
      const { complaint: written } = await act('agent.li', complaint, 'propose', {
        summary: 'Compensate for the ruined dinner',
        remedy: 'compensation',
        amount: 1500,
      });
      // 1500 is also above the grade's standard voucher (shared/policy/remedies.ts: P3 compensation up to 50).
      expect(written.solution).toMatchObject({
        approval: 'pending',
        approvalReason: 'amount above 1000; amount above the grade standard of 50',
      });
      expect(written.solution?.legalReview).toBeUndefined();
      expect(h.mailer.sent.map((m) => m.to)).toEqual([staff('head.zhao').email]);
      // What the approver is told happens next is what the default policy does (issue 10).
      expect(h.mailer.sent[0]?.text).toContain('经您批准后，方案将告知客户并请其确认。');
      expect(h.mailer.to(complaint.customer.email!)).toEqual([]);
      const stored = await expectWokenOnceFromStored(complaint);
      expect(planNext(stored, h.now, policy, calendar).step).toBe('await_approval');
    });

    it('sends a P1 solution to legal review first, and tells the approvers only once legal passes it', async () => {
      const complaint = await given({ ...contacted(), grade: 'P1' });
      const { complaint: written } = await act('agent.li', complaint, 'propose', {
        summary: 'Recall the heater batch and replace the unit',
        remedy: 'replacement',
      });
      expect(written.solution).toMatchObject({
        approval: 'pending',
        approvalReason: 'P1',
        legal: { state: 'pending' },
      });
      const timeline = await h.store.listTimeline(complaint.id);
      expect(timeline.map((e) => e.type)).toEqual(['solution_proposed', 'legal_review_requested']);
      expect(timeline[1]?.data).toEqual({ dueAt: written.solution?.legal?.dueAt, reviewers: ['legal.qian'] });
      expect(h.mailer.sent.map((m) => [m.to, m.tags?.kind])).toEqual([
        [staff('legal.qian').email, 'legal_review_request'],
      ]);
      expect(h.mailer.sent[0]?.text).toContain(`http://localhost:3000/console/complaints/${complaint.ticketNumber}`);
      const stored = await expectWokenOnceFromStored(complaint);
      expect(planNext(stored, h.now, policy, calendar).step).toBe('await_legal');

      await expect(act('head.zhao', stored, 'approve', {})).rejects.toMatchObject({ reason: 'legal_review_pending' });
      await expect(act('manager.sun', stored, 'legal-approve', {})).rejects.toMatchObject({ statusCode: 403 });
      h.mailer.sent.length = 0;
      const { complaint: passed } = await act('legal.qian', stored, 'legal-approve', { note: 'Wording checked' });
      expect(passed.solution?.legal).toMatchObject({
        state: 'approved',
        reviewerId: 'legal.qian',
        note: 'Wording checked',
      });
      expect(h.mailer.sent.map((m) => [m.to, m.tags?.kind])).toEqual([[staff('head.zhao').email, 'approval_request']]);
      const { complaint: approved } = await act('head.zhao', passed, 'approve', {});
      expect(approved.solution?.approval).toBe('approved');
      // Approved, the plan goes to the customer to accept.
      expect(h.mailer.sent.map((m) => [m.to, m.tags?.kind]).at(-1)).toEqual([
        complaint.customer.email,
        'solution_offer',
      ]);
    });

    it('returns a P1 plan to its owner with legal’s note, who proposes again', async () => {
      const complaint = await given({ ...contacted(), grade: 'P1' });
      const { complaint: proposed } = await act('agent.li', complaint, 'propose', {
        summary: 'Refund',
        remedy: 'refund',
      });
      h.mailer.sent.length = 0;
      await expect(act('legal.qian', proposed, 'legal-return', {})).rejects.toMatchObject({ statusCode: 400 });
      const { complaint: returned } = await act('legal.qian', proposed, 'legal-return', {
        note: 'Say <nothing> about fault',
      });
      expect(returned.status).toBe('in_progress');
      expect(returned.solution?.legal).toMatchObject({ state: 'returned', note: 'Say <nothing> about fault' });
      expect(planNext(returned, h.now, policy, calendar).step).toBe('await_solution');
      expect(h.mailer.sent.map((m) => [m.to, m.tags?.kind])).toEqual([
        [staff('agent.li').email, 'legal_review_returned'],
      ]);
      expect(h.mailer.sent[0]?.html).toContain('Say &lt;nothing&gt; about fault');
      await expect(act('head.zhao', returned, 'approve', {})).rejects.toMatchObject({
        reason: 'legal_review_returned',
      });
      const { complaint: again } = await act('agent.li', returned, 'propose', {
        summary: 'Refund, reworded',
        remedy: 'refund',
      });
      expect(again.solution).toMatchObject({ summary: 'Refund, reworded', legal: { state: 'pending' } });
      expect(again.status).toBe('solution_proposed');
    });

    it('fills a proposal from the grade’s standard remedy, and sends more than the standard for approval', async () => {
      const complaint = await given(contacted());
      const { complaint: standard } = await act('agent.li', complaint, 'propose', {
        summary: 'A voucher for the wait',
        standard: 'voucher-50',
      });
      expect(standard.solution).toMatchObject({
        remedy: 'compensation',
        amount: 50,
        standard: 'voucher-50',
        approval: 'not_required',
      });
      const other = await given(contacted());
      const { complaint: above } = await act('agent.li', other, 'propose', {
        summary: 'A bigger voucher',
        standard: 'voucher-50',
        amount: 80,
      });
      expect(above.solution).toMatchObject({
        approval: 'pending',
        approvalReason: 'amount above the voucher-50 standard of 50',
      });
      const third = await given(contacted());
      await expect(act('agent.li', third, 'propose', { summary: 'x', standard: 'gold-bar' })).rejects.toMatchObject({
        statusCode: 400,
        fields: { standard: { code: 'unknown_standard' } },
      });
    });

    it('keeps the proposal when a notice cannot be mailed, and says so on the timeline', async () => {
      const complaint = await given({ ...contacted(), grade: 'P1' });
      h.mailer.failing = true;
      const { complaint: written } = await act('agent.li', complaint, 'propose', { summary: 'Replace the unit' });
      expect(written.solution?.approval).toBe('pending');
      expect((await types(complaint)).filter((t) => t === 'mail_failed')).toHaveLength(1);
    });

    it('refuses a proposal before anyone has contacted the customer', async () => {
      const complaint = await given(owned());
      await expect(act('agent.li', complaint, 'propose', { summary: 'Refund' })).rejects.toMatchObject({
        reason: 'not_in_status',
        params: { status: 'assigned' },
      });
      await expectUnchanged(complaint);
    });

    it('refuses a second proposal while the first waits for approval', async () => {
      const complaint = await given(withSolution('pending'));
      await expect(act('agent.li', complaint, 'propose', { summary: 'Another' })).rejects.toMatchObject({
        reason: 'approval_pending',
      });
    });
  });

  describe('approve and reject', () => {
    it('lets a department head approve a pending solution, which then goes to the customer to accept', async () => {
      const complaint = await given(withSolution('pending'));
      const { complaint: written } = await act('head.zhao', complaint, 'approve', { note: 'Fine' });
      expect(written.solution).toMatchObject({
        approval: 'approved',
        decidedBy: 'head.zhao',
        decidedAt: h.now.toISOString(),
        decisionNote: 'Fine',
        offer: { via: 'email' },
      });
      expect(await types(complaint)).toEqual(['solution_approved', 'solution_offered']);
      const [offer] = h.mailer.to(complaint.customer.email!);
      expect(offer?.tags?.kind).toBe('solution_offer');
      expect(offer?.text).toContain('Replace the kettle');
      const stored = await expectWokenOnceFromStored(complaint);
      expect(planNext(stored, h.now, policy, calendar).step).toBe('await_acceptance');
    });

    it('sends a rejected solution back to the owner, who must find another', async () => {
      const complaint = await given(withSolution('pending'));
      const { complaint: written } = await act('manager.sun', complaint, 'reject', { note: 'Too generous' });
      expect(written.solution).toMatchObject({ approval: 'rejected', decisionNote: 'Too generous' });
      expect(written.status).toBe('in_progress');
      const [reminder] = h.mailer.to(staff('agent.li').email);
      expect(reminder?.text).toContain(`http://localhost:3000/console/complaints/${complaint.ticketNumber}`);
      const stored = await expectWokenOnceFromStored(complaint);
      expect(planNext(stored, h.now, policy, calendar).step).toBe('await_solution');
    });

    it('refuses to reject without saying why', async () => {
      const complaint = await given(withSolution('pending'));
      await expect(act('head.zhao', complaint, 'reject', {})).rejects.toBeInstanceOf(ValidationError);
    });

    it('refuses to approve when nothing waits for approval', async () => {
      const complaint = await given(withSolution('not_required'));
      await expect(act('head.zhao', complaint, 'approve')).rejects.toMatchObject({ reason: 'no_pending_approval' });
      await expectUnchanged(complaint);
    });
  });

  describe('resolve', () => {
    it('resolves a complaint with an accepted solution, and hands the result mail to the workflow', async () => {
      const complaint = await given(h.accepted());
      const { complaint: written } = await act('agent.li', complaint, 'resolve', { summary: 'Kettle replaced' });
      expect(written).toMatchObject({
        status: 'resolved',
        resolvedAt: h.now.toISOString(),
        resolutionSummary: 'Kettle replaced',
      });
      expect(await types(complaint)).toEqual(['resolved']);
      const stored = await expectWokenOnceFromStored(complaint);
      expect(planNext(stored, h.now, policy, calendar).step).toBe('send_result');
    });

    it('resolves a P4 question without any solution step', async () => {
      const complaint = await given({ ...contacted(), grade: 'P4' });
      const { complaint: written } = await act('agent.li', complaint, 'resolve', { summary: 'Answered' });
      expect(written.status).toBe('resolved');
    });

    it('refuses to resolve a P3 complaint whose solution is still waiting for approval', async () => {
      const complaint = await given(withSolution('pending'));
      await expect(act('agent.li', complaint, 'resolve', { summary: 'Done' })).rejects.toMatchObject({
        reason: 'approval_pending',
      });
    });

    it('refuses to resolve a P3 complaint with no solution at all', async () => {
      const complaint = await given(contacted());
      await expect(act('agent.li', complaint, 'resolve', { summary: 'Done' })).rejects.toMatchObject({
        reason: 'solution_not_approved',
      });
      await expectUnchanged(complaint);
    });
  });

  describe('request-info', () => {
    it('asks the customer, pauses the clock and waits on the customer until the limit', async () => {
      const complaint = await given(contacted());
      const { complaint: written } = await act('agent.li', complaint, 'request-info', {
        question: 'Could you send a photo of the serial number plate?',
      });
      expect(written.status).toBe('awaiting_customer');
      // Monday 10:00 + 5 working days = the next Monday 10:00.
      expect(written.infoRequest).toEqual({
        question: 'Could you send a photo of the serial number plate?',
        requestedAt: h.now.toISOString(),
        requestedBy: 'agent.li',
        limitAt: '2026-11-30T02:00:00.000Z',
      });
      const [mail] = h.mailer.to(complaint.customer.email!);
      expect(mail?.text).toContain('Could you send a photo of the serial number plate?');
      expect(mail?.text).toMatch(/http:\/\/localhost:3000\/status\//);
      const [event] = await h.store.listTimeline(complaint.id);
      expect(event).toMatchObject({ type: 'info_requested', data: { messageId: mail?.messageId } });
      const stored = await expectWokenOnceFromStored(complaint);
      expect(planNext(stored, h.now, policy, calendar)).toMatchObject({ step: 'await_customer', reason: 'info_limit' });
    });

    it('refuses a second request while the first is unanswered', async () => {
      const complaint = await given(contacted());
      await act('agent.li', complaint, 'request-info', { question: 'Photo?' });
      await expect(act('agent.li', complaint, 'request-info', { question: 'Another?' })).rejects.toMatchObject({
        reason: 'not_in_status',
        params: { status: 'awaiting_customer' },
      });
    });
  });

  describe('reopen', () => {
    it('lets a supervisor reopen a resolved complaint one grade higher under a supervisor', async () => {
      const complaint = await given(resolved());
      const { complaint: written } = await act('supervisor.wang', complaint, 'reopen', {
        reason: 'Customer called: still leaking',
      });
      expect(written).toMatchObject({ status: 'reopened', grade: 'P2', reopenCount: 1, overseerId: 'supervisor.wang' });
      expect(written.resolvedAt).toBeUndefined();
      expect(written.surveySentAt).toBeUndefined();
      expect(written.deadlines.resolve).toBe(new Date(h.now.getTime() + 48 * 3_600_000).toISOString());
      const [event] = await h.store.listTimeline(complaint.id);
      expect(event).toMatchObject({
        type: 'reopened',
        actor: 'supervisor.wang',
        data: { fromGrade: 'P3', toGrade: 'P2', reason: 'Customer called: still leaking', overseer: 'supervisor.wang' },
      });
      expect(h.mailer.to(complaint.customer.email!).map((m) => m.tags?.kind)).toEqual(['reopened']);
      const stored = await expectWokenOnceFromStored(complaint);
      // The owner must speak to the customer again and find a new solution.
      expect(planNext(stored, h.now, policy, calendar).step).toBe('await_contact');
    });

    it('needs a new contact and a new solution before a reopened complaint can be resolved', async () => {
      const complaint = await given(resolved());
      await act('supervisor.wang', complaint, 'reopen', { reason: 'Still leaking' });
      await expect(act('agent.li', complaint, 'resolve', { summary: 'Same as before' })).rejects.toMatchObject({
        statusCode: 409,
        params: { status: 'reopened' },
      });
      await act('agent.li', complaint, 'contact', { channel: 'phone', note: 'Went through it again' });
      await expect(act('agent.li', complaint, 'resolve', { summary: 'Same as before' })).rejects.toMatchObject({
        reason: 'solution_not_approved',
      });
      // Reopened at P2 from P3; a new solution above the amount limit goes to approval again.
      await act('agent.li', complaint, 'propose', { summary: 'Refund in full', remedy: 'refund', amount: 5000 });
      await expect(act('agent.li', complaint, 'resolve', { summary: 'Refunded' })).rejects.toMatchObject({
        reason: 'approval_pending',
      });
      await act('head.zhao', complaint, 'approve', {});
      await expect(act('agent.li', complaint, 'resolve', { summary: 'Refunded' })).rejects.toMatchObject({
        reason: 'solution_not_accepted',
      });
      await h.accept(complaint);
      const { complaint: written } = await act('agent.li', complaint, 'resolve', { summary: 'Refunded' });
      expect(written.status).toBe('resolved');
    });

    it('does not let an agent reopen', async () => {
      const complaint = await given(resolved());
      await expect(act('agent.li', complaint, 'reopen', { reason: 'x' })).rejects.toBeInstanceOf(ForbiddenError);
    });

    it('refuses to reopen a complaint that is not resolved', async () => {
      const complaint = await given(contacted());
      await expect(act('supervisor.wang', complaint, 'reopen', { reason: 'x' })).rejects.toMatchObject({
        reason: 'not_in_status',
        params: { status: 'in_progress' },
      });
      await expectUnchanged(complaint);
    });
  });

  it('refuses every change to a closed complaint', async () => {
    const complaint = await given({ ...resolved(), status: 'closed', closedAt: minutesAgo(1) });
    for (const [action, body] of [
      ['assign', { ownerId: 'agent.chen' }],
      ['contact', { channel: 'phone', note: 'x' }],
      ['reply', { message: 'x' }],
      ['reopen', { reason: 'x' }],
    ] as const) {
      await expect(act('manager.sun', complaint, action, body)).rejects.toMatchObject({ reason: 'closed' });
    }
    await expectUnchanged(complaint);
  });

  it('still takes the decision on a pending solution after a question to the customer was answered', async () => {
    const complaint = await given({ ...withSolution('pending'), grade: 'P1' });
    await act('agent.li', complaint, 'request-info', { question: 'Which address?' });
    const asked = (await h.store.getComplaint(complaint.id))!;
    await h.store.updateComplaint(
      complaint.id,
      asked.version,
      { status: 'in_progress', infoRequest: { ...asked.infoRequest!, answeredAt: h.now.toISOString() } },
      [],
    );
    const { complaint: written } = await act('head.zhao', complaint, 'approve', {});
    expect(written.solution?.approval).toBe('approved');
  });

  it('refuses every staff action the lifecycle table has no row for in the complaint’s status, with a 409 that names the status', async () => {
    const bodies: Record<StaffActionName, unknown> = {
      assign: { ownerId: 'agent.chen' },
      contact: { channel: 'phone', note: 'x' },
      note: { text: 'x' },
      reply: { message: 'x' },
      propose: { summary: 'x' },
      approve: {},
      reject: { note: 'x' },
      resolve: { summary: 'x' },
      'request-info': { question: 'x' },
      reopen: { reason: 'x' },
      regrade: { grade: 'P1', reason: 'Injury' },
      reroute: { department: 'finance', reason: 'Refund' },
      escalate: { reason: 'Blocked' },
      'request-partner': { department: 'supply_chain', question: 'x' },
      'answer-partner': { requestId: 'r1', answer: 'x' },
      'dispute-partner': { requestId: 'r1', reason: 'Disagree' },
      'notify-delay': { newDate: '2099-01-01', reason: 'Parts are late' },
      'record-fix': { version: '1.0.1', releaseDate: '2026-12-15' },
      'legal-approve': {},
      'legal-return': { note: 'Rewrite it' },
      'open-work-order': { kind: 'repair' },
      'work-order-step': { workOrderId: 'w1', step: 'diagnosis' },
      'work-order-assign': { workOrderId: 'w1', step: 'visit', assigneeId: 'manager.sun' },
      'offer-by-call': { note: 'x' },
      'record-acceptance': { accepted: true },
      merge: { into: '202611-0001', reason: 'Same matter' },
    };
    let refused = 0;
    for (const status of STATUSES) {
      const complaint = await given({ ...resolved(), status });
      for (const action of STAFF_ACTIONS) {
        if (LIFECYCLE[action][status] !== undefined) continue;
        await expect(
          act('manager.sun', complaint, action, bodies[action]),
          `${action} while ${status}`,
        ).rejects.toMatchObject({
          statusCode: 409,
          code: 'invalid_transition',
          params: { status, command: action },
        });
        refused++;
      }
      await expectUnchanged(complaint);
    }
    expect(refused).toBeGreaterThan(40);
  });

  it('stamps a change retried after a lost race with the time of the try that landed, not of the first', async () => {
    const complaint = await given();
    const breachAt = new Date(h.now.getTime() + minutes(1));
    let raced = false;
    // A timer's breach lands between the assignment's read and its write, a minute later.
    const racing = Object.create(h.store) as DynamoComplaintStore;
    racing.updateComplaint = async (id, version, changes, events) => {
      if (!raced) {
        raced = true;
        h.now = breachAt;
        await h.store.updateComplaint(
          id,
          version,
          { escalation: { step: 'await_owner', level: 1, deadline: breachAt.toISOString() } },
          [
            timelineEvent(id, 'sla_breached', breachAt, 'workflow', {
              step: 'await_owner',
              deadline: complaint.deadlines.assign,
              level: 1,
              role: 'supervisor',
              notified: [],
              newDeadline: breachAt.toISOString(),
            }),
          ],
        );
      }
      return h.store.updateComplaint(id, version, changes, events);
    };
    const { complaint: written } = await performStaffAction(
      { ...h.deps, store: racing },
      { complaintId: complaint.id, action: 'assign', actor: staff('agent.li'), body: {} },
    );
    expect(raced).toBe(true);
    expect(written.assignedAt).toBe(breachAt.toISOString());
    const timeline = await h.store.listTimeline(complaint.id);
    expect(timeline.map((e) => e.type)).toEqual(['sla_breached', 'assigned']);
    expect(timeline[1]!.at >= timeline[0]!.at).toBe(true);
  });

  it('drops the escalation of a step once the complaint leaves it', async () => {
    const complaint = await given({
      ...withSolution('not_required'),
      escalation: { step: 'await_resolution', level: 1, deadline: minutesAgo(-60) },
    });
    const { complaint: written } = await act('agent.li', complaint, 'resolve', { summary: 'Replaced' });
    expect(written.status).toBe('resolved');
    expect(written.escalation).toBeUndefined();
    expect((await h.store.getComplaint(complaint.id))?.escalation).toBeUndefined();
  });

  it('answers an unknown action or complaint with not found', async () => {
    const complaint = await given();
    await expect(act('agent.li', complaint, 'delete')).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      performStaffAction(h.deps, { complaintId: 'missing', action: 'assign', actor: staff('agent.li'), body: {} }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
  describe('regrade, reroute and escalate by hand', () => {
    it('does not let an agent regrade or reroute, even their own complaint', async () => {
      const complaint = await given(contacted('agent.li'));
      await expect(act('agent.li', complaint, 'regrade', { grade: 'P1', reason: 'Injury' })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      await expect(
        act('agent.li', complaint, 'reroute', { department: 'finance', reason: 'Refund' }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      await expectUnchanged(complaint);
    });

    it('lets only the complaint’s own department head regrade it', async () => {
      const complaint = await given({ ...contacted('agent.chen'), department: 'quality' });
      await expect(
        act('head.feng', complaint, 'regrade', { grade: 'P2', reason: 'Money lost' }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      const { complaint: written } = await act('head.qian', complaint, 'regrade', {
        grade: 'P2',
        reason: 'Money lost',
      });
      expect(written.grade).toBe('P2');
    });

    it('refuses a regrade, reroute or escalation without a reason of at least three characters', async () => {
      const complaint = await given(contacted());
      for (const [action, body] of [
        ['regrade', { grade: 'P2' }],
        ['regrade', { grade: 'P2', reason: ' ok ' }],
        ['regrade', { grade: 'P0', reason: 'Urgent' }],
        ['reroute', { department: 'finance' }],
        ['reroute', { department: 'nowhere', reason: 'Refund' }],
        ['escalate', { reason: 'x'.repeat(501) }],
      ] as const) {
        await expect(
          act('manager.sun', complaint, action, body),
          `${action} ${JSON.stringify(body)}`,
        ).rejects.toBeInstanceOf(ValidationError);
      }
      await expectUnchanged(complaint);
    });

    it('recomputes the open deadlines from receipt after a regrade, keeps the met ones, and clears the moved escalation', async () => {
      const complaint = await given({
        ...contacted(),
        escalation: { step: 'await_solution', level: 1, deadline: minutesAgo(-60) },
      });
      const { complaint: written } = await act('supervisor.wang', complaint, 'regrade', {
        grade: 'P1',
        reason: 'The customer was burnt',
      });
      const p1 = computeDeadlines(new Date(complaint.receivedAt), 'P1', policy.deadlines, calendar);
      expect(written.grade).toBe('P1');
      expect(written.deadlines).toEqual({
        assign: complaint.deadlines.assign,
        firstContact: complaint.deadlines.firstContact,
        solution: p1.solution,
        resolve: p1.resolve,
        compensationPlan: p1.compensationPlan,
      });
      expect(written.escalation).toBeUndefined();
      expect(written.nextDeadlineAt).toBe(p1.solution);
      const [regraded] = await h.store.listTimeline(complaint.id);
      expect(regraded).toMatchObject({
        type: 'regraded',
        actor: 'supervisor.wang',
        data: { fromGrade: 'P3', toGrade: 'P1', reason: 'The customer was burnt', deadlines: written.deadlines },
      });
      const stored = await expectWokenOnceFromStored(complaint);
      // A complaint that becomes P1 first wakes its workflow to tell management (shared/workflow/legal-review.ts).
      expect(planNext(stored, h.now, policy, calendar)).toMatchObject({
        reason: 'management_due',
        step: 'await_solution',
      });
      const told = { ...stored, managementNotice: { dueAt: stored.receivedAt, notifiedAt: h.now.toISOString() } };
      expect(planNext(told, h.now, policy, calendar).wakeAt).toBe(p1.solution);
    });

    it('refuses to regrade to the grade the complaint already has', async () => {
      const complaint = await given(contacted());
      await expect(act('manager.sun', complaint, 'regrade', { grade: 'P3', reason: 'Same' })).rejects.toMatchObject({
        reason: 'same_grade',
      });
      await expectUnchanged(complaint);
    });

    it('announces a complaint regraded to P1 to its department as new work, and one regraded to P4 to nobody', async () => {
      const raised = await given(contacted('agent.li'));
      await act('supervisor.wang', raised, 'regrade', { grade: 'P1', reason: 'The customer was burnt' });
      const announced = h.mailer.sent.filter((m) => m.tags?.kind === 'new_work');
      expect(announced.map((m) => m.to)).toEqual(
        expect.arrayContaining([staff('agent.li').email, staff('supervisor.wang').email]),
      );
      const events = await h.store.listTimeline(raised.id);
      expect(events.map((e) => e.type)).toEqual(['regraded', 'new_work_announced']);
      expect(events[1]?.data).toEqual({ notified: expect.arrayContaining(['agent.li', 'supervisor.wang']) });

      h.mailer.sent.length = 0;
      const lowered = await given(contacted('agent.li'));
      await act('supervisor.wang', lowered, 'regrade', { grade: 'P4', reason: 'A question, not a complaint' });
      expect(h.mailer.sent.filter((m) => m.tags?.kind === 'new_work')).toEqual([]);
      expect((await h.store.listTimeline(lowered.id)).map((e) => e.type)).toEqual(['regraded']);
    });

    it('announces a P2 complaint rerouted to another department to that department, not the one it left', async () => {
      const complaint = await given({ ...contacted('agent.li'), grade: 'P2' });
      await act('supervisor.wang', complaint, 'reroute', { department: 'finance', reason: 'It is a refund' });
      const told = h.mailer.sent.filter((m) => m.tags?.kind === 'new_work').map((m) => m.to);
      expect(told).toEqual(expect.arrayContaining([staff('agent.zhou').email, staff('agent.jones').email]));
      expect(told).not.toContain(staff('agent.li').email);
    });

    it('clears the owner on reroute when the owner does not work in the new department', async () => {
      const complaint = await given(contacted('agent.li'));
      const { complaint: written } = await act('supervisor.wang', complaint, 'reroute', {
        department: 'finance',
        reason: 'It is a refund',
      });
      expect(written.department).toBe('finance');
      expect(written.ownerId).toBeUndefined();
      expect(currentStep(written)).toBe('await_owner');
      const [rerouted] = await h.store.listTimeline(complaint.id);
      expect(rerouted).toMatchObject({
        type: 'rerouted',
        data: { from: 'customer_service', to: 'finance', reason: 'It is a refund', previousOwnerId: 'agent.li' },
      });
      const page = await h.store.listByOwner('agent.li');
      expect(page.items.map((c) => c.id)).not.toContain(complaint.id);
      await expectWokenOnceFromStored(complaint);
    });

    it('keeps the owner on reroute when the owner works in the new department', async () => {
      const complaint = await given(contacted('agent.zhou'));
      const { complaint: written } = await act('manager.sun', complaint, 'reroute', {
        department: 'finance',
        reason: 'It is a refund',
      });
      expect(written.ownerId).toBe('agent.zhou');
    });

    it('escalates by hand one rung up, mails that rung with the reason escaped, and refuses at the top', async () => {
      const complaint = await given(contacted('agent.li'));
      const reason = 'Blocked: supplier <script>alert(1)</script> will not answer';
      const { complaint: first } = await act('agent.li', complaint, 'escalate', { reason });
      expect(first.escalation).toEqual({ step: 'await_solution', level: 1, deadline: complaint.deadlines.solution });
      const [event] = await h.store.listTimeline(complaint.id);
      expect(event).toMatchObject({
        type: 'escalated_by_hand',
        actor: 'agent.li',
        data: { step: 'await_solution', level: 1, role: 'supervisor', reason, notified: ['supervisor.wang'] },
      });
      const [mail] = h.mailer.to(staff('supervisor.wang').email);
      expect(mail?.html).toContain('&lt;script&gt;');
      expect(mail?.html).not.toContain('<script>');
      expect(mail?.subject).not.toContain('script');
      await expectWokenOnceFromStored(complaint);

      await act('agent.li', first, 'escalate', { reason: 'Still blocked' });
      const { complaint: third } = await act('agent.li', first, 'escalate', { reason: 'Still blocked' });
      expect(third.escalation?.level).toBe(3);
      expect(h.mailer.to(staff('manager.sun').email)).toHaveLength(1);
      await expect(act('agent.li', first, 'escalate', { reason: 'Still blocked' })).rejects.toMatchObject({
        statusCode: 409,
        reason: 'top_rung',
      });
    });

    it('does not let an agent escalate a complaint someone else owns', async () => {
      const complaint = await given(contacted('agent.chen'));
      await expect(act('agent.li', complaint, 'escalate', { reason: 'Blocked' })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      await expectUnchanged(complaint);
    });
  });
});
