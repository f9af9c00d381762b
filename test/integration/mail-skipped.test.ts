import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoAddressHealth } from '../../shared/adapters/dynamo/address-health.js';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import { DynamoMailThreads } from '../../shared/adapters/dynamo/mail-threads.js';
import { DynamoWorkflowTokenStore } from '../../shared/adapters/dynamo/workflow-token-store.js';
import { ThreadingMailer } from '../../shared/adapters/ses/threading-mailer.js';
import { createCalendar } from '../../shared/calendar/working-calendar.js';
import { defaultPolicy } from '../../shared/policy/default-policy.js';
import type { Clock } from '../../shared/ports/index.js';
import { sendAcknowledgement } from '../../shared/usecases/send-acknowledgement.js';
import { sendResultStep, timerStep, type WorkflowStepDeps } from '../../shared/usecases/workflow-steps.js';
import { aComplaint } from '../support/complaint-factory.js';
import { freshTable } from '../support/dynamo.js';
import { RecordingMailer, RecordingWorkflow } from '../support/recording-ports.js';

/** A customer whose address bounced gets no more mail; each mail not sent is on the timeline, once, and the complaint moves on. */
describe('mail to an unreachable address', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  let deps: WorkflowStepDeps;
  let ses: RecordingMailer;
  let addresses: DynamoAddressHealth;
  let now: Date;
  const clock: Clock = { now: () => now };

  beforeAll(async () => {
    table = await freshTable('skipped');
  });
  afterAll(() => table.drop());
  beforeEach(() => {
    now = new Date('2026-11-24T05:00:01Z');
    ses = new RecordingMailer();
    addresses = new DynamoAddressHealth({ doc: table.doc, tableName: table.tableName });
    deps = {
      store: new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName, clock }),
      tokens: new DynamoWorkflowTokenStore({ doc: table.doc, tableName: table.tableName }),
      workflow: new RecordingWorkflow(),
      mailer: new ThreadingMailer(ses, {
        threads: new DynamoMailThreads({ doc: table.doc, tableName: table.tableName }),
        addresses,
        messageIdDomain: 'email.amazonses.com',
        clock,
      }),
      clock,
      policy: defaultPolicy,
      calendar: createCalendar(defaultPolicy.calendar),
      links: { baseUrl: 'http://localhost:3000', key: new TextEncoder().encode('k'.repeat(40)) },
    };
  });

  const skipped = async (id: string) =>
    (await deps.store.listTimeline(id)).filter((e) => e.type === 'mail_skipped').map((e) => e.data);

  it('records the result and the survey as skipped, once each, and still moves on to the survey wait', async () => {
    const complaint = aComplaint({
      status: 'resolved',
      ownerId: 'agent.li',
      acknowledgedAt: '2026-11-20T02:00:01Z',
      firstContactAt: '2026-11-24T02:30:00Z',
      resolvedAt: '2026-11-24T05:00:00Z',
      resolutionSummary: 'Refunded',
    });
    await deps.store.createComplaint(complaint, [], [], now);
    await addresses.markUnreachable(complaint.customer.email!, {
      kind: 'bounce',
      detail: '550',
      at: now.toISOString(),
    });

    await sendResultStep(deps, complaint.id);
    await sendResultStep(deps, complaint.id);

    expect(ses.sent).toEqual([]);
    expect(await skipped(complaint.id)).toEqual([
      { kind: 'result', reason: 'address_unreachable' },
      { kind: 'survey', reason: 'address_unreachable' },
    ]);
    expect(await deps.store.getComplaint(complaint.id)).toMatchObject({ status: 'awaiting_survey' });
  });

  it('records a progress notice as skipped, not failed', async () => {
    const complaint = aComplaint({
      status: 'assigned',
      ownerId: 'agent.li',
      acknowledgedAt: '2026-11-20T02:00:01Z',
      lastCustomerUpdateAt: '2026-11-20T02:00:01Z',
      deadlines: {
        assign: '2026-11-20T04:00:00.000Z',
        firstContact: '2026-11-30T02:00:00.000Z',
        solution: '2026-12-01T02:00:00.000Z',
        resolve: '2026-12-02T02:00:00.000Z',
      },
      assignedAt: '2026-11-20T03:00:00Z',
    });
    await deps.store.createComplaint(complaint, [], [], now);
    await addresses.markUnreachable(complaint.customer.email!, {
      kind: 'complaint',
      detail: 'abuse',
      at: now.toISOString(),
    });

    await timerStep(deps, complaint.id);

    const types = (await deps.store.listTimeline(complaint.id)).map((e) => e.type);
    expect(types).not.toContain('mail_failed');
    expect(await skipped(complaint.id)).toContainEqual({ kind: 'progress', reason: 'address_unreachable' });
    expect(ses.to(complaint.customer.email!)).toEqual([]);
  });

  it('acknowledges a complaint whose address bounced without mailing it, and says so', async () => {
    const complaint = aComplaint();
    await deps.store.createComplaint(complaint, [], [], now);
    await addresses.markUnreachable(complaint.customer.email!, {
      kind: 'bounce',
      detail: '550',
      at: now.toISOString(),
    });
    const ack = { ...deps, timezone: 'Asia/Shanghai', statusLinkTtlDays: 30 };

    expect(await sendAcknowledgement(ack, complaint.id)).toEqual({ outcome: 'address_unreachable' });
    expect(await sendAcknowledgement(ack, complaint.id)).toEqual({ outcome: 'already_sent' });
    expect(await skipped(complaint.id)).toEqual([{ kind: 'acknowledgement', reason: 'address_unreachable' }]);
    expect(ses.sent).toEqual([]);
  });
});
