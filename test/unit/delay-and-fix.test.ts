import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../shared/calendar/working-calendar.js';
import { ValidationError } from '../../shared/errors/index.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import { type Complaint, ComplaintInput, type Customer } from '../../shared/model/complaint.js';
import { defaultPolicy } from '../../shared/policy/default-policy.js';
import { progressMail, resultMail } from '../../shared/templates/customer-mails.js';
import { delayMail } from '../../shared/templates/delay-mail.js';
import { resultChanges, resultSentDecision } from '../../shared/usecases/delay-and-fix.js';
import { RegisterComplaintInput } from '../../shared/usecases/register-complaint.js';
import type { StatusView } from '../../shared/usecases/view-status.js';
import { endOfDay, progressHeldUntil, todayIn } from '../../shared/workflow/delay.js';
import { progressDue } from '../../shared/workflow/plan.js';
import { renderStatusPage } from '../../web/status-page.js';
import { aComplaint } from '../support/complaint-factory.js';

const timezone = 'Asia/Shanghai';
const statusUrl = 'https://cl.example.com/status/tok-status';
const hostile = '<img src=x onerror="alert(1)">';
const english: Customer = { name: 'Ann Lee', email: 'ann@example.com', tier: 'standard', locale: 'en' };
const chinese: Customer = { name: '李娜', email: 'li@example.com', tier: 'standard', locale: 'zh-CN' };
const calendar = createCalendar(defaultPolicy.calendar);

const complaint = (overrides: Partial<Complaint> = {}) =>
  aComplaint({ ticketNumber: '202611-0042', category: 'after_sales', customer: english, ...overrides });

describe('a delay told to the customer', () => {
  it('ends at midnight after the new date in the operator’s zone', () => {
    expect(endOfDay('2026-12-05', timezone).toISOString()).toBe('2026-12-05T16:00:00.000Z');
    expect(todayIn(new Date('2026-12-01T17:00:00Z'), timezone)).toBe('2026-12-02');
  });

  it('holds the “no news” mail until its new date has passed, and no longer', () => {
    const due = new Date('2026-12-02T02:00:00Z');
    const delay = {
      newDate: '2026-12-05',
      reason: 'Parts',
      toldAt: '2026-12-01T02:00:00Z',
      toldBy: 'agent.li',
      until: '2026-12-05T16:00:00.000Z',
    };
    expect(progressHeldUntil({ delay }, due).toISOString()).toBe('2026-12-05T16:00:00.000Z');
    expect(progressHeldUntil({ delay }, new Date('2026-12-09T00:00:00Z')).toISOString()).toBe(
      '2026-12-09T00:00:00.000Z',
    );
    expect(progressHeldUntil({}, due)).toBe(due);
    const c = complaint({ lastCustomerUpdateAt: '2026-12-01T02:00:00.000Z', delay });
    expect(progressDue(c, defaultPolicy, calendar).toISOString()).toBe('2026-12-05T16:00:00.000Z');
  });

  it('mails an English customer the new date and the reason, escaped', () => {
    const mail = delayMail({
      complaint: complaint(),
      newDate: '2026-12-05',
      reason: `The spare part is out of stock ${hostile}`,
      statusUrl,
      ownerName: 'Li Na',
    });
    expect(mail.subject).toBe('Your complaint will take longer than planned (202611-0042)');
    expect(mail.text).toContain('We now expect to have it done by 5 December 2026.');
    expect(mail.text).toContain('The spare part is out of stock');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&lt;img');
    expect(mail.tags).toEqual({ kind: 'delay', ticket: '202611-0042' });
  });

  it('mails a Chinese customer the new date and the reason in Chinese', () => {
    const mail = delayMail({
      complaint: complaint({ customer: chinese }),
      newDate: '2026-12-05',
      reason: '配件缺货',
      statusUrl,
    });
    expect(mail.subject).toBe('您的投诉处理时间将有所延长（编号 202611-0042）');
    expect(mail.text).toContain('预计完成时间：2026年12月5日。');
    expect(mail.text).toContain('延期原因：');
    expect(mail.text).toContain('配件缺货');
  });
});

describe('a fix version', () => {
  const fixed = complaint({
    ownerId: 'agent.li',
    details: {
      fix: { version: '4.2.1', releaseDate: '2026-12-15', recordedAt: '2026-12-01T00:00:00Z', recordedBy: 'agent.li' },
    },
  });

  it('is told in the next progress mail, with its release date', () => {
    const mail = progressMail({ complaint: fixed, automatic: true, statusUrl, timezone });
    expect(mail.text).toContain('Fixed in version: 4.2.1');
    expect(mail.text).toContain('Released on: 15 December 2026');
  });

  it('is told in Chinese to a Chinese customer', () => {
    const mail = progressMail({ complaint: { ...fixed, customer: chinese }, automatic: true, statusUrl, timezone });
    expect(mail.text).toContain('修复版本：4.2.1');
    expect(mail.text).toContain('发布时间：2026年12月15日');
  });
});

