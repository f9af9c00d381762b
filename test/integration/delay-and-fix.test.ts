import { describe, expect, it } from 'vitest';
import { ForbiddenError, ValidationError } from '../../shared/errors/index.js';
import { errorResponse } from '../../shared/http/handler.js';
import { sendResultStep, timerStep, type WorkflowStepDeps } from '../../shared/usecases/workflow-steps.js';
import { aComplaint } from '../support/complaint-factory.js';
import { staffActionHarness } from '../support/staff-action-harness.js';

describe('delay notices, fix versions and the result deadline', () => {
  const h = staffActionHarness('delay-and-fix');
  const { given, contacted, withSolution, act, expectWokenOnceFromStored, expectUnchanged, types } = h;
  const wf = (): WorkflowStepDeps => ({ ...h.deps, tokens: h.tokens, mailer: h.mailer, links: h.deps.links });

  describe('notify-delay', () => {
    it('mails the customer the new date and the reason, records it with the deadlines unchanged, and wakes the workflow', async () => {
      const complaint = await given({ ...contacted(), customer: { ...aComplaint().customer, locale: 'zh-CN' } });
      const { complaint: written } = await act('agent.li', complaint, 'notify-delay', {
        newDate: '2026-11-27',
        reason: '配件缺货，<b>供应商</b>下周发货',
      });
      expect(written.delay).toMatchObject({
        newDate: '2026-11-27',
        toldBy: 'agent.li',
        until: '2026-11-27T16:00:00.000Z',
      });
      expect(written.deadlines).toEqual(complaint.deadlines);
      const [mail] = h.mailer.sent;
      expect(mail?.tags?.kind).toBe('delay');
      expect(mail?.text).toContain('2026年11月27日');
      expect(mail?.text).toContain('配件缺货');
      expect(mail?.html).not.toContain('<b>');
      const [event] = await h.store.listTimeline(complaint.id);
      expect(event).toMatchObject({
        type: 'delay_notified',
        data: { newDate: '2026-11-27', deadlinesMoved: false, messageId: 'msg-1' },
      });
      await expectWokenOnceFromStored(complaint);
    });

    it('sends no “no news” mail before the new date, and one once it has passed', async () => {
      const complaint = await given(contacted());
      await act('agent.li', complaint, 'notify-delay', { newDate: '2026-11-27', reason: 'Parts are late' });
      h.mailer.sent = [];
      h.now = new Date('2026-11-26T02:00:00Z'); // a day past the 24-hour rule, before the new date
      await timerStep(wf(), complaint.id);
      expect(h.mailer.sent.filter((m) => m.tags?.kind === 'progress')).toEqual([]);
      h.now = new Date('2026-11-27T16:30:00Z'); // the new date is over
      await timerStep(wf(), complaint.id);
      expect(h.mailer.sent.filter((m) => m.tags?.kind === 'progress')).toHaveLength(1);
    });

    it('refuses a new date in the past in the caller’s words, and changes nothing', async () => {
      const complaint = await given(contacted());
      const error = await act('agent.li', complaint, 'notify-delay', {
        newDate: '2026-11-20',
        reason: 'Parts are late',
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      const response = errorResponse(error, 'zh-CN', 'req-1');
      expect(response.statusCode).toBe(400);
      expect(String(response.body)).toContain('新的日期不能早于今天');
      await expectUnchanged(complaint);
      expect(h.mailer.sent).toEqual([]);
    });

    it('does not let an agent tell a delay on a complaint someone else owns', async () => {
      const complaint = await given(contacted('agent.wu'));
      await expect(
        act('agent.li', complaint, 'notify-delay', { newDate: '2026-11-27', reason: 'Parts' }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    });
  });

  describe('record-fix', () => {
    it('keeps the fix version and release date beside the customer’s details, and the next mail tells it', async () => {
      const complaint = await given({
        ...contacted(),
        details: { occurredAt: '2026-11-20T09:30', alreadyTried: 'Reinstalled the app.' },
      });
      const { complaint: written } = await act('agent.li', complaint, 'record-fix', {
        version: '4.2.1',
        releaseDate: '2026-12-15',
      });
      expect(written.details).toMatchObject({
        occurredAt: '2026-11-20T09:30',
        alreadyTried: 'Reinstalled the app.',
        fix: { version: '4.2.1', releaseDate: '2026-12-15' },
      });
      expect(await types(complaint)).toEqual(['fix_recorded']);
      await act('agent.li', written, 'reply', { message: 'We are testing the update.' });
      expect(h.mailer.sent.at(-1)?.text).toContain('4.2.1');
    });

    it('refuses a release date that is not a date', async () => {
      const complaint = await given(contacted());
      await expect(
        act('agent.li', complaint, 'record-fix', { version: '4.2.1', releaseDate: '15/12/2026' }),
      ).rejects.toBeInstanceOf(ValidationError);
      await expectUnchanged(complaint);
    });
  });

  describe('resolve with evidence', () => {
    it('sets the result mail’s deadline from resultWithin and links the evidence in the result mail', async () => {
      const complaint = await given(withSolution('not_required'));
      const { complaint: written } = await act('agent.li', complaint, 'resolve', {
        summary: 'Replaced the kettle.',
        evidence: [{ url: 'https://files.example.com/r/8841.jpg', label: 'Photo of the new kettle' }],
      });
      // Monday 10:00 plus one working day.
      expect(written.deadlines.result).toBe('2026-11-24T02:00:00.000Z');
      expect(written.nextDeadlineAt).toBe('2026-11-24T02:00:00.000Z');
      await sendResultStep(wf(), complaint.id);
      const result = h.mailer.sent.find((m) => m.tags?.kind === 'result');
      expect(result?.text).toContain('https://files.example.com/r/8841.jpg');
      const timeline = await h.store.listTimeline(complaint.id);
      expect(timeline.find((e) => e.type === 'resolved')?.data).toMatchObject({
        resultDue: '2026-11-24T02:00:00.000Z',
      });
      expect(timeline.find((e) => e.type === 'result_sent')?.data).not.toHaveProperty('late');
    });

    it('refuses evidence that is not an https link', async () => {
      const complaint = await given(withSolution('not_required'));
      await expect(
        act('agent.li', complaint, 'resolve', { summary: 'Done', evidence: [{ url: 'javascript:alert(1)' }] }),
      ).rejects.toBeInstanceOf(ValidationError);
      await expectUnchanged(complaint);
    });

    it('records a result mail sent after resultWithin as a missed deadline told to the supervisor', async () => {
      const complaint = await given(withSolution('not_required'));
      await act('agent.li', complaint, 'resolve', { summary: 'Replaced the kettle.' });
      h.mailer.sent = [];
      h.now = new Date('2026-11-25T02:00:00Z'); // the SendResult task ran late (a fault, then a resume)
      await sendResultStep(wf(), complaint.id);
      const timeline = await h.store.listTimeline(complaint.id);
      expect(timeline.find((e) => e.type === 'sla_breached')?.data).toMatchObject({
        step: 'send_result',
        role: 'supervisor',
      });
      expect(h.mailer.sent.some((m) => m.tags?.kind === 'escalation')).toBe(true);
      expect(h.mailer.sent.some((m) => m.tags?.kind === 'result')).toBe(true);
    });
  });
});
