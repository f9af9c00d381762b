import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillOpenIndex } from '../../infra/scripts/backfill-open-index.js';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import { complaintItem } from '../../shared/adapters/dynamo/keys.js';
import type { RunningExecution, WorkflowAdmin, WorkflowInput } from '../../shared/ports/index.js';
import { MAX_RESTARTS, reconcileWorkflows } from '../../shared/usecases/reconcile-workflows.js';
import { currentStep } from '../../shared/workflow/plan.js';
import { aComplaint } from '../support/complaint-factory.js';
import { freshTable } from '../support/dynamo.js';

/** An engine that knows which execution names are taken and which run. */
class FakeEngine implements WorkflowAdmin {
  taken = new Set<string>();
  runningNames = new Set<string>();
  started: { name: string; input: WorkflowInput }[] = [];
  async *listRunning(): AsyncIterable<RunningExecution> {
    for (const name of this.runningNames) yield { executionArn: `arn:${name}`, name };
  }
  async stop(): Promise<void> {}
  async startNamed(input: WorkflowInput, name: string): Promise<boolean> {
    if (this.taken.has(name)) return false;
    this.taken.add(name);
    this.runningNames.add(name);
    this.started.push({ name, input });
    return true;
  }
}

describe('reconciling workflows with the table', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  let store: DynamoComplaintStore;
  const now = new Date('2026-11-24T02:00:00Z');
  const clock = { now: () => now };
  beforeAll(async () => {
    table = await freshTable('reconcile');
    store = new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName });
  });
  afterAll(() => table.drop());

  const stored = async (overrides: Parameters<typeof aComplaint>[0]) => {
    const c = aComplaint(overrides);
    await store.createComplaint(c, [], [], now);
    return c;
  };

  it('restarts an open complaint whose execution failed, under a new name, and leaves running and closed ones alone', async () => {
    const failed = await stored({ receivedAt: '2026-11-24T01:00:00.000Z' });
    const running = await stored({ receivedAt: '2026-11-24T01:00:00.000Z' });
    await stored({ status: 'closed', receivedAt: '2026-11-24T01:00:00.000Z' });
    const engine = new FakeEngine();
    engine.taken.add(failed.id); // its first execution ended (failed)
    engine.taken.add(running.id);
    engine.runningNames.add(running.id);

    const result = await reconcileWorkflows({ store, admin: engine, clock }, { minAgeMinutes: 5 });
    expect(result.started).toEqual([`${failed.id}.r1`]);
    expect(result.running).toEqual([running.id]);
    expect(engine.started[0]!.input).toEqual({
      complaintId: failed.id,
      ticketNumber: failed.ticketNumber,
      grade: failed.grade,
      locale: failed.customer.locale,
    });
  });

  it('gives an execution to an open complaint in every step, including the steps that wait without a deadline', async () => {
    const at = '2026-11-24T01:00:00.000Z';
    const owned = { ownerId: 'agent.li', firstContactAt: at };
    const solution = {
      summary: 'Replace the kettle',
      proposedBy: 'agent.li',
      proposedAt: at,
      approval: 'pending',
    } as const;
    const noDeadline = { nextDeadlineAt: undefined };
    const inEachStep = await Promise.all([
      stored({ receivedAt: at }),
      stored({ receivedAt: at, status: 'assigned', ownerId: 'agent.li' }),
      stored({ receivedAt: at, status: 'in_progress', ...owned }),
      stored({
        receivedAt: at,
        status: 'solution_proposed',
        ...owned,
        solution,
      }),
      stored({
        receivedAt: at,
        status: 'in_progress',
        ...owned,
        deadlines: { ...aComplaint().deadlines, solution: undefined },
      }),
      stored({
        receivedAt: at,
        status: 'awaiting_customer',
        ...owned,
        ...noDeadline,
        infoRequest: { question: 'Which model?', requestedAt: at, requestedBy: 'agent.li', limitAt: at },
      }),
      stored({ receivedAt: at, status: 'resolved', ...owned, resolvedAt: at }),
      stored({ receivedAt: at, status: 'awaiting_survey', ...owned, ...noDeadline, resolvedAt: at, surveySentAt: at }),
      stored({ receivedAt: at, status: 'reopened', ...owned, ...noDeadline }),
    ]);
    const steps = new Set(inEachStep.map(currentStep));
    expect([...steps].sort()).toEqual(
      [
        'await_owner',
        'await_contact',
        'await_solution',
        'await_approval',
        'await_resolution',
        'await_customer',
        'send_result',
        'await_survey',
      ].sort(),
    );
    const closed = await stored({ receivedAt: at, status: 'closed', ...owned, ...noDeadline, closedAt: at });

    const engine = new FakeEngine();
    await reconcileWorkflows({ store, admin: engine, clock }, { minAgeMinutes: 0 });
    const startedFor = engine.started.map((s) => s.input.complaintId);
    for (const c of inEachStep) expect(startedFor, `${c.status} (${currentStep(c)})`).toContain(c.id);
    expect(startedFor).not.toContain(closed.id);

    // A second pass finds each running and starts nothing: exactly one execution per complaint.
    const again = await reconcileWorkflows({ store, admin: engine, clock }, { minAgeMinutes: 0 });
    expect(again.started.filter((name) => inEachStep.some((c) => name.startsWith(c.id)))).toEqual([]);
  });

  it('finds a complaint awaiting the survey stored before such complaints were in the by-deadline index, once backfilled', async () => {
    const at = '2026-11-24T01:00:00.000Z';
    const legacy = aComplaint({
      receivedAt: at,
      status: 'awaiting_survey',
      ownerId: 'agent.li',
      firstContactAt: at,
      resolvedAt: at,
      surveySentAt: at,
      nextDeadlineAt: undefined,
    });
    const { dueKey: _dueKey, dueSort: _dueSort, ...item } = complaintItem(legacy);
    await table.doc.send(new PutCommand({ TableName: table.tableName, Item: item }));
    expect(await backfillOpenIndex(table.doc, table.tableName)).toContain(legacy.id);
    expect(await store.getComplaint(legacy.id)).toEqual(legacy);
    const engine = new FakeEngine();
    await reconcileWorkflows({ store, admin: engine, clock }, { minAgeMinutes: 0 });
    expect(engine.started.filter((s) => s.input.complaintId === legacy.id)).toHaveLength(1);
  });

  it('does not race intake for a complaint received moments ago', async () => {
    const fresh = await stored({ receivedAt: '2026-11-24T01:58:00.000Z' });
    const engine = new FakeEngine();
    await reconcileWorkflows({ store, admin: engine, clock }, { minAgeMinutes: 5 });
    expect(engine.started.map((s) => s.input.complaintId)).not.toContain(fresh.id);
  });

  it(`stops restarting a workflow that failed ${MAX_RESTARTS + 1} times, and says so`, async () => {
    const doomed = await stored({ receivedAt: '2026-11-24T00:00:00.000Z' });
    const engine = new FakeEngine();
    engine.taken.add(doomed.id);
    for (let n = 1; n <= MAX_RESTARTS; n++) engine.taken.add(`${doomed.id}.r${n}`);
    const result = await reconcileWorkflows({ store, admin: engine, clock }, { minAgeMinutes: 5 });
    expect(result.failed).toContainEqual({ complaintId: doomed.id, error: 'too_many_restarts' });
  });
});