describe('the result mail’s deadline and evidence', () => {
  it('is due resultWithin after the resolution, on the working calendar', () => {
    // Friday 4 December 2026, 15:00 Beijing time: one working day later is Monday 15:00.
    const now = new Date('2026-12-04T07:00:00Z');
    const { resultDue, changes } = resultChanges(complaint(), now, undefined, defaultPolicy, calendar);
    expect(resultDue).toBe('2026-12-07T07:00:00.000Z');
    expect(changes.deadlines.result).toBe(resultDue);
    expect(changes.resultEvidence).toBeUndefined();
  });

  it('links every piece of evidence from the result mail and states what was done', () => {
    const resolved = complaint({
      resolvedAt: '2026-12-04T07:00:00.000Z',
      resolutionSummary: 'Replaced the pump; it runs quietly now.',
      resultEvidence: [{ url: 'https://files.example.com/r/1.jpg', label: `Photo ${hostile}` }],
    });
    const mail = resultMail({ complaint: resolved, summary: resolved.resolutionSummary!, statusUrl, timezone });
    expect(mail.text).toContain('Replaced the pump; it runs quietly now.');
    expect(mail.text).toContain('Evidence of the work');
    expect(mail.text).toContain('https://files.example.com/r/1.jpg');
    expect(mail.html).toContain('href="https://files.example.com/r/1.jpg"');
    expect(mail.html).not.toContain('<img');
  });

  it('records a result sent after its deadline as a missed deadline told to the supervisors', () => {
    const c = complaint({
      ownerId: 'agent.li',
      resolvedAt: '2026-12-04T07:00:00.000Z',
      deadlines: { ...complaint().deadlines, result: '2026-12-07T07:00:00.000Z' },
    });
    const onTime = resultSentDecision(c, new Date('2026-12-04T07:01:00Z'), 'm1', defaultPolicy);
    expect(onTime?.late).toBeUndefined();
    expect(onTime?.decision.events.map((e) => e.type)).toEqual(['result_sent']);
    const late = resultSentDecision(c, new Date('2026-12-08T00:00:00Z'), 'm1', defaultPolicy);
    expect(late?.decision.events.map((e) => e.type)).toEqual(['result_sent', 'sla_breached']);
    expect(late?.late?.due).toBe('2026-12-07T07:00:00.000Z');
    expect(
      resultSentDecision({ ...c, resultSentAt: '2026-12-04T07:01:00Z' }, new Date(), 'm1', defaultPolicy),
    ).toBeUndefined();
  });
});

describe('the details a customer may give', () => {
  const base = { customer: { email: 'a@example.com' }, description: 'The washer leaks.' };

  it('accepts when and where it happened and what was already tried', () => {
    const input = parseOrThrow(ComplaintInput, {
      ...base,
      details: { occurredAt: '2026-11-30T14:05', occurredWhere: 'Kitchen', alreadyTried: 'Restarted it twice.' },
    });
    expect(input.details).toEqual({
      occurredAt: '2026-11-30T14:05',
      occurredWhere: 'Kitchen',
      alreadyTried: 'Restarted it twice.',
    });
  });

  it('accepts the same details when staff register a complaint taken by phone', () => {
    const input = parseOrThrow(RegisterComplaintInput, {
      ...base,
      channel: 'phone',
      details: { occurredAt: '2026-11-30', alreadyTried: 'Called the shop.' },
    });
    expect(input.details).toEqual({ occurredAt: '2026-11-30', alreadyTried: 'Called the shop.' });
  });

  it('refuses a time that is not one, naming the field', () => {
    for (const occurredAt of ['30/11/2026', '2026-02-30', '2026-11-30T25:00']) {
      try {
        parseOrThrow(ComplaintInput, { ...base, details: { occurredAt } });
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        expect(Object.keys((error as ValidationError).fields)).toEqual(['details.occurredAt']);
      }
    }
  });
});

describe('the status page’s delay, fix and evidence', () => {
  const view: StatusView = {
    ticketNumber: '202611-0042',
    status: 'in_progress',
    category: 'function_fault',
    receivedAt: '2026-11-24T02:00:00.000Z',
    expectedResolutionBy: '2026-11-27T02:00:00.000Z',
    updatedAt: '2026-11-24T03:00:00.000Z',
    locale: 'en',
    history: [{ type: 'delay_notified', at: '2026-11-24T03:00:00.000Z' }],
    delay: { newDate: '2026-12-05', reason: `Store review ${hostile}` },
    fix: { version: '4.2.1 <script>', releaseDate: '2026-12-15' },
    evidence: [{ url: 'https://files.example.com/r/1.jpg', label: `Photo ${hostile}` }],
  };

  it('shows the new date, the reason, the fix and the evidence links, escaped', () => {
    const page = renderStatusPage(view, 'en', timezone, 'tok');
    expect(page).toContain('5 December 2026');
    expect(page).toContain('Store review &lt;img');
    expect(page).toContain('4.2.1 &lt;script&gt;');
    expect(page).toContain('href="https://files.example.com/r/1.jpg"');
    expect(page).toContain('We told you of a delay');
    expect(page).not.toContain('<img src=x');
  });

  it('says it in Chinese to a Chinese reader', () => {
    const page = renderStatusPage({ ...view, locale: 'zh-CN' }, 'zh-CN', timezone, 'tok');
    expect(page).toContain('新的预计完成时间');
    expect(page).toContain('2026年12月5日');
    expect(page).toContain('修复版本');
  });
});
