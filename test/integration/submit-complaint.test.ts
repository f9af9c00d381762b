import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import { DynamoRateLimiter } from '../../shared/adapters/dynamo/rate-limiter.js';
import { createCalendar } from '../../shared/calendar/working-calendar.js';
import {
  BadRequestError,
  IdempotencyConflictError,
  RateLimitedError,
  ValidationError,
} from '../../shared/errors/index.js';
import { verifyCustomerLink } from '../../shared/links/status-link.js';
import { defaultIntakePolicy as defaultPolicy } from '../../shared/policy/intake-policy.js';
import type { Clock, Workflow, WorkflowInput } from '../../shared/ports/index.js';
import { type IntakeDeps, submitComplaint } from '../../shared/usecases/submit-complaint.js';
import { freshTable } from '../support/dynamo.js';

const key = new TextEncoder().encode('integration-test-secret-0123456789abcdef');

class RecordingWorkflow implements Workflow {
  started: WorkflowInput[] = [];
  failNext = 0;
  async start(input: WorkflowInput) {
    if (this.failNext > 0) {
      this.failNext--;
      throw Object.assign(new Error('throttled'), { name: 'ThrottlingException' });
    }
    const alreadyStarted = this.started.some((s) => s.complaintId === input.complaintId);
    if (!alreadyStarted) this.started.push(input);
    return { executionArn: `arn:aws:states:local:0:execution:m:${input.complaintId}`, alreadyStarted };
  }
  async signal(): Promise<'delivered' | 'stale'> {
    return 'stale';
  }
}

