import { describe, expect, it } from 'vitest';
import { timelineEvent } from '../../shared/model/events.js';
import { actionBody, renderComplaintPage } from '../../web/console/complaint-page.js';
import { aComplaint } from '../support/complaint-factory.js';
import { consoleViewFor } from '../support/console-view.js';
import { demoStaff } from '../support/staff.js';

const now = new Date('2026-11-24T03:00:00Z');
const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>';
const owner = demoStaff.find((s) => s.id === 'agent.li')!;
const view = consoleViewFor(owner, { now, left: () => ({ minutes: 60, working: false, running: true }) });

describe('the console’s details card and the delay and fix forms', () => {
  const c = aComplaint({
    department: 'customer_service',
    status: 'in_progress',
    ownerId: 'agent.li',
    firstContactAt: '2026-11-24T02:30:00Z',
    details: {
      occurredAt: '2026-11-23T20:15',
      occurredWhere: `Kitchen ${HOSTILE}`,
      alreadyTried: `Restarted ${HOSTILE}`,
      fix: { version: '4.2.1', releaseDate: '2026-12-15', recordedAt: '2026-11-24T02:40:00Z', recordedBy: 'agent.li' },
    },
    delay: {
      newDate: '2026-11-27',
      reason: `Parts ${HOSTILE}`,
      toldAt: '2026-11-24T02:50:00Z',
      toldBy: 'agent.li',
      until: '2026-11-27T16:00:00.000Z',
    },
  });
  const timeline = [
    timelineEvent(c.id, 'delay_notified', now, 'agent.li', {
      newDate: '2026-11-27',
      reason: `Parts ${HOSTILE}`,
      messageId: 'm1',
      deadlinesMoved: false,
    }),
  ];
  const page = renderComplaintPage(view, { complaint: c, timeline, mailThread: [], clocks: [] });

  it('shows what the customer added, the fix and the told delay with its new date, escaped', () => {
    expect(page).toContain('id="details"');
    expect(page).toContain('2026-11-23T20:15');
    expect(page).toContain('Fixed in version');
    expect(page).toContain('New date 2026-11-27');
    expect(page).toContain('Delay told to the customer (internal deadlines unchanged)');
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img src=x');
  });

  it('offers the owner the delay and fix forms', () => {
    expect(page).toContain('action="/console/complaints/');
    expect(page).toContain('id="action-notify-delay"');
    expect(page).toContain('id="action-record-fix"');
    expect(page).toContain('name="newDate" type="date"');
  });

  it('turns the resolve form’s evidence lines into the API’s links', () => {
    expect(
      actionBody('resolve', { summary: 'Done', evidence: 'https://a.example/1.jpg\r\n\r\nhttps://a.example/2.jpg ' }),
    ).toEqual({
      summary: 'Done',
      evidence: [{ url: 'https://a.example/1.jpg' }, { url: 'https://a.example/2.jpg' }],
    });
  });
});
