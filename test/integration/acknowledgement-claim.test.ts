import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import type { OutgoingMail } from '../../shared/ports/index.js';
import {
  ACKNOWLEDGEMENT_CLAIM_MS,
  type AcknowledgementDeps,
  AcknowledgementInProgressError,
  sendAcknowledgement,
} from '../../shared/usecases/send-acknowledgement.js';
import { aComplaint } from '../support/complaint-factory.js';
import { freshTable } from '../support/dynamo.js';
import { RecordingMailer } from '../support/recording-ports.js';

/** A mailer whose next send is held until the test lets it go: an acknowledgement in flight. */
class HeldMailer extends RecordingMailer {
  private release?: () => void;
  entered?: Promise<void>;
  hold(): void {
    let entered!: () => void;
    this.entered = new Promise((r) => {
      entered = r;
    });
    const gate = new Promise<void>((r) => {
      this.release = r;
    });
    const send = this.send.bind(this);
    this.send = async (mail: OutgoingMail) => {
      this.send = send;
      entered();
      await gate;
      return send(mail);
    };
  }
  letGo(): void {
    this.release?.();
  }
}

/**
 * Moving a complaint to a new execution while the old one is sending its acknowledgement (issue 5's
 * migration, under load) must still mail the customer exactly once.
 */
describe('one acknowledgement across executions', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  let deps: AcknowledgementDeps;
  let mailer: HeldMailer;
  let realNow: number;
  const clock = () => realNow;

  beforeAll(async () => {
    table = await freshTable('ack-claim');
  });
  afterAll(() => table.drop());
  beforeEach(() => {
    realNow = Date.parse('2026-12-01T02:00:00Z');
    mailer = new HeldMailer();
    deps = {
      store: new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName }),
      mailer,
      clock: { now: () => new Date('2026-11-20T02:00:05Z') },
      timezone: 'Asia/Shanghai',
      statusLinkTtlDays: 30,
      links: { baseUrl: 'http://localhost:3000', key: new TextEncoder().encode('k'.repeat(40)) },
    };
  });

  const acknowledgements = async (id: string) =>
    (await deps.store.listTimeline(id)).filter((e) => e.type === 'acknowledgement_sent');

  it('mails once when a new execution starts while the old one is still sending', async () => {
    const complaint = aComplaint({ status: 'received', acknowledgedAt: undefined });
    await deps.store.createComplaint(complaint, [], [], new Date());
    mailer.hold();
    const oldExecution = sendAcknowledgement(deps, complaint.id, complaint.id, clock);
    await mailer.entered;

    await expect(sendAcknowledgement(deps, complaint.id, `${complaint.id}.m1`, clock)).rejects.toBeInstanceOf(
      AcknowledgementInProgressError,
    );
    mailer.letGo();
    expect((await oldExecution).outcome).toBe('sent');
    // The workflow retries the new execution's step; by then the mail is recorded.
    expect(await sendAcknowledgement(deps, complaint.id, `${complaint.id}.m1`, clock)).toEqual({
      outcome: 'already_sent',
    });

    expect(mailer.to(complaint.customer.email!)).toHaveLength(1);
    expect(await acknowledgements(complaint.id)).toHaveLength(1);
  });

  it('lets a new execution send once the claim of one that died mid-send has lapsed', async () => {
    const complaint = aComplaint({ status: 'received', acknowledgedAt: undefined });
    await deps.store.createComplaint(complaint, [], [], new Date());
    mailer.failing = true;
    await expect(sendAcknowledgement(deps, complaint.id, complaint.id, clock)).rejects.toThrow('SES unavailable');
    mailer.failing = false;

    await expect(sendAcknowledgement(deps, complaint.id, `${complaint.id}.m1`, clock)).rejects.toBeInstanceOf(
      AcknowledgementInProgressError,
    );
    realNow += ACKNOWLEDGEMENT_CLAIM_MS + 1;
    expect((await sendAcknowledgement(deps, complaint.id, `${complaint.id}.m1`, clock)).outcome).toBe('sent');
    expect(mailer.to(complaint.customer.email!)).toHaveLength(1);
    expect(await acknowledgements(complaint.id)).toHaveLength(1);
  });

  it('lets a retry of the same execution send again at once after a failed send', async () => {
    const complaint = aComplaint({ status: 'received', acknowledgedAt: undefined });
    await deps.store.createComplaint(complaint, [], [], new Date());
    mailer.failing = true;
    await expect(sendAcknowledgement(deps, complaint.id, complaint.id, clock)).rejects.toThrow('SES unavailable');
    mailer.failing = false;

    expect((await sendAcknowledgement(deps, complaint.id, complaint.id, clock)).outcome).toBe('sent');
    expect(await acknowledgements(complaint.id)).toHaveLength(1);
  });
});