describe('submitting a complaint', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  let deps: IntakeDeps;
  let workflow: RecordingWorkflow;
  let store: DynamoComplaintStore;
  let now: Date;
  const clock: Clock = { now: () => now };

  beforeAll(async () => {
    table = await freshTable('intake');
  });
  afterAll(() => table.drop());
  beforeEach(() => {
    // 2026-09-30 17:00 Shanghai: the last working afternoon before the National Day holiday.
    now = new Date('2026-09-30T09:00:00Z');
    workflow = new RecordingWorkflow();
    store = new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName, clock });
    deps = {
      store,
      workflow,
      rateLimiter: new DynamoRateLimiter({ doc: table.doc, tableName: table.tableName, limitPerWindow: 0 }),
      clock,
      policy: defaultPolicy,
      calendar: createCalendar(defaultPolicy.calendar),
      links: { baseUrl: 'http://localhost:3000', key },
    };
  });

  const countItems = async (prefix: string) => {
    const out = await table.doc.send(new ScanCommand({ TableName: table.tableName }));
    return (out.Items ?? []).filter((i) => String(i.pk).startsWith(prefix)).length;
  };

  it('stores a graded, routed, numbered complaint with its deadlines and starts its workflow', async () => {
    const result = await submitComplaint(deps, {
      body: {
        customer: { name: '张伟', email: 'zhang.wei@example.com' },
        description: '我家的电暖器昨晚突然冒烟起火，差点烧到窗帘，太危险了！',
        orderNumber: 'JD-778812',
        product: { model: 'HX-2000', serialNumber: 'SN123', purchaseDate: '2026-08-01' },
        requestedRemedy: 'refund',
      },
      clientKey: '10.0.0.1',
      locale: 'zh-CN',
    });
    const { complaint } = result;
    expect(result.replayed).toBe(false);
    expect(complaint.ticketNumber).toMatch(/^202609-\d{4}$/);
    expect(complaint.grade).toBe('P1');
    expect(complaint.gradeReasons.join(' ')).toMatch(/冒烟|起火/);
    expect(complaint.department).toBe('quality');
    expect(complaint.customer.locale).toBe('zh-CN');
    // P1: an owner within 15 minutes, resolve within 24 clock hours, holiday or not.
    expect(complaint.deadlines.assign).toBe('2026-09-30T09:15:00.000Z');
    expect(complaint.deadlines.resolve).toBe('2026-10-01T09:00:00.000Z');
    expect(workflow.started).toEqual([
      { complaintId: complaint.id, ticketNumber: complaint.ticketNumber, grade: 'P1', locale: 'zh-CN' },
    ]);
    const stored = await store.getComplaint(complaint.id);
    expect(stored?.orderNumber).toBe('JD-778812');
    const timeline = await store.listTimeline(complaint.id);
    expect(timeline.map((e) => e.type)).toEqual(['received', 'graded']);
    await expect(verifyCustomerLink(result.statusUrl.split('/status/')[1]!, 'status', key, now)).resolves.toMatchObject(
      {
        complaintId: complaint.id,
      },
    );
  });

  it('skips the National Day holiday in a P3 complaint’s working-day deadlines', async () => {
    const { complaint } = await submitComplaint(deps, {
      body: {
        customer: { email: 'late@example.com', locale: 'en' },
        description: 'My parcel is five days late and nobody answers.',
      },
      clientKey: '10.0.0.2',
      locale: 'en',
    });
    expect(complaint.grade).toBe('P3');
    // 17:00 on 30 Sep + 1 working day (9 working hours) = 17:00 on 8 Oct, after the holiday.
    expect(complaint.deadlines.firstContact).toBe('2026-10-08T09:00:00.000Z');
    // + 3 working days lands on Saturday 10 Oct, a swapped working day.
    expect(complaint.deadlines.resolve).toBe('2026-10-10T09:00:00.000Z');
  });

  it('grades a VIP customer’s ordinary question as P2 because of who they are, when staff register it', async () => {
    const { complaint } = await submitComplaint(deps, {
      body: {
        channel: 'phone',
        customer: { email: 'vip@example.com', tier: 'vip' },
        description: 'How do I change the delivery address?',
      },
      clientKey: 'staff#agent.li',
      locale: 'en',
      takenBy: 'agent.li',
    });
    expect(complaint.grade).toBe('P2');
    expect(complaint.gradeReasons.join(' ')).toMatch(/vip/i);
  });

  it('grades what the public form sends as a web complaint from a standard customer, whatever channel and tier it claims', async () => {
    const { complaint } = await submitComplaint(deps, {
      body: {
        channel: 'regulator',
        customer: { email: 'claims@example.com', tier: 'vip' },
        description: 'How do I change the delivery address?',
      },
      clientKey: '10.0.0.4',
      locale: 'en',
    });
    expect(complaint.channel).toBe('web');
    expect(complaint.customer.tier).toBe('standard');
    expect(complaint.grade).toBe('P4');
  });

  it('answers a retried submission with the same Idempotency-Key with the same complaint, storing nothing new', async () => {
    const body = { customer: { email: 'retry@example.com' }, description: 'The blender stopped working after a week.' };
    const first = await submitComplaint(deps, { body, idempotencyKey: 'form-key-0001', clientKey: 'a', locale: 'en' });
    const before = await countItems('COMPLAINT#');
    const second = await submitComplaint(deps, { body, idempotencyKey: 'form-key-0001', clientKey: 'a', locale: 'en' });
    expect(second.replayed).toBe(true);
    expect(second.complaint.id).toBe(first.complaint.id);
    expect(second.complaint.ticketNumber).toBe(first.complaint.ticketNumber);
    expect(await countItems('COMPLAINT#')).toBe(before);
    expect(workflow.started.filter((s) => s.complaintId === first.complaint.id)).toHaveLength(1);
  });

  it('refuses an Idempotency-Key reused for a different complaint', async () => {
    await submitComplaint(deps, {
      body: { customer: { email: 'k@example.com' }, description: 'First problem' },
      idempotencyKey: 'shared-key-0002',
      clientKey: 'a',
      locale: 'en',
    });
    await expect(
      submitComplaint(deps, {
        body: { customer: { email: 'k@example.com' }, description: 'A different problem' },
        idempotencyKey: 'shared-key-0002',
        clientKey: 'a',
        locale: 'en',
      }),
    ).rejects.toBeInstanceOf(IdempotencyConflictError);
  });

  it('treats the same words from the same person within minutes as one complaint, even without a key', async () => {
    const body = { customer: { email: 'double@example.com' }, description: 'Charged twice for order 5566!' };
    const first = await submitComplaint(deps, { body, clientKey: 'a', locale: 'en' });
    now = new Date(now.getTime() + 60_000);
    const second = await submitComplaint(deps, { body, clientKey: 'a', locale: 'en' });
    expect(second.complaint.id).toBe(first.complaint.id);
    now = new Date(now.getTime() + 11 * 60_000);
    const later = await submitComplaint(deps, { body, clientKey: 'a', locale: 'en' });
    expect(later.complaint.id).not.toBe(first.complaint.id);
  });

  it('creates exactly one complaint when ten copies of a submission race', async () => {
    const body = { customer: { email: 'race@example.com' }, description: 'Screen cracked on arrival' };
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        submitComplaint(deps, { body, idempotencyKey: 'race-key-0003', clientKey: 'a', locale: 'en' }),
      ),
    );
    expect(new Set(results.map((r) => r.complaint.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
  });

  it('gives 50 concurrent complaints 50 distinct ticket numbers', async () => {
    now = new Date('2026-11-24T02:00:00Z');
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        submitComplaint(deps, {
          body: { customer: { email: `c${i}@example.com` }, description: `Complaint number ${i}` },
          clientKey: `ip-${i}`,
          locale: 'en',
        }),
      ),
    );
    const numbers = results.map((r) => r.complaint.ticketNumber).sort();
    expect(new Set(numbers).size).toBe(50);
    expect(numbers[0]).toBe('202611-0001');
    expect(numbers[49]).toBe('202611-0050');
  });

  it('numbers only the complaints it creates: 20 keys sent 5 times at once, and 20 conflicting reuses, give 0001-0020 with no gap', async () => {
    now = new Date('2027-02-10T02:00:00Z');
    const send = (i: number, description = `Complaint ${i}: the fridge stopped cooling.`) =>
      submitComplaint(deps, {
        body: { customer: { email: `gap${i}@example.com` }, description },
        idempotencyKey: `gap-key-${String(i).padStart(4, '0')}`,
        clientKey: `ip-${i}`,
        locale: 'en',
      });
    const results = await Promise.all(Array.from({ length: 100 }, (_, n) => send(n % 20)));
    const conflicts = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => send(i, 'A different problem')));
    expect(conflicts.every((c) => c.status === 'rejected' && c.reason instanceof IdempotencyConflictError)).toBe(true);
    const numbers = [...new Set(results.map((r) => r.complaint.ticketNumber))].sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `202702-${String(i + 1).padStart(4, '0')}`));
    const next = await submitComplaint(deps, {
      body: { customer: { email: 'after@example.com' }, description: 'The next complaint of the month.' },
      clientKey: 'ip-next',
      locale: 'en',
    });
    expect(next.complaint.ticketNumber).toBe('202702-0021');
  });

  it('stores nothing for invalid input', async () => {
    const before = await countItems('');
    await expect(
      submitComplaint(deps, { body: { customer: { email: 'nope' }, description: '' }, clientKey: 'a', locale: 'en' }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await countItems('')).toBe(before);
  });

  it('stores nothing when the honeypot field is filled', async () => {
    const before = await countItems('');
    await expect(
      submitComplaint(deps, {
        body: {
          customer: { email: 'bot@example.com' },
          description: 'Buy cheap watches',
          website: 'http://spam.example',
        },
        clientKey: 'a',
        locale: 'en',
      }),
    ).rejects.toBeInstanceOf(BadRequestError);
    expect(await countItems('')).toBe(before);
  });

  it('refuses a client that submits faster than the limit, without storing its complaints', async () => {
    deps.rateLimiter = new DynamoRateLimiter({ doc: table.doc, tableName: table.tableName, limitPerWindow: 2 });
    const body = (i: number) => ({ customer: { email: `flood${i}@example.com` }, description: `Flood ${i}` });
    await submitComplaint(deps, { body: body(1), clientKey: 'flooder', locale: 'en' });
    await submitComplaint(deps, { body: body(2), clientKey: 'flooder', locale: 'en' });
    const before = await countItems('COMPLAINT#');
    await expect(submitComplaint(deps, { body: body(3), clientKey: 'flooder', locale: 'en' })).rejects.toBeInstanceOf(
      RateLimitedError,
    );
    expect(await countItems('COMPLAINT#')).toBe(before);
    await expect(
      submitComplaint(deps, { body: body(4), clientKey: 'someone-else', locale: 'en' }),
    ).resolves.toBeDefined();
  });

  it("looks up the submission's claims while the rate limiter is still counting it", async () => {
    let answer!: (limit: { allowed: boolean; retryAfterSeconds: number }) => void;
    deps.rateLimiter = { hit: () => new Promise((resolve) => (answer = resolve)) };
    const lookedUp: string[] = [];
    const find = store.findIdempotencyRecord.bind(store);
    store.findIdempotencyRecord = (claimKey, at) => {
      lookedUp.push(claimKey);
      return find(claimKey, at);
    };
    const body = { customer: { email: 'parallel@example.com' }, description: 'Kettle leaks' };
    const submitted = submitComplaint(deps, { body, idempotencyKey: 'parallel-0001', clientKey: 'a', locale: 'en' });
    expect(lookedUp).toHaveLength(2);
    answer({ allowed: true, retryAfterSeconds: 0 });
    await expect(submitted).resolves.toMatchObject({ replayed: false });
  });

  it('counts refused submissions too, and tells a client over the limit 429 before judging its body', async () => {
    deps.rateLimiter = new DynamoRateLimiter({ doc: table.doc, tableName: table.tableName, limitPerWindow: 1 });
    await expect(
      submitComplaint(deps, { body: { description: '' }, clientKey: 'sloppy', locale: 'en' }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      submitComplaint(deps, { body: { description: '' }, clientKey: 'sloppy', locale: 'en' }),
    ).rejects.toBeInstanceOf(RateLimitedError);
  });

  it('keeps the complaint when its workflow cannot start, records why, and starts it on the retry', async () => {
    workflow.failNext = 1;
    const body = { customer: { email: 'fault@example.com' }, description: 'Fridge is warm' };
    const first = await submitComplaint(deps, { body, idempotencyKey: 'fault-key-0004', clientKey: 'a', locale: 'en' });
    expect(workflow.started).toHaveLength(0);
    const timeline = await store.listTimeline(first.complaint.id);
    expect(timeline.map((e) => e.type)).toContain('workflow_start_failed');
    await submitComplaint(deps, { body, idempotencyKey: 'fault-key-0004', clientKey: 'a', locale: 'en' });
    expect(workflow.started.map((s) => s.complaintId)).toEqual([first.complaint.id]);
  });
});
