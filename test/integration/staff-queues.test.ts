import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import { BadRequestError } from '../../shared/errors/index.js';
import { type Complaint, type Department, GRADES, type Grade } from '../../shared/model/complaint.js';
import { listStaffComplaints, parseStaffQueueQuery } from '../../shared/usecases/staff-queues.js';
import { aComplaint } from '../support/complaint-factory.js';
import { freshTable } from '../support/dynamo.js';
import { demoMember } from '../support/staff.js';

const staff = demoMember;
const now = new Date('2026-11-23T02:00:00Z');
const indexOrder = (c: Complaint) => `${c.nextDeadlineAt ?? '9999'}#${c.id}`;
const at = (hoursFromNow: number) => new Date(now.getTime() + hoursFromNow * 3_600_000).toISOString();

describe('the staff queues on DynamoDB Local', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  let store: DynamoComplaintStore;
  const seeded: Complaint[] = [];
  const list = (who: string, query: Record<string, string>) =>
    listStaffComplaints({ store, clock: { now: () => now } }, staff(who), parseStaffQueueQuery(query));
  /** Every page of a view, following the cursor to the end. */
  async function allPages(who: string, query: Record<string, string>) {
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await list(who, { ...query, ...(cursor ? { cursor } : {}) });
      pages.push(page.items.map((i) => i.ticketNumber));
      cursor = page.cursor;
    } while (cursor);
    return pages;
  }
  /** A store on the same table that counts the requests it sends. */
  function countingStore() {
    const counting = {
      queries: 0,
      store: new DynamoComplaintStore({
        tableName: table.tableName,
        doc: {
          send: (command: never) => {
            counting.queries++;
            return table.doc.send(command);
          },
        } as unknown as typeof table.doc,
      }),
    };
    return counting;
  }
  const expected = (keep: (c: Complaint) => boolean) =>
    seeded
      .filter(keep)
      // The index's order: next deadline (none sorts last), then id.
      .sort((a, b) => indexOrder(a).localeCompare(indexOrder(b)))
      .map((c) => c.ticketNumber);

  beforeAll(async () => {
    table = await freshTable('staff-queues');
    store = new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName });
    // 40 complaints in customer service, spread around now, a third owned by agent.li, some
    // escalated, some awaiting approval; 10 in finance; 5 closed.
    for (let i = 0; i < 40; i++) {
      seeded.push(
        aComplaint({
          department: 'customer_service',
          nextDeadlineAt: at(i - 20),
          grade: i % 4 === 0 ? 'P1' : 'P3',
          ...(i % 3 === 0 ? { ownerId: 'agent.li', status: 'in_progress' as const } : {}),
          ...(i % 7 === 0 ? { escalation: { step: 'solution', level: 1, deadline: at(i) } } : {}),
          ...(i % 9 === 1
            ? {
                status: 'solution_proposed' as const,
                ownerId: 'agent.li',
                solution: {
                  summary: 'Refund',
                  proposedAt: at(-30),
                  proposedBy: 'agent.li',
                  approval: 'pending' as const,
                },
              }
            : {}),
        }),
      );
    }
    for (let i = 0; i < 10; i++) seeded.push(aComplaint({ department: 'finance', nextDeadlineAt: at(i * 3 - 14.5) }));
    for (let i = 0; i < 5; i++) {
      seeded.push(aComplaint({ department: 'customer_service', status: 'closed', nextDeadlineAt: undefined }));
    }
    for (const c of seeded) await store.createComplaint(c, [], [], now);
  });
  afterAll(() => table.drop());

  it.each([
    ['mine', 'agent.li', {}, (c: Complaint) => c.ownerId === 'agent.li'],
    [
      'unassigned',
      'agent.li',
      { view: 'unassigned' },
      (c: Complaint) => c.department === 'customer_service' && !c.ownerId && c.status !== 'closed',
    ],
    ['department', 'agent.li', { view: 'department' }, (c: Complaint) => c.department === 'customer_service'],
    [
      'overdue for an agent',
      'agent.li',
      { view: 'overdue' },
      (c: Complaint) =>
        c.department === 'customer_service' &&
        c.status !== 'closed' &&
        (c.nextDeadlineAt ?? '9999') < now.toISOString(),
    ],
    [
      'overdue for a manager',
      'manager.sun',
      { view: 'overdue' },
      (c: Complaint) => c.status !== 'closed' && (c.nextDeadlineAt ?? '9999') < now.toISOString(),
    ],
    ['breached', 'manager.sun', { view: 'breached' }, (c: Complaint) => c.escalation !== undefined],
    [
      'a P1 department queue',
      'agent.li',
      { view: 'department', grade: 'P1' },
      (c: Complaint) => c.department === 'customer_service' && c.grade === 'P1',
    ],
    [
      'the P3s nobody owns',
      'agent.li',
      { view: 'unassigned', grade: 'P3' },
      (c: Complaint) => c.department === 'customer_service' && !c.ownerId && c.status !== 'closed' && c.grade === 'P3',
    ],
    [
      "a manager's overdue P1s",
      'manager.sun',
      { view: 'overdue', grade: 'P1' },
      (c: Complaint) => c.grade === 'P1' && c.status !== 'closed' && (c.nextDeadlineAt ?? '9999') < now.toISOString(),
    ],
  ])('pages through %s in deadline order, losing and repeating nothing', async (_, who, query, keep) => {
    const pages = await allPages(who, { ...query, limit: '4' });
    expect(pages.flat()).toEqual(expected(keep));
    // Every page but the last is full: a filter does not shrink pages.
    for (const page of pages.slice(0, -1)) expect(page).toHaveLength(4);
  });

  it("reads the unassigned queue in one query per grade and a rare grade in one query, never the department's closed complaints", async () => {
    const quality = [aComplaint({ department: 'quality', nextDeadlineAt: at(1) })];
    for (let i = 0; i < 60; i++)
      quality.push(aComplaint({ department: 'quality', status: 'closed', nextDeadlineAt: undefined }));
    for (const c of quality) await store.createComplaint(c, [], [], now);
    const counting = countingStore();
    const page = await listStaffComplaints(
      { store: counting.store, clock: { now: () => now } },
      staff('agent.chen'),
      parseStaffQueueQuery({ view: 'unassigned', limit: '5' }),
    );
    expect(page).toEqual({ items: [expect.objectContaining({ id: quality[0]!.id })] });
    // The unassigned queue is split by grade (keys.ts): one query per grade's partition, merged.
    expect(counting.queries).toBe(GRADES.length);
    // 60 closed complaints of other grades beside the one P1: the grade is a key condition, so they are never read.
    const rare = aComplaint({ department: 'quality', grade: 'P1', status: 'closed', nextDeadlineAt: undefined });
    await store.createComplaint(rare, [], [], now);
    counting.queries = 0;
    const p1 = await listStaffComplaints(
      { store: counting.store, clock: { now: () => now } },
      staff('agent.chen'),
      parseStaffQueueQuery({ view: 'department', grade: 'P1', limit: '5' }),
    );
    expect(p1.items.map((i) => i.id)).toEqual([rare.id]);
    expect(counting.queries).toBe(1);
  });

  it('moves a regraded complaint to its new grade in the department, unassigned and overdue queues', async () => {
    const c = aComplaint({ department: 'supply_chain', grade: 'P3', nextDeadlineAt: at(-1) });
    await store.createComplaint(c, [], [], now);
    const ids = async (who: string, query: Record<string, string>) =>
      (await list(who, query)).items.map((i) => i.id).filter((id) => id === c.id);
    await store.updateComplaint(c.id, c.version, { grade: 'P2' }, []);
    // The manager's overdue view without a department is the company-wide deadline index.
    const queries: Record<string, string>[] = [
      { view: 'department', department: 'supply_chain' },
      { view: 'unassigned', department: 'supply_chain' },
      { view: 'overdue' },
    ];
    for (const query of queries) {
      expect(await ids('manager.sun', { ...query, grade: 'P2' })).toEqual([c.id]);
      expect(await ids('manager.sun', { ...query, grade: 'P3' })).toEqual([]);
      expect(await ids('manager.sun', query)).toEqual([c.id]);
    }
  });

  it('moves a complaint from the unassigned queue to its owner and out of both when closed', async () => {
    const c = aComplaint({ department: 'technical_support', nextDeadlineAt: at(2) });
    await store.createComplaint(c, [], [], now);
    const unassigned = async () => (await list('agent.smith', { view: 'unassigned' })).items.map((i) => i.id);
    expect(await unassigned()).toEqual([c.id]);
    const owned = await store.updateComplaint(c.id, c.version, { ownerId: 'agent.smith', status: 'assigned' }, []);
    expect(await unassigned()).toEqual([]);
    expect((await list('agent.smith', { view: 'mine' })).items.map((i) => i.id)).toContain(c.id);
    await store.updateComplaint(c.id, owned.version, { ownerId: undefined, status: 'closed' }, []);
    expect(await unassigned()).toEqual([]);
  });

  it('lists the proposals awaiting approval', async () => {
    const pages = await allPages('manager.sun', { view: 'awaiting-approval', limit: '2' });
    expect(pages.flat().sort()).toEqual(
      seeded
        .filter((c) => c.solution?.approval === 'pending')
        .map((c) => c.ticketNumber)
        .sort(),
    );
  });

  it("lists one department's proposals awaiting approval in grade order from its own partition, and drops one once it is approved", async () => {
    const proposal = (grade: Grade, approval: 'pending' | 'not_required', department: Department = 'product') =>
      aComplaint({
        department,
        grade,
        status: 'solution_proposed',
        ownerId: 'agent.li',
        solution: { summary: 'Replace it', proposedAt: at(-2), proposedBy: 'agent.li', approval },
      });
    const [p2, p1, notRequired, elsewhere] = [
      proposal('P2', 'pending'),
      proposal('P1', 'pending'),
      proposal('P1', 'not_required'),
      proposal('P1', 'pending', 'finance'),
    ];
    for (const c of [p2!, p1!, notRequired!, elsewhere!]) await store.createComplaint(c, [], [], now);
    const counting = countingStore();
    const approvals = async (query: Record<string, string> = {}) =>
      (
        await listStaffComplaints(
          { store: counting.store, clock: { now: () => now } },
          staff('head.zhao'),
          parseStaffQueueQuery({ view: 'awaiting-approval', department: 'product', ...query }),
        )
      ).items.map((i) => i.id);

    expect(await approvals()).toEqual([p1!.id, p2!.id]);
    expect(counting.queries).toBe(1);
    expect(await approvals({ grade: 'P2' })).toEqual([p2!.id]);
    await store.updateComplaint(p1!.id, p1!.version, { solution: { ...p1!.solution!, approval: 'approved' } }, []);
    expect(await approvals()).toEqual([p2!.id]);
  });

  it("refuses one view's cursor in another view", async () => {
    const { cursor } = await list('agent.li', { view: 'department', limit: '2' });
    await expect(list('agent.li', { view: 'mine', cursor: cursor! })).rejects.toBeInstanceOf(BadRequestError);
  });

  it('finds a customer by phone however staff write the number, newest first', async () => {
    const customer = (phone: string) => ({ name: '王芳', phone, tier: 'standard' as const, locale: 'zh-CN' as const });
    const first = aComplaint({ customer: customer('(021) 6123 4567'), receivedAt: '2026-11-20T01:00:00.000Z' });
    const second = aComplaint({ customer: customer('+86 21 6123-4567'), receivedAt: '2026-11-21T01:00:00.000Z' });
    for (const c of [first, second]) await store.createComplaint(c, [], [], now);
    const found = await list('agent.li', { phone: '0086 21 61234567' });
    expect(found.items.map((i) => i.id)).toEqual([second.id, first.id]);
  });

  it('finds a complaint by its customer email and by ticket number', async () => {
    const target = seeded[5]!;
    expect((await list('agent.li', { email: target.customer.email! })).items.map((i) => i.id)).toEqual([target.id]);
    expect((await list('agent.li', { ticket: target.ticketNumber })).items.map((i) => i.id)).toEqual([target.id]);
  });
});
