import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import { complaintKey } from '../../shared/adapters/dynamo/keys.js';
import { BadRequestError, ConcurrentUpdateError, NotFoundError } from '../../shared/errors/index.js';
import type { Complaint, TimelineEvent } from '../../shared/model/complaint.js';
import type { IdempotencyClaim } from '../../shared/ports/index.js';
import { aComplaint, anEvent } from '../support/complaint-factory.js';
import { freshTable } from '../support/dynamo.js';

type Table = Awaited<ReturnType<typeof freshTable>>;

const NOW = new Date('2026-11-20T02:00:00.000Z');
const nowEpoch = Math.floor(NOW.getTime() / 1000);

const aClaim = (overrides: Partial<IdempotencyClaim> = {}): IdempotencyClaim => ({
  key: `key-${randomUUID()}`,
  requestHash: 'hash-of-the-body',
  expiresAt: nowEpoch + 86_400,
  ...overrides,
});

const ids = (complaints: Complaint[]) => complaints.map((c) => c.id);

describe('DynamoComplaintStore', () => {
  let table: Table;
  let store: DynamoComplaintStore;
  beforeAll(async () => {
    table = await freshTable('store');
    store = new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName });
  });
  afterAll(() => table.drop());

  async function stored(overrides: Partial<Complaint> = {}): Promise<Complaint> {
    const complaint = aComplaint(overrides);
    const result = await store.createComplaint(complaint, [anEvent(complaint.id)], [], NOW);
    expect(result.created).toBe(true);
    return complaint;
  }

  describe('ticket numbers', () => {
    const numbered = (month: string, claims: IdempotencyClaim[] = []) =>
      store
        .createComplaint(aComplaint(), [], claims, NOW, month)
        .then((r) => (r.created ? r.complaint.ticketNumber : 'none'));

    it('gives 50 complaints created at once 50 consecutive numbers', async () => {
      const numbers = await Promise.all(Array.from({ length: 50 }, () => numbered('203001')));
      expect([...numbers].sort()).toEqual(
        Array.from({ length: 50 }, (_, i) => `203001-${String(i + 1).padStart(4, '0')}`),
      );
    });

    it('starts every month at 0001', async () => {
      await numbered('203002');
      await numbered('203002');
      expect(await numbered('203003')).toBe('203003-0001');
      expect(await numbered('203002')).toBe('203002-0003');
    });

    it('uses no number for a submission whose claim is already taken', async () => {
      const claim = aClaim();
      expect(await numbered('203004', [claim])).toBe('203004-0001');
      expect(await numbered('203004', [claim])).toBe('none');
      expect(await numbered('203004')).toBe('203004-0002');
    });

    it('counts on from the numbers another instance has taken since', async () => {
      const other = new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName });
      expect(await numbered('203005')).toBe('203005-0001');
      await other.createComplaint(aComplaint(), [], [], NOW, '203005');
      expect(await numbered('203005')).toBe('203005-0003');
    });
  });

  describe('creating a complaint', () => {
    it('stores the complaint, its ticket, its first events and its claim together, and reads them back unchanged', async () => {
      const complaint = aComplaint({ orderNumber: 'SO-1', ownerId: 'agent-1' });
      const events = [anEvent(complaint.id, { type: 'received' }), anEvent(complaint.id, { type: 'graded' })];
      const claim = aClaim();

      const result = await store.createComplaint(complaint, events, [claim], NOW);

      expect(result).toEqual({ created: true, complaint });
      expect(await store.getComplaint(complaint.id)).toEqual(complaint);
      expect(await store.getComplaintByTicket(complaint.ticketNumber)).toEqual(complaint);
      expect(await store.listTimeline(complaint.id)).toEqual(events);
      expect(await store.findIdempotencyRecord(claim.key, NOW)).toEqual({ ...claim, complaintId: complaint.id });
    });

    it('lands all of 50 concurrent creates with distinct tickets', async () => {
      const complaints = Array.from({ length: 50 }, () => aComplaint());
      const results = await Promise.all(
        complaints.map((c) => store.createComplaint(c, [anEvent(c.id)], [aClaim()], NOW)),
      );
      expect(results.every((r) => r.created)).toBe(true);
      for (const c of complaints) expect(await store.getComplaintByTicket(c.ticketNumber)).toEqual(c);
    });

    it('creates exactly one complaint when two submissions race with the same idempotency claim', async () => {
      const claim = aClaim();
      const first = aComplaint();
      const second = aComplaint();

      const results = await Promise.all(
        [first, second].map((c) => store.createComplaint(c, [anEvent(c.id)], [claim], NOW)),
      );

      const winners = results.flatMap((r) => (r.created ? [r.complaint] : []));
      const losers = results.flatMap((r) => (r.created ? [] : [r.existing]));
      expect(winners).toHaveLength(1);
      const winner = winners[0]!;
      const loser = winner.id === first.id ? second : first;
      expect(losers).toEqual([{ ...claim, complaintId: winner.id }]);
      expect(await store.getComplaint(loser.id)).toBeUndefined();
      expect(await store.getComplaintByTicket(loser.ticketNumber)).toBeUndefined();
      expect(await store.listTimeline(loser.id)).toEqual([]);
    });

    it('returns the existing record to a retry, whichever of several claims it matches', async () => {
      const original = aComplaint();
      const keyClaim = aClaim();
      const fingerprint = aClaim();
      await store.createComplaint(original, [], [keyClaim, fingerprint], NOW);

      const retry = await store.createComplaint(aComplaint(), [], [aClaim(), fingerprint], NOW);

      expect(retry).toEqual({ created: false, existing: { ...fingerprint, complaintId: original.id } });
    });

    it('lets a new submission take over an expired claim that TTL has not removed yet', async () => {
      const claim = aClaim({ expiresAt: nowEpoch + 60 });
      await store.createComplaint(aComplaint(), [], [claim], NOW);
      const later = new Date(NOW.getTime() + 61_000);
      expect(await store.findIdempotencyRecord(claim.key, later)).toBeUndefined();

      const fresh = aComplaint();
      const renewed = { ...claim, expiresAt: nowEpoch + 86_400 };
      const result = await store.createComplaint(fresh, [], [renewed], later);

      expect(result.created).toBe(true);
      expect(await store.findIdempotencyRecord(claim.key, later)).toEqual({ ...renewed, complaintId: fresh.id });
    });

    it('never stores the same ticket number twice', async () => {
      const first = await stored();
      const duplicate = aComplaint({ ticketNumber: first.ticketNumber });

      await expect(store.createComplaint(duplicate, [anEvent(duplicate.id)], [aClaim()], NOW)).rejects.toThrow(
        ConcurrentUpdateError,
      );

      expect(await store.getComplaint(duplicate.id)).toBeUndefined();
      expect(await store.getComplaintByTicket(first.ticketNumber)).toEqual(first);
    });

    it('finds nothing for an unknown id or ticket', async () => {
      expect(await store.getComplaint(randomUUID())).toBeUndefined();
      expect(await store.getComplaintByTicket('199001-0001')).toBeUndefined();
    });
  });

  describe('updating a complaint', () => {
    it('applies the changes, bumps the version, stamps updatedAt and appends the events', async () => {
      const complaint = await stored();
      const note = anEvent(complaint.id, { type: 'assigned', at: '2026-11-20T03:00:00.000Z' });

      const updated = await store.updateComplaint(
        complaint.id,
        1,
        { status: 'assigned', ownerId: 'agent-7', updatedAt: '2026-11-20T03:00:00.000Z' },
        [note],
      );

      const expected = { ...complaint, status: 'assigned', ownerId: 'agent-7', version: 2, updatedAt: note.at };
      expect(updated).toEqual(expected);
      expect(await store.getComplaint(complaint.id)).toEqual(expected);
      expect((await store.listTimeline(complaint.id)).map((e) => e.type)).toEqual(['received', 'assigned']);
    });

    it('stamps updatedAt from its clock when the change does not carry one', async () => {
      const clockStore = new DynamoComplaintStore({
        doc: table.doc,
        tableName: table.tableName,
        clock: { now: () => new Date('2026-11-21T08:00:00.000Z') },
      });
      const complaint = await stored();
      const updated = await clockStore.updateComplaint(complaint.id, 1, { status: 'acknowledged' }, []);
      expect(updated.updatedAt).toBe('2026-11-21T08:00:00.000Z');
    });

    it('clears a field that a change sets to undefined', async () => {
      const complaint = await stored({ ownerId: 'agent-8' });
      await store.updateComplaint(complaint.id, 1, { ownerId: undefined }, []);
      expect((await store.getComplaint(complaint.id))?.ownerId).toBeUndefined();
    });

    it('lets exactly one of two concurrent updates from the same version win, and keeps only its events', async () => {
      const complaint = await stored();
      const attempts = ['agent-a', 'agent-b'].map((ownerId) => ({
        ownerId,
        event: anEvent(complaint.id, { type: 'assigned', at: '2026-11-20T03:00:00.000Z', actor: ownerId }),
      }));

      const results = await Promise.allSettled(
        attempts.map((a) => store.updateComplaint(complaint.id, 1, { ownerId: a.ownerId }, [a.event])),
      );

      const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]).toBeInstanceOf(ConcurrentUpdateError);
      const winner = attempts.find((a) => a.ownerId === won[0]?.ownerId)!;
      expect(await store.getComplaint(complaint.id)).toMatchObject({ ownerId: winner.ownerId, version: 2 });
      expect(await store.listTimeline(complaint.id)).toEqual([
        expect.objectContaining({ type: 'received' }),
        winner.event,
      ]);
    });

    it('refuses an update from a stale version and leaves the complaint as it was', async () => {
      const complaint = await stored();
      await store.updateComplaint(complaint.id, 1, { status: 'acknowledged' }, []);

      await expect(
        store.updateComplaint(complaint.id, 1, { status: 'closed' }, [anEvent(complaint.id, { type: 'closed' })]),
      ).rejects.toThrow(ConcurrentUpdateError);

      expect(await store.getComplaint(complaint.id)).toMatchObject({ status: 'acknowledged', version: 2 });
      expect((await store.listTimeline(complaint.id)).map((e) => e.type)).toEqual(['received']);
    });

    it('writes onto the record the caller read without reading it again, and still refuses it once it is stale', async () => {
      const complaint = await stored();
      const read = (await store.getComplaint(complaint.id))!;
      let reads = 0;
      const counting = new DynamoComplaintStore({
        doc: {
          send: (command: unknown) => {
            if (command instanceof GetCommand) reads++;
            return table.doc.send(command as GetCommand);
          },
        } as typeof table.doc,
        tableName: table.tableName,
      });
      const written = await counting.updateComplaint(complaint.id, 1, { status: 'acknowledged' }, [], read);
      expect(reads).toBe(0);
      expect(written).toMatchObject({ status: 'acknowledged', version: 2, ticketNumber: read.ticketNumber });
      await expect(counting.updateComplaint(complaint.id, 1, { status: 'closed' }, [], read)).rejects.toThrow(
        ConcurrentUpdateError,
      );
      expect(await store.getComplaint(complaint.id)).toMatchObject({ status: 'acknowledged', version: 2 });
    });

    it('throws NotFoundError for a complaint that does not exist', async () => {
      const ghost = randomUUID();
      await expect(store.updateComplaint(ghost, 1, { status: 'closed' }, [anEvent(ghost)])).rejects.toThrow(
        NotFoundError,
      );
      expect(await store.listTimeline(ghost)).toEqual([]);
    });
  });

  describe('the timeline', () => {
    it('keeps events in the order they were made, even within one millisecond', async () => {
      const complaint = await stored();
      const at = '2026-11-20T05:00:00.000Z';
      const sameMillisecond = ['note_added', 'reply_sent', 'status_changed'].map((type) =>
        anEvent(complaint.id, { type, at }),
      );
      const earlier = anEvent(complaint.id, { type: 'graded', at: '2026-11-20T04:59:59.999Z' });

      await store.appendEvents(sameMillisecond);
      await store.appendEvents([earlier]);

      expect((await store.listTimeline(complaint.id)).map((e) => e.type)).toEqual([
        'received',
        'graded',
        'note_added',
        'reply_sent',
        'status_changed',
      ]);
    });

    it('never overwrites an event: a second write with the same id is refused and changes nothing', async () => {
      const complaint = await stored();
      const note = anEvent(complaint.id, { type: 'note_added', data: { text: 'first' } });
      await store.appendEvents([note]);

      await expect(store.appendEvents([{ ...note, data: { text: 'rewritten' } } as TimelineEvent])).rejects.toThrow();

      const timeline = await store.listTimeline(complaint.id);
      expect(timeline.filter((e) => e.eventId === note.eventId)).toEqual([note]);
    });

    it('reads a timeline longer than one DynamoDB page', async () => {
      const complaint = await stored();
      // Three batches of 10 events of about 40 KB: past the 1 MB a single Query returns.
      const padding = 'x'.repeat(40_000);
      const batches = Array.from({ length: 3 }, (_, b) =>
        Array.from({ length: 10 }, (_, i) =>
          anEvent(complaint.id, {
            type: 'note_added',
            at: `2026-11-21T0${b}:00:${String(i).padStart(2, '0')}.000Z`,
            data: { padding },
          }),
        ),
      );
      for (const batch of batches) await store.appendEvents(batch);

      const timeline = await store.listTimeline(complaint.id);

      expect(timeline.map((e) => e.eventId)).toEqual([expect.any(String), ...batches.flat().map((e) => e.eventId)]);
    });
  });
});

