import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import type { Complaint } from '../../shared/model/complaint.js';
import { consoleBoard } from '../../shared/usecases/console-views.js';
import { aComplaint } from '../support/complaint-factory.js';
import { type FreshTable, freshTable } from '../support/dynamo.js';
import { demoMember } from '../support/staff.js';

/** The board a supervisor, head or manager opens, read from the department and deadline indexes of DynamoDB Local. */
describe('the console board on DynamoDB Local', () => {
  const now = new Date('2026-11-23T02:00:00Z');
  const at = (hours: number) => new Date(now.getTime() + hours * 3_600_000).toISOString();
  let table: FreshTable;
  let store: DynamoComplaintStore;
  const complaints: Complaint[] = [
    aComplaint({ department: 'quality', status: 'in_progress', ownerId: 'agent.wu', nextDeadlineAt: at(-2) }),
    aComplaint({ department: 'quality', status: 'assigned', ownerId: 'agent.wu', nextDeadlineAt: at(5) }),
    // Waiting for the customer's survey: open, with no deadline of its own.
    aComplaint({ department: 'quality', status: 'awaiting_survey', nextDeadlineAt: undefined }),
    aComplaint({ department: 'quality', status: 'awaiting_survey', nextDeadlineAt: undefined }),
    // Closed: one without a deadline, one that kept the last deadline it had.
    aComplaint({ department: 'quality', status: 'closed', nextDeadlineAt: undefined }),
    aComplaint({ department: 'quality', status: 'closed', nextDeadlineAt: at(-30) }),
    aComplaint({ department: 'finance', status: 'in_progress', nextDeadlineAt: at(1) }),
  ];

  beforeAll(async () => {
    table = await freshTable('console-board');
    store = new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName });
    for (const c of complaints) await store.createComplaint(c, [], [], now);
  });
  afterAll(() => table.drop());

  it("counts every open complaint of a supervisor's department, those waiting without a deadline too, and none that is closed", async () => {
    const supervisor = { ...demoMember('supervisor.wang'), department: 'quality' as const };
    const board = await consoleBoard({ store, clock: { now: () => now } }, supervisor);
    expect(board.open).toBe(4);
    expect(board.byStatus).toMatchObject({ in_progress: 1, assigned: 1, awaiting_survey: 2, closed: 0 });
    expect(board.overdue.map((o) => o.complaint.id)).toEqual([complaints[0]!.id]);
  });

  it("counts the same complaints on a manager's board, with every department's", async () => {
    const board = await consoleBoard({ store, clock: { now: () => now } }, demoMember('manager.sun'));
    expect(board.open).toBe(5);
    expect(board.byStatus).toMatchObject({ awaiting_survey: 2, closed: 0 });
  });
});
