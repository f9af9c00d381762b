import { describe, expect, it } from 'vitest';
import { ForbiddenError, ValidationError } from '../../shared/errors/index.js';
import type { Complaint } from '../../shared/model/complaint.js';
import type { StaffMember } from '../../shared/policy/types.js';
import { listStaffComplaints, parseStaffQueueQuery } from '../../shared/usecases/staff-queues.js';
import { aComplaint } from '../support/complaint-factory.js';
import { InMemoryComplaintStore } from '../support/recording-ports.js';
import { demoMember } from '../support/staff.js';

const staff = (id: string): StaffMember => demoMember(id);
const now = new Date('2026-11-23T02:00:00Z');
const clock = { now: () => now };

function storeWith(...complaints: Complaint[]) {
  const store = new InMemoryComplaintStore();
  for (const c of complaints) store.complaints.set(c.id, c);
  return { store, clock };
}

const ticketsOf = (page: { items: { ticketNumber: string }[] }) => page.items.map((i) => i.ticketNumber);
const list = (deps: ReturnType<typeof storeWith>, who: string, query: Record<string, string>) =>
  listStaffComplaints(deps, staff(who), parseStaffQueueQuery(query));

describe('the staff queues', () => {
  it('reads the query string with "mine" as the view when none is named', () => {
    expect(parseStaffQueueQuery(undefined)).toEqual({ view: 'mine' });
    expect(parseStaffQueueQuery({ view: 'overdue', grade: 'P1', limit: '20', lang: 'en' })).toEqual({
      view: 'overdue',
      grade: 'P1',
      limit: '20',
    });
  });

  it('refuses an unknown view, a bad status, a page size over 100 and two searches at once, naming each field', () => {
    const refusal = (query: Record<string, string>) => {
      try {
        parseStaffQueueQuery(query);
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        return Object.fromEntries(Object.entries((error as ValidationError).fields).map(([k, v]) => [k, v.code]));
      }
      throw new Error('accepted');
    };
    expect(refusal({ view: 'everything' })).toEqual({ view: 'invalid_option' });
    expect(refusal({ status: 'lost' })).toEqual({ status: 'invalid_option' });
    expect(refusal({ limit: '101' })).toEqual({ limit: 'page_limit_invalid' });
    expect(refusal({ limit: '0' })).toEqual({ limit: 'page_limit_invalid' });
    expect(refusal({ limit: 'ten' })).toEqual({ limit: 'page_limit_invalid' });
    expect(refusal({ ticket: '202611-0001', email: 'a@example.com' })).toEqual({ ticket: 'invalid' });
    expect(refusal({ ticket: 'DROP TABLE' })).toEqual({ ticket: 'invalid' });
    expect(refusal({ phone: '12' })).toEqual({ phone: 'phone_format' });
    expect(refusal({ phone: '13800138000', order: 'SO-1' })).toEqual({ ticket: 'invalid' });
  });

  it("shows an agent the unowned open complaints of their own department only, without the customer's contact", async () => {
    const waiting = aComplaint({ department: 'customer_service' });
    const taken = aComplaint({ department: 'customer_service', ownerId: 'agent.li', status: 'assigned' });
    const elsewhere = aComplaint({ department: 'quality' });
    const closed = aComplaint({ department: 'customer_service', status: 'closed' });
    const page = await list(storeWith(waiting, taken, elsewhere, closed), 'agent.li', { view: 'unassigned' });
    expect(ticketsOf(page)).toEqual([waiting.ticketNumber]);
    expect(Object.keys(page.items[0]!).sort()).toEqual(
      [
        'category',
        'customerName',
        'department',
        'grade',
        'id',
        'nextDeadlineAt',
        'ownerId',
        'status',
        'ticketNumber',
      ].sort(),
    );
  });

  it('lets a supervisor name another department but refuses an agent', async () => {
    const deps = storeWith(aComplaint({ department: 'quality' }));
    await expect(list(deps, 'agent.li', { view: 'department', department: 'quality' })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect((await list(deps, 'manager.sun', { view: 'department', department: 'quality' })).items).toHaveLength(1);
  });

  it('asks someone without a department of their own which department to show', async () => {
    await expect(list(storeWith(), 'manager.sun', { view: 'unassigned' })).rejects.toBeInstanceOf(ValidationError);
  });

  it('lists as overdue only the open complaints past their next deadline that the reader may open', async () => {
    const late = aComplaint({ department: 'customer_service', nextDeadlineAt: '2026-11-23T01:00:00.000Z' });
    const notYet = aComplaint({ department: 'customer_service', nextDeadlineAt: '2026-11-23T03:00:00.000Z' });
    const lateElsewhere = aComplaint({ department: 'finance', nextDeadlineAt: '2026-11-23T01:00:00.000Z' });
    const deps = storeWith(late, notYet, lateElsewhere);
    expect(ticketsOf(await list(deps, 'agent.li', { view: 'overdue' }))).toEqual([late.ticketNumber]);
    expect(ticketsOf(await list(deps, 'manager.sun', { view: 'overdue' })).sort()).toEqual(
      [late.ticketNumber, lateElsewhere.ticketNumber].sort(),
    );
  });

  it('lists as breached the escalated complaints and as awaiting approval the proposals nobody decided yet', async () => {
    const escalated = aComplaint({ escalation: { step: 'assign', level: 1, deadline: '2026-11-23T04:00:00.000Z' } });
    const pending = aComplaint({
      status: 'solution_proposed',
      solution: {
        summary: 'Refund',
        proposedAt: '2026-11-22T02:00:00.000Z',
        proposedBy: 'agent.li',
        approval: 'pending',
      },
    });
    const decided = aComplaint({
      status: 'solution_proposed',
      solution: {
        summary: 'Repair',
        proposedAt: '2026-11-22T02:00:00.000Z',
        proposedBy: 'agent.li',
        approval: 'approved',
      },
    });
    const deps = storeWith(escalated, pending, decided);
    expect(ticketsOf(await list(deps, 'manager.sun', { view: 'breached' }))).toEqual([escalated.ticketNumber]);
    expect(ticketsOf(await list(deps, 'manager.sun', { view: 'awaiting-approval' }))).toEqual([pending.ticketNumber]);
  });

  it('finds a complaint by ticket number only for someone who may open it', async () => {
    const theirs = aComplaint({ department: 'finance' });
    const deps = storeWith(theirs);
    expect((await list(deps, 'agent.li', { ticket: theirs.ticketNumber })).items).toEqual([]);
    expect(ticketsOf(await list(deps, 'agent.zhou', { ticket: theirs.ticketNumber }))).toEqual([theirs.ticketNumber]);
  });

  it("finds a customer's complaints by phone however the number is written, newest first", async () => {
    const customer = (phone: string) => ({ name: '王芳', phone, tier: 'standard' as const, locale: 'zh-CN' as const });
    const older = aComplaint({ customer: customer('138 0013 8000'), receivedAt: '2026-11-20T01:00:00Z' });
    const newer = aComplaint({ customer: customer('+86 138-0013-8000'), receivedAt: '2026-11-22T01:00:00Z' });
    const someoneElse = aComplaint({ customer: customer('139 0013 8000') });
    const deps = storeWith(older, newer, someoneElse);
    const page = await list(deps, 'agent.li', { phone: '008613800138000' });
    expect(ticketsOf(page)).toEqual([newer.ticketNumber, older.ticketNumber]);
  });

  it('narrows a queue by status and grade', async () => {
    const p1 = aComplaint({ ownerId: 'agent.li', grade: 'P1', status: 'in_progress' });
    const p3 = aComplaint({ ownerId: 'agent.li', grade: 'P3', status: 'in_progress' });
    const waiting = aComplaint({ ownerId: 'agent.li', grade: 'P1', status: 'awaiting_customer' });
    const page = await list(storeWith(p1, p3, waiting), 'agent.li', { grade: 'P1', status: 'in_progress' });
    expect(ticketsOf(page)).toEqual([p1.ticketNumber]);
  });
});
