import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, LocalClient } from '../../infra/local/client.js';
import { addDuration, computeDeadlines } from '../../shared/calendar/deadlines.js';
import { createCalendar } from '../../shared/calendar/working-calendar.js';
import { type PresetName, presetPolicy } from '../../shared/policy/presets/index.js';
import type { Duration } from '../../shared/policy/types.js';
import { stop, types, untilWorkflowTime } from '../support/lifecycle.js';
import { presetRuntime } from '../support/presets.js';

/**
 * One lifecycle under each preset, on the local runtime with scaled time: one real second is ten
 * workflow hours, so the survey's working-day reminder and closing pass in seconds. The complaint
 * (a late, wet parcel: P3, supply chain, agent.he) is received, graded, assigned, contacted, its
 * solution accepted by the customer, resolved and surveyed; the preset's closing rule closes it.
 */
const CASES: { preset: PresetName; figure: string; firstContact: Duration; resolve?: Duration }[] = [
  // The defaults: a P3 is first contacted within 1 working day.
  { preset: 'closeloop', figure: 'first contact within 1 working day', firstContact: { workingDays: 1 } },
  // 000: whoever owns it calls within 4 h, whatever the tier; the complex-problem limit of 48 h.
  {
    preset: 'ref-000',
    figure: 'first contact 4 h, resolved in 48 h',
    firstContact: { hours: 4 },
    resolve: { hours: 48 },
  },
  // 001: 三级 responded to in 4 h and closed in 72 h.
  {
    preset: 'ref-001',
    figure: 'first contact 4 h, resolved in 72 h',
    firstContact: { hours: 4 },
    resolve: { hours: 72 },
  },
  // 002: 中 responded to in 8 h, resolved in 72 h.
  {
    preset: 'ref-002',
    figure: 'first contact 8 h, resolved in 72 h',
    firstContact: { hours: 8 },
    resolve: { hours: 72 },
  },
  // 004: Ⅰ级 solved in 24 h, its only time.
  { preset: 'ref-004', figure: 'resolved in 24 h', firstContact: { hours: 24 }, resolve: { hours: 24 } },
];

// Workflow time runs on the wall clock (scaled), so these tests take real seconds whatever the load.
describe.each(CASES)('a lifecycle under the $preset preset', { timeout: 120_000 }, ({ preset, figure, ...row }) => {
  const policy = presetPolicy(preset);
  const calendar = createCalendar(policy.calendar);
  let env: Awaited<ReturnType<typeof presetRuntime>>;
  beforeAll(async () => {
    // Monday 2026-11-30 09:00 Beijing: no holiday in the weeks the complaint lives.
    env = await presetRuntime(preset, policy, { timeScale: 36_000, clockStart: new Date('2026-11-30T01:00:00Z') });
  });
  afterAll(() => stop(env?.runtime));

  /** Received, assigned, contacted, resolved: returns the complaint and its survey link once the survey is out. */
  async function surveyedComplaint(email: string) {
    const { client, waitForMail, waitForEvent } = env;
    const submitted = await client.submit({
      customer: { name: 'Ann Lee', email, locale: 'en' },
      description: 'My parcel arrived four days late and the box was wet.',
    });
    expect(submitted.grade).toBe('P3');
    const received = new Date(submitted.receivedAt);
    // The whole row of the preset's table, and the figure that sets this preset apart.
    expect(submitted.deadlines).toEqual(computeDeadlines(received, 'P3', policy.deadlines, calendar));
    expect(submitted.deadlines.firstContact, figure).toBe(
      addDuration(received, row.firstContact, calendar).toISOString(),
    );
    if (row.resolve) {
      expect(submitted.deadlines.resolve, figure).toBe(addDuration(received, row.resolve, calendar).toISOString());
    }
    await waitForMail(email, /received your complaint/);
    expect((await client.act('agent.he', submitted.id, 'assign')).status).toBe(200);
    expect((await client.act('agent.he', submitted.id, 'contact', { channel: 'phone', note: 'Called' })).status).toBe(
      200,
    );
    expect((await client.act('agent.he', submitted.id, 'propose', { summary: 'Courier re-delivers' })).status).toBe(
      200,
    );
    // Every preset asks the customer first (003 步骤3, 004 "确认客户同意后执行"): they accept from the offer mail.
    await env.acceptSolution(submitted.id);
    expect((await client.act('agent.he', submitted.id, 'resolve', { summary: 'Delivered dry' })).status).toBe(200);
    await waitForEvent(submitted.id, 'survey_sent');
    const survey = await eventually('the survey mail', async () =>
      (await client.mails(email)).find((m) => LocalClient.linkIn(m, 'survey')),
    );
    const { complaint } = await client.view('agent.he', submitted.id);
    return {
      id: submitted.id,
      surveyUrl: LocalClient.linkIn(survey, 'survey')!,
      surveySentAt: complaint.surveySentAt!,
    };
  }

  if (preset === 'ref-002') {
    it('keeps a silent customer’s complaint open on its owner’s queue and closes it only once they confirm', async () => {
      const { client, waitForEvent, waitForStatus } = env;
      const complaint = await surveyedComplaint('confirm@example.com');
      // The customer is reminded, then the owner, and past the time the defaults would have closed it, it is open.
      const timeline = await waitForEvent(complaint.id, 'owner_reminded', 1, 60_000);
      expect(timeline.find((e) => e.type === 'owner_reminded')?.data).toEqual({
        ownerId: 'agent.he',
        reason: 'confirmation_due',
      });
      expect(types(timeline)).toContain('survey_reminder_sent');
      await untilWorkflowTime(env.runtime, addDuration(new Date(complaint.surveySentAt), { workingDays: 4 }, calendar));
      const { complaint: waiting, timeline: later } = await client.view('agent.he', complaint.id);
      expect(waiting.status).toBe('awaiting_survey');
      expect(later.map((e) => e.type)).not.toContain('closed');
      const queue = await fetch(`${client.apiUrl}/staff/complaints?view=mine`, {
        headers: { authorization: `Bearer ${await client.tokenFor('agent.he')}` },
      });
      const { items } = (await queue.json()) as { items: { id: string; status: string }[] };
      expect(items).toContainEqual(expect.objectContaining({ id: complaint.id, status: 'awaiting_survey' }));
      // The customer confirms: closed.
      expect((await client.answerSurvey(complaint.surveyUrl, { score: 5, verdict: 'satisfied' })).status).toBe(200);
      const closed = await waitForStatus(complaint.id, 'closed');
      expect(closed).toMatchObject({ closeReason: 'survey_answered' });
    });
  } else {
    it('closes a silent customer’s complaint three working days after the survey', async () => {
      const { waitForEvent, waitForStatus } = env;
      const complaint = await surveyedComplaint('silent@example.com');
      const closed = await waitForStatus(complaint.id, 'closed', 60_000);
      expect(closed).toMatchObject({ closeReason: 'no_survey_answer' });
      const closeAt = addDuration(new Date(complaint.surveySentAt), { workingDays: 3 }, calendar).getTime();
      expect(Date.parse(closed.closedAt!)).toBeGreaterThanOrEqual(closeAt);
      const timeline = await waitForEvent(complaint.id, 'archived');
      expect(types(timeline)).toEqual(expect.arrayContaining(['survey_reminder_sent', 'survey_unanswered', 'closed']));
    });
  }
});
