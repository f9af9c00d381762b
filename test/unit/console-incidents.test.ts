import { describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/incidents/model.js';
import { STATUSES } from '../../shared/model/complaint.js';
import type { StaffMember } from '../../shared/policy/types.js';
import type { Board } from '../../shared/usecases/console-views.js';
import { consoleIncidentPath } from '../../shared/usecases/incidents.js';
import { type IncidentCards, renderBoard } from '../../web/console/board-page.js';
import type { ConsoleView } from '../../web/console/layout.js';
import { demoStaff } from '../support/staff.js';

const staff = (id: string) => demoStaff.find((s) => s.id === id)!;
const now = new Date('2026-12-03T02:30:00Z');
const HOSTILE = '<script>alert(1)</script>';

function viewFor(member: StaffMember, locale: ConsoleView['locale'] = 'en'): ConsoleView {
  return {
    staff: member,
    csrf: 'csrf-token-123',
    locale,
    now,
    timezone: 'Asia/Shanghai',
    path: '/console/board',
    nameOf: (id) => (id === undefined ? undefined : (demoStaff.find((s) => s.id === id)?.name ?? id)),
    directory: demoStaff,
    left: () => ({ minutes: 0, working: false, running: true }),
  };
}

const emptyBoard: Board = {
  open: 0,
  byStatus: Object.fromEntries(STATUSES.map((s) => [s, 0])) as Board['byStatus'],
  byGrade: { P1: 0, P2: 0, P3: 0, P4: 0 },
  overdue: [],
  breached: [],
  awaitingApproval: [],
  truncated: false,
};

const linked = (n: number) => ({
  ticketNumber: `202612-000${n}`,
  receivedAt: `2026-12-0${n}T01:00:00.000Z`,
  linkedAt: '2026-12-03T02:00:00.000Z',
});

function anIncident(extra: Partial<Incident> = {}): Incident {
  return {
    id: 'inc-20261203020000-ab12cd',
    status: 'open',
    grade: 'P1',
    model: 'KX-200',
    lot: 'L2611',
    batchKey: 'KX200#L2611',
    openedAt: '2026-12-03T02:00:00.000Z',
    linked: { c3: linked(3), c1: linked(1), c2: linked(2) },
    planDueAt: '2026-12-03T04:00:00.000Z',
    version: 2,
    ...extra,
  };
}

const cards = (incident: Incident, extra: Partial<IncidentCards> = {}): IncidentCards => ({
  items: [{ incident, planLeft: { minutes: 90, working: false, running: true } }],
  more: false,
  mayAct: true,
  ...extra,
});

const cardOf = (page: string, id: string) => {
  const start = page.indexOf(`<article class="cl-card cl-stack incident-card" id="${id}"`);
  return start < 0 ? '' : page.slice(start, page.indexOf('</article>', start));
};

describe('batch-defect incidents on the console board', () => {
  it('shows each open incident as a card whose id is the fragment the notice mail links to', () => {
    const incident = anIncident();
    const page = renderBoard(viewFor(staff('manager.sun')), emptyBoard, cards(incident));
    const link = new URL(consoleIncidentPath(incident.id), 'https://closeloop.example');
    expect(link.pathname).toBe('/console/board');
    const card = cardOf(page, decodeURIComponent(link.hash.slice(1)));
    expect(card).not.toBe('');
    expect(card).toContain('KX-200, lot L2611');
    expect(card).toContain('Open: waiting for a plan');
  });

  it('lists the linked tickets oldest first, each a link to the complaint’s console page', () => {
    const card = cardOf(renderBoard(viewFor(staff('manager.sun')), emptyBoard, cards(anIncident())), anIncident().id);
    const hrefs = [...card.matchAll(/href="(\/console\/complaints\/[^"]+)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual([
      '/console/complaints/202612-0001',
      '/console/complaints/202612-0002',
      '/console/complaints/202612-0003',
    ]);
    expect(card).toContain('Complaints (3)');
  });

  it('counts the plan deadline down live, as the queues do, until a plan is recorded', () => {
    const open = cardOf(renderBoard(viewFor(staff('manager.sun')), emptyBoard, cards(anIncident())), anIncident().id);
    expect(open).toMatch(/<time class="cl-due cl-due--ok" datetime="2026-12-03T04:00:00.000Z"[^>]*data-minutes="90"/);
    expect(open).toContain('1 h 30 min left (clock time)');

    const planned = anIncident({ plan: { text: 'Stop shipping L2611', at: now.toISOString(), by: 'manager.sun' } });
    const card = cardOf(renderBoard(viewFor(staff('manager.sun')), emptyBoard, cards(planned)), planned.id);
    expect(card).not.toContain('data-minutes');
    expect(card).toContain('Stop shipping L2611');
    expect(card).toContain('Open: plan recorded, root cause and action to come');
  });

  it('escapes the model and lot the customers typed, and what staff recorded', () => {
    const incident = anIncident({
      model: HOSTILE,
      lot: '"><img src=x onerror=alert(2)>',
      rootCause: { text: HOSTILE, at: now.toISOString(), by: 'manager.sun' },
    });
    const page = renderBoard(viewFor(staff('manager.sun')), emptyBoard, cards(incident));
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('offers those who may act a record form with the session’s CSRF token, and the close form once root cause and action stand', () => {
    const incident = anIncident();
    const page = renderBoard(viewFor(staff('manager.sun')), emptyBoard, cards(incident));
    expect(page).toContain(`action="/console/incidents/${incident.id}/record"`);
    expect(page).toContain('<input type="hidden" name="csrf" value="csrf-token-123">');
    expect(page).not.toContain('/close"');
    expect(page).toContain('An incident closes once its root cause and action are recorded.');

    const ready = anIncident({
      rootCause: { text: 'Bad thermostat', at: now.toISOString(), by: 'manager.sun' },
      action: { text: 'Recall', at: now.toISOString(), by: 'manager.sun' },
    });
    const readyPage = renderBoard(viewFor(staff('manager.sun')), emptyBoard, cards(ready));
    expect(readyPage).toContain(`action="/console/incidents/${ready.id}/close"`);
    expect(readyPage).toContain('Open: ready to close');
  });

  it('shows the card without forms to those who may only look', () => {
    const page = renderBoard(viewFor(staff('supervisor.wang')), emptyBoard, cards(anIncident(), { mayAct: false }));
    expect(cardOf(page, anIncident().id)).not.toBe('');
    expect(page).not.toContain('/console/incidents/');
  });

  it('keeps what was typed and says why when a form is refused, on that card', () => {
    const incident = anIncident();
    const page = renderBoard(
      viewFor(staff('manager.sun')),
      emptyBoard,
      cards(incident, {
        failed: {
          id: incident.id,
          form: 'record',
          message: 'This field is required.',
          values: { kind: 'action', text: 'half <b>typed</b>' },
        },
      }),
    );
    const card = cardOf(page, incident.id);
    expect(card).toContain('role="alert">This field is required.');
    expect(card).toContain('half &lt;b&gt;typed&lt;/b&gt;</textarea>');
    expect(card).toContain('<option value="action" selected>');
    expect(card).toMatch(/<details open>/);
  });

  it('says in Chinese what the card says, and when no incident is open', () => {
    const zh = renderBoard(viewFor(staff('manager.sun'), 'zh-CN'), emptyBoard, cards(anIncident()));
    expect(zh).toContain('批量缺陷事件');
    expect(zh).toContain('KX-200，批次 L2611');
    expect(zh).toContain('处理中：待制定方案');
    const none = renderBoard(viewFor(staff('manager.sun')), emptyBoard, { items: [], more: false, mayAct: true });
    expect(none).toContain('No open incident.');
  });

  it('has no incident section for a reader who may not see incidents', () => {
    const page = renderBoard(viewFor(staff('supervisor.wang')), emptyBoard);
    expect(page).not.toContain('board-incidents');
  });
});
