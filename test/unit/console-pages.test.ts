import { describe, expect, it } from 'vitest';
import { type Complaint, STATUSES } from '../../shared/model/complaint.js';
import { timelineEvent } from '../../shared/model/events.js';
import type { StaffMember } from '../../shared/policy/types.js';
import { queueItem } from '../../shared/usecases/staff-queues.js';
import { renderBoard } from '../../web/console/board-page.js';
import { actionBody, allowedActions, renderComplaintPage } from '../../web/console/complaint-page.js';
import { dueText } from '../../web/console/due.js';
import type { ConsoleView } from '../../web/console/layout.js';
import { renderAgentHome, renderQueuePage } from '../../web/console/queue-page.js';
import { aComplaint } from '../support/complaint-factory.js';
import { consoleViewFor } from '../support/console-view.js';
import { demoStaff } from '../support/staff.js';

const staff = (id: string) => demoStaff.find((s) => s.id === id)!;
const now = new Date('2026-11-24T03:00:00Z');

const viewFor = (member: StaffMember, locale: ConsoleView['locale'] = 'en') => consoleViewFor(member, { now, locale });

const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>';

function pageOf(member: StaffMember, c: Complaint, extra: Partial<Parameters<typeof renderComplaintPage>[1]> = {}) {
  return renderComplaintPage(viewFor(member), { complaint: c, timeline: [], mailThread: [], clocks: [], ...extra });
}

