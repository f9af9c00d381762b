import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import { createCalendar } from '../../shared/calendar/working-calendar.js';
import { InvalidTransitionError } from '../../shared/errors/index.js';
import { DynamoIncidentStore } from '../../shared/incidents/dynamo-incidents.js';
import { linkedTickets } from '../../shared/incidents/model.js';
import type { Complaint } from '../../shared/model/complaint.js';
import { checkIncidentClocks, detectIncident, performIncidentAction } from '../../shared/usecases/incidents.js';
import { aComplaint } from '../support/complaint-factory.js';
import { freshTable } from '../support/dynamo.js';
import { RecordingMailer } from '../support/recording-ports.js';
import { demoMember, policyWithDemoStaff } from '../support/staff.js';

describe('batch-defect incidents in DynamoDB Local', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  let complaints: DynamoComplaintStore;
  let now = new Date('2026-12-03T02:00:00.000Z');
  const mailer = new RecordingMailer();
  const deps = () => ({
    incidents: new DynamoIncidentStore({ doc: table.doc, tableName: table.tableName }),
    mailer,
    clock: { now: () => now },
    policy: policyWithDemoStaff,
    calendar: createCalendar(policyWithDemoStaff.calendar),
    links: { baseUrl: 'https://closeloop.example' },
  });

  beforeAll(async () => {
    table = await freshTable('incidents');
    complaints = new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName });
  });
  afterAll(async () => {
    await table?.drop();
  });

  const kettle = (receivedAt: string, lot = 'L2611', model = 'KX-200'): Complaint =>
    aComplaint({ category: 'product_quality', receivedAt, product: { model, lot } });

  async function stored(c: Complaint): Promise<Complaint> {
    await complaints.createComplaint(c, [], [], new Date(c.receivedAt));
    return c;
  }

  it('the third complaint of a model and lot opens an incident and the fourth joins it', async () => {
    const [first, second, third, fourth] = await Promise.all([
      stored(kettle('2026-12-01T01:00:00.000Z')),
      stored(kettle('2026-12-02T01:00:00.000Z')),
      stored(kettle('2026-12-03T01:00:00.000Z')),
      stored(kettle('2026-12-03T05:00:00.000Z')),
    ]);
    expect((await detectIncident(deps(), first)).kind).toBe('none');
    expect((await detectIncident(deps(), second)).kind).toBe('none');

    const opened = await detectIncident(deps(), third);
    expect(opened.kind).toBe('opened');
    if (opened.kind === 'none') throw new Error('no incident');
    expect(opened.incident).toMatchObject({ grade: 'P1', model: 'KX-200', lot: 'L2611', status: 'open' });
    expect(linkedTickets(opened.incident)).toEqual([first.ticketNumber, second.ticketNumber, third.ticketNumber]);
    expect(opened.incident.planDueAt).toBe('2026-12-03T04:00:00.000Z');
    // The quality department's head (the demo directory's company-wide head) and the manager.
    expect(mailer.sent.map((m) => m.to).sort()).toEqual(['head.zhao@closeloop.local', 'manager.sun@closeloop.local']);

    now = new Date('2026-12-03T05:00:01.000Z');
    const joined = await detectIncident(deps(), fourth);
    expect(joined.kind).toBe('joined');
    if (joined.kind === 'none') throw new Error('no incident');
    expect(joined.incident.id).toBe(opened.incident.id);
    expect(linkedTickets(joined.incident)).toHaveLength(4);
    expect(mailer.sent).toHaveLength(2);

    for (const c of [first, second, third, fourth]) {
      const linked = (await complaints.listTimeline(c.id)).filter((e) => e.type === 'incident_linked');
      expect(linked).toEqual([
        expect.objectContaining({ data: expect.objectContaining({ incidentId: opened.incident.id }) }),
      ]);
    }
    const timeline = await deps().incidents.timeline(opened.incident.id);
    expect(timeline.map((e) => e.type)).toEqual(['opened', 'notified', 'joined']);

    // A replayed stream record changes nothing.
    expect((await detectIncident(deps(), fourth)).kind).toBe('already_linked');
    expect(await deps().incidents.timeline(opened.incident.id)).toHaveLength(3);
  });

  it('opens one incident when the complaints that complete a batch arrive at the same moment', async () => {
    const batch = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => stored(kettle(`2026-12-02T0${n}:00:00.000Z`, 'L-RACE'))),
    );
    const results = await Promise.all(batch.map((c) => detectIncident(deps(), c)));
    const ids = new Set(results.flatMap((r) => (r.kind === 'none' ? [] : [r.incident.id])));
    expect(ids.size).toBe(1);
    const [id] = ids;
    const incident = await deps().incidents.get(id!);
    expect(Object.keys(incident!.linked).sort()).toEqual(batch.map((c) => c.id).sort());
    const open = await deps().incidents.list({ status: 'open' });
    expect(open.items.filter((i) => i.lot === 'L-RACE')).toHaveLength(1);
  });

  it('escalates a plan past its deadline once, and closes only with a root cause and an action', async () => {
    const batch = await Promise.all(
      ['2026-12-01T01:00:00.000Z', '2026-12-01T02:00:00.000Z', '2026-12-01T03:00:00.000Z'].map((at) =>
        stored(kettle(at, 'L-PLAN', 'TOASTER-9')),
      ),
    );
    now = new Date('2026-12-01T03:00:00.000Z');
    let opened: Awaited<ReturnType<typeof detectIncident>> = { kind: 'none' };
    for (const c of batch) opened = await detectIncident(deps(), c);
    if (opened.kind === 'none') throw new Error('no incident');
    const id = opened.incident.id;
    const sentBefore = mailer.sent.length;

    now = new Date('2026-12-01T05:00:01.000Z');
    expect(await checkIncidentClocks(deps())).toMatchObject({ overdue: 1 });
    expect(mailer.sent.slice(sentBefore).every((m) => m.tags?.kind === 'incident_plan_overdue')).toBe(true);
    expect(await checkIncidentClocks(deps())).toMatchObject({ overdue: 0 });

    const manager = demoMember('manager.sun');
    await expect(performIncidentAction(deps(), { id, action: 'close', actor: manager, body: {} })).rejects.toThrow(
      InvalidTransitionError,
    );
    await performIncidentAction(deps(), {
      id,
      action: 'plan',
      actor: manager,
      body: { text: 'Stop shipping lot L-PLAN' },
    });
    await performIncidentAction(deps(), { id, action: 'root-cause', actor: manager, body: { text: 'Bad thermostat' } });
    await performIncidentAction(deps(), { id, action: 'action', actor: manager, body: { text: 'Recall and replace' } });
    const closed = await performIncidentAction(deps(), { id, action: 'close', actor: manager, body: {} });
    expect(closed.status).toBe('closed');
    expect((await deps().incidents.timeline(id)).map((e) => e.type)).toEqual([
      'opened',
      'notified',
      'plan_overdue',
      'plan_recorded',
      'root_cause_recorded',
      'action_recorded',
      'closed',
    ]);

    // The closed incident's complaints are dealt with: one more complaint of the lot makes no new incident.
    now = new Date('2026-12-01T06:00:00.000Z');
    const later = await stored(kettle('2026-12-01T06:00:00.000Z', 'L-PLAN', 'TOASTER-9'));
    expect((await detectIncident(deps(), later)).kind).toBe('none');
  });
});