describe('DynamoComplaintStore queries', () => {
  // A table of their own: these tests assert whole result sets.
  let table: Table;
  let store: DynamoComplaintStore;
  beforeAll(async () => {
    table = await freshTable('queries');
    store = new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName });
  });
  afterAll(() => table.drop());

  async function given(...complaints: Complaint[]): Promise<Complaint[]> {
    await Promise.all(complaints.map((c) => store.createComplaint(c, [], [], NOW)));
    return complaints;
  }

  it('lists by status, optionally one grade, grade first then oldest first', async () => {
    const [p3Late, p1, p3Early] = await given(
      aComplaint({ status: 'assigned', grade: 'P3', receivedAt: '2026-11-20T09:00:00.000Z' }),
      aComplaint({ status: 'assigned', grade: 'P1', receivedAt: '2026-11-20T10:00:00.000Z' }),
      aComplaint({ status: 'assigned', grade: 'P3', receivedAt: '2026-11-20T08:00:00.000Z' }),
      aComplaint({ status: 'in_progress', grade: 'P3' }),
    );

    expect(ids((await store.listByStatus('assigned')).items)).toEqual(ids([p1!, p3Early!, p3Late!]));
    expect(ids((await store.listByStatus('assigned', { grade: 'P3' })).items)).toEqual(ids([p3Early!, p3Late!]));
    expect((await store.listByStatus('assigned', { grade: 'P2' })).items).toEqual([]);
  });

  it('returns complaints as stored, without the index attributes', async () => {
    const [complaint] = await given(
      aComplaint({ status: 'awaiting_customer', ownerId: 'agent-x', orderNumber: 'SO-X' }),
    );
    expect((await store.listByStatus('awaiting_customer')).items).toEqual([complaint]);
  });

  it("lists a department's queue by next deadline, complaints without one last", async () => {
    const [later, none, sooner] = await given(
      aComplaint({ department: 'quality', nextDeadlineAt: '2026-11-22T00:00:00.000Z' }),
      aComplaint({ department: 'quality', nextDeadlineAt: undefined }),
      aComplaint({ department: 'quality', nextDeadlineAt: '2026-11-21T00:00:00.000Z' }),
      aComplaint({ department: 'finance' }),
    );
    expect(ids((await store.listByDepartment('quality')).items)).toEqual(ids([sooner!, later!, none!]));
  });

  it("merges a department's grades into one deadline order, and ends it with the complaints closed on a deadline they kept", async () => {
    const [p3, closed, p1, p2] = await given(
      aComplaint({ department: 'supply_chain', grade: 'P3', nextDeadlineAt: '2026-11-21T03:00:00.000Z' }),
      aComplaint({
        department: 'supply_chain',
        grade: 'P1',
        status: 'closed',
        nextDeadlineAt: '2026-11-20T00:00:00.000Z',
      }),
      aComplaint({ department: 'supply_chain', grade: 'P1', nextDeadlineAt: '2026-11-21T05:00:00.000Z' }),
      aComplaint({ department: 'supply_chain', grade: 'P2', nextDeadlineAt: '2026-11-21T01:00:00.000Z' }),
    );
    expect(ids((await store.listByDepartment('supply_chain')).items)).toEqual(ids([p2!, p3!, p1!, closed!]));
    expect(ids((await store.listByDepartment('supply_chain', { match: { grade: 'P1' } })).items)).toEqual(
      ids([p1!, closed!]),
    );
    // Due before any instant is open work: the closed complaint's old deadline puts it in no overdue list.
    const overdue = await store.listByDepartment('supply_chain', { dueBefore: '2026-11-30T00:00:00.000Z' });
    expect(ids(overdue.items)).toEqual(ids([p2!, p3!, p1!]));
  });

  it("lists an owner's queue by deadline and puts unassigned complaints in their department's unassigned queue instead", async () => {
    const [later, sooner, released, unassigned] = await given(
      aComplaint({ ownerId: 'agent-q', nextDeadlineAt: '2026-11-22T00:00:00.000Z' }),
      aComplaint({ ownerId: 'agent-q', nextDeadlineAt: '2026-11-21T00:00:00.000Z' }),
      aComplaint({ ownerId: 'agent-q' }),
      aComplaint(),
    );
    await store.updateComplaint(released!.id, 1, { ownerId: undefined }, []);

    expect(ids((await store.listByOwner('agent-q')).items)).toEqual(ids([sooner!, later!]));
    for (const id of [released!.id, unassigned!.id]) {
      const { Item } = await table.doc.send(new GetCommand({ TableName: table.tableName, Key: complaintKey(id) }));
      expect(Item?.ownerKey).toBe(`UNASSIGNED#${unassigned!.department}#${unassigned!.grade}`);
    }
    expect(ids((await store.listUnassigned(unassigned!.department)).items)).toEqual(
      expect.arrayContaining([released!.id, unassigned!.id]),
    );
  });

  it('lists open complaints due before an instant, soonest first, and drops them once closed', async () => {
    // The day before the factory's default deadlines, so other tests' complaints stay out of range.
    const [due1, due2, toClose] = await given(
      aComplaint({ nextDeadlineAt: '2026-11-19T03:00:00.000Z' }),
      aComplaint({ nextDeadlineAt: '2026-11-19T04:00:00.000Z' }),
      aComplaint({ nextDeadlineAt: '2026-11-19T02:30:00.000Z' }),
      aComplaint({ nextDeadlineAt: '2026-11-19T06:00:00.000Z' }),
      aComplaint({ nextDeadlineAt: undefined }),
      aComplaint({ status: 'closed', nextDeadlineAt: '2026-11-19T01:00:00.000Z' }),
    );
    expect(ids((await store.listDueBefore('2026-11-19T05:00:00.000Z')).items)).toEqual(ids([toClose!, due1!, due2!]));

    await store.updateComplaint(toClose!.id, 1, { status: 'closed' }, []);

    expect(ids((await store.listDueBefore('2026-11-19T05:00:00.000Z')).items)).toEqual(ids([due1!, due2!]));
    // Strictly before: a deadline at the instant itself is not yet due.
    expect(ids((await store.listDueBefore('2026-11-19T04:00:00.000Z')).items)).toEqual(ids([due1!]));
  });

  it("lists a customer's complaints newest first, whatever the email's case", async () => {
    const customer = { name: 'Ana', email: 'Ana.Lima@Example.com', tier: 'vip', locale: 'en' } as const;
    const [older, newer] = await given(
      aComplaint({ customer, receivedAt: '2026-11-01T00:00:00.000Z' }),
      aComplaint({ customer: { ...customer, email: 'ana.lima@example.com' }, receivedAt: '2026-11-15T00:00:00.000Z' }),
      aComplaint({ customer: { ...customer, email: 'someone.else@example.com' } }),
      aComplaint({ customer: { ...customer, email: undefined, phone: '+86 138 0000 0000' } }),
    );
    expect(ids((await store.listByCustomerEmail('ANA.LIMA@example.com')).items)).toEqual(ids([newer!, older!]));
  });

  it('lists the complaints about one order', async () => {
    const [a, b] = await given(
      aComplaint({ orderNumber: 'SO-42', receivedAt: '2026-11-01T00:00:00.000Z' }),
      aComplaint({ orderNumber: 'SO-42', receivedAt: '2026-11-02T00:00:00.000Z' }),
      aComplaint({ orderNumber: 'SO-43' }),
    );
    expect(ids((await store.listByOrderNumber('SO-42')).items)).toEqual(ids([b!, a!]));
    expect((await store.listByOrderNumber('SO-44')).items).toEqual([]);
  });

  it('pages through a long list with the cursor, each complaint exactly once', async () => {
    const all = await given(...Array.from({ length: 5 }, () => aComplaint({ department: 'legal_pr' })));
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store.listByDepartment('legal_pr', { limit: 2, cursor });
      seen.push(...ids(page.items));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);

    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(ids(all).sort());
  });

  it('refuses a malformed cursor, or one from another list, as a bad request', async () => {
    await given(aComplaint({ department: 'product' }), aComplaint({ department: 'product' }));
    const { nextCursor } = await store.listByDepartment('product', { limit: 1 });
    expect(nextCursor).toBeDefined();

    for (const cursor of ['not base64 json!', Buffer.from('[1,2]').toString('base64url'), nextCursor!.slice(0, -3)]) {
      await expect(store.listByDepartment('product', { cursor })).rejects.toThrow(BadRequestError);
    }
    await expect(store.listByDepartment('finance', { cursor: nextCursor })).rejects.toThrow(BadRequestError);
    await expect(store.listByOwner('agent-z', { cursor: nextCursor })).rejects.toThrow(BadRequestError);
    await expect(store.listByDepartment('product', { limit: 0 })).rejects.toThrow(BadRequestError);
  });
});