describe('the console pages', () => {
  it('escapes everything a customer wrote on the complaint page: description, name, subject, timeline', () => {
    const c = aComplaint({
      description: `Broken ${HOSTILE}`,
      subject: HOSTILE,
      customer: { name: HOSTILE, email: 'x@example.com', tier: 'standard', locale: 'en' },
      evidence: ['https://example.com/a"onmouseover="alert(3)'],
    });
    const timeline = [timelineEvent(c.id, 'customer_replied', now, 'customer', { message: HOSTILE, via: 'web' })];
    const page = pageOf(staff('supervisor.wang'), c, { timeline });
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('"onmouseover="');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('escapes the customer’s name in a queue row', () => {
    const c = aComplaint({ customer: { name: HOSTILE, email: 'x@example.com', tier: 'standard', locale: 'en' } });
    const page = renderQueuePage(viewFor(staff('agent.li')), 'unassigned', {}, { items: [queueItem(c)] }, undefined);
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('&lt;img src=x onerror=alert(2)&gt;');
  });

  it('offers an agent only Claim on an unowned complaint of their department', () => {
    const c = aComplaint({ department: 'customer_service', status: 'acknowledged' });
    expect(allowedActions({ staff: staff('agent.li') }, c)).toEqual(['claim']);
  });

  it('offers the owning agent contact, reply, request-info, note, merge, escalate, a delay notice and a fix version, never approve, regrade or reroute', () => {
    const c = aComplaint({ department: 'customer_service', status: 'assigned', ownerId: 'agent.li' });
    const allowed = allowedActions({ staff: staff('agent.li') }, c);
    expect(allowed).toEqual([
      'contact',
      'reply',
      'request-info',
      'note',
      'merge',
      'escalate',
      'notify-delay',
      'record-fix',
    ]);
  });

  it('offers propose and resolve only once the owner has contacted the customer', () => {
    const c = aComplaint({
      department: 'customer_service',
      status: 'in_progress',
      ownerId: 'agent.li',
      firstContactAt: '2026-11-23T02:00:00Z',
    });
    expect(allowedActions({ staff: staff('agent.li') }, c)).toEqual(
      expect.arrayContaining(['propose', 'resolve', 'contact', 'reply']),
    );
  });

  it('offers a supervisor assign, regrade and reroute, and approval only to a department head', () => {
    const pending = aComplaint({
      department: 'customer_service',
      status: 'solution_proposed',
      ownerId: 'agent.li',
      firstContactAt: '2026-11-23T02:00:00Z',
      solution: { summary: 'Refund', proposedAt: '2026-11-23T03:00:00Z', proposedBy: 'agent.li', approval: 'pending' },
    });
    const supervisor = allowedActions({ staff: staff('supervisor.wang') }, pending);
    expect(supervisor).toEqual(expect.arrayContaining(['assign', 'regrade', 'reroute']));
    expect(supervisor).not.toContain('approve');
    const head = staff('head.zhao');
    expect(allowedActions({ staff: head }, pending)).toEqual(expect.arrayContaining(['approve', 'reject']));
    expect(allowedActions({ staff: staff('agent.li') }, pending)).not.toContain('approve');
  });

  it('shows no form on a complaint of another department to an agent', () => {
    const c = aComplaint({ department: 'finance', status: 'acknowledged' });
    const page = pageOf(staff('agent.li'), c);
    expect(page).not.toContain('<form method="post" action="/console/complaints/');
    expect(page).toContain('Nothing you can do on this complaint now.');
  });

  it('puts the CSRF token and the version the page showed in every action form', () => {
    const c = aComplaint({ department: 'customer_service', status: 'acknowledged', version: 7 });
    const page = pageOf(staff('agent.li'), c);
    expect(page).toContain('name="csrf" value="csrf-token-123"');
    expect(page).toContain('name="version" value="7"');
    expect(page).toContain(`action="/console/complaints/${c.ticketNumber}/assign"`);
  });

  it('keeps what was typed, and shows the refusal next to its form', () => {
    const c = aComplaint({ department: 'customer_service', status: 'assigned', ownerId: 'agent.li' });
    const page = pageOf(staff('agent.li'), c, {
      failed: { action: 'note', message: 'This field is required.', values: { text: 'half a <b>note</b>' } },
    });
    expect(page).toMatch(/id="action-note-error"[^>]*>This field is required\./);
    expect(page).toContain('half a &lt;b&gt;note&lt;/b&gt;</textarea>');
  });

  it('shows the reply as the customer will receive it, with the letter it started from still chosen', () => {
    const c = aComplaint({ department: 'customer_service', status: 'in_progress', ownerId: 'agent.li' });
    const page = pageOf(staff('agent.li'), c, {
      letter: { kind: 'apology', locale: 'en', text: 'Dear Li Wei, we are sorry.' },
      preview: { subject: 'An update', text: 'Dear Li Wei, we are sorry.', message: 'Dear Li Wei, we are sorry.' },
    });
    expect(page).toContain('<option value="apology" selected>');
    expect(page).toMatch(/id="letter-preview"[\s\S]*An update/);
    expect(page).toContain('Dear Li Wei, we are sorry.</textarea>');
  });

  it('says a conflict in words and keeps the typed text', () => {
    const c = aComplaint({ department: 'customer_service', status: 'assigned', ownerId: 'agent.li' });
    const page = pageOf(staff('agent.li'), c, {
      conflict: true,
      failed: { action: 'note', message: 'x', values: { text: 'my note' } },
    });
    expect(page).toContain('Someone changed this complaint while you were working on it.');
    expect(page).toContain('my note</textarea>');
  });

  it('says overdue and due soon in words, in both languages', () => {
    expect(dueText(-125, true, 'en')).toBe('Overdue by 2 h 5 min (working time)');
    expect(dueText(45, false, 'en')).toBe('Due soon: 45 min left (clock time)');
    expect(dueText(3 * 1440 + 120, true, 'en')).toBe('3 d 2 h left (working time)');
    expect(dueText(-30, false, 'zh-CN')).toBe('已超时 30分钟 (自然时间)');
  });

  it('shows a row overdue with its words and its class', () => {
    const c = aComplaint({ nextDeadlineAt: '2026-11-24T01:00:00.000Z' });
    const page = renderAgentHome(viewFor(staff('agent.li')), { items: [queueItem(c)] }, { items: [] });
    expect(page).toMatch(/class="cl-due cl-due--overdue"[^>]*>Overdue by 2 h/);
  });

  it('writes the page in Chinese for a Chinese reader, with a switch to English', () => {
    const page = renderAgentHome(viewFor(staff('agent.li'), 'zh-CN'), { items: [] }, { items: [] });
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain('我的工作');
    expect(page).toContain('href="/console?lang=en"');
  });

  it('links only our own stylesheet and script, never inline', () => {
    const page = renderAgentHome(viewFor(staff('agent.li')), { items: [] }, { items: [] });
    expect(page).toMatch(/<link rel="stylesheet" href="\/assets\/closeloop\.css\?v=/);
    expect(page).toMatch(/<script src="\/assets\/console\.js\?v=[^"]+" defer><\/script>/);
    expect(page).not.toMatch(/<script>|<style>| style="/);
  });

  it('shows a breached complaint on the board at its rung', () => {
    const c = aComplaint({
      status: 'assigned',
      ownerId: 'agent.li',
      escalation: { step: 'await_contact', level: 2, deadline: '2026-11-24T06:00:00.000Z' },
    });
    const page = renderBoard(viewFor(staff('supervisor.wang')), {
      department: 'customer_service',
      open: 1,
      byStatus: {
        ...Object.fromEntries(STATUSES.map((s) => [s, 0])),
        assigned: 1,
      } as never,
      byGrade: { P1: 0, P2: 0, P3: 1, P4: 0 },
      overdue: [],
      breached: [{ complaint: c, rung: 'department_head' }],
      awaitingApproval: [],
      truncated: false,
    });
    expect(page).toMatch(/id="board-breached-list"[\s\S]*department head/);
  });

  it('turns a form post into the action’s body: an amount is a number, empty fields are left out', () => {
    expect(actionBody('propose', { summary: 'Refund', remedy: '', amount: '120.50', csrf: 'x' })).toEqual({
      summary: 'Refund',
      amount: 120.5,
    });
    expect(actionBody('assign', { csrf: 'x', version: '3' })).toEqual({});
  });
});
