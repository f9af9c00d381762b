import { DEPARTMENT_LABELS, ESCALATION_ROLE_LABELS, formatInstant } from '../../shared/i18n/labels.js';
import { type Incident, type IncidentRecord, linkedTickets } from '../../shared/incidents/model.js';
import { consoleComplaintPath } from '../../shared/links/console-link.js';
import { GRADES, STATUSES } from '../../shared/model/complaint.js';
import { html, type SafeHtml } from '../../shared/templates/html.js';
import type { Board, BoardIncident, BoardIncidents, BoardRow } from '../../shared/usecases/console-views.js';
import { copy } from './copy.js';
import { countdown } from './due.js';
import { alert, type ConsoleView, consolePage, lines } from './layout.js';
import { gradeBadge } from './queue-page.js';

/** Each list on the board shows its most pressing complaints; the queue views show the rest. */
const LIST_LENGTH = 20;

/** The board of a supervisor, head or manager: counts by status and grade, and what is overdue, breached or awaiting approval. */
export function renderBoard(view: ConsoleView, board: Board, incidents?: IncidentCards): string {
  const t = copy(view.locale);
  const where = board.department ? DEPARTMENT_LABELS[board.department][view.locale] : t.board.everywhere;
  return consolePage(
    view,
    t.board.title,
    'board',
    html`<h1>${t.board.title}</h1>
<p class="cl-muted">${t.board.scope(where)}</p>
${boardBody(view, board, incidents)}`,
  );
}

/** Everything on the board below its title: what the console script swaps in when it refreshes (`?fragment=table`). */
export function boardBody(view: ConsoleView, board: Board, incidents?: IncidentCards): SafeHtml {
  const t = copy(view.locale);
  const stat = (label: string, value: number, id?: string) =>
    html`<div class="cl-stat"${id ? html` id="${id}"` : ''}><strong>${value}</strong> <span>${label}</span></div>`;
  return html`<div class="cl-stack" id="board-live" data-live="/console/board">
${board.truncated ? html`<div class="cl-alert cl-alert--info" role="status">${t.board.truncated(board.open)}</div>` : ''}
<section class="cl-grid" aria-label="${t.board.title}">
${stat(t.board.open, board.open, 'board-open')}
${stat(t.board.overdue, board.overdue.length, 'board-overdue')}
${stat(t.board.breached, board.breached.length, 'board-breached')}
${stat(t.board.awaitingApproval, board.awaitingApproval.length, 'board-approval')}
</section>
${incidents ? incidentsSection(view, incidents) : ''}
<div class="cl-grid">
<section class="cl-card cl-stack" aria-labelledby="by-status"><h2 id="by-status">${t.board.byStatus}</h2>
<dl class="cl-facts">${STATUSES.filter((s) => s !== 'closed').map((s) => html`<dt>${t.statuses[s]}</dt><dd>${board.byStatus[s]}</dd>`)}</dl></section>
<section class="cl-card cl-stack" aria-labelledby="by-grade"><h2 id="by-grade">${t.board.byGrade}</h2>
<dl class="cl-facts">${GRADES.map((g) => html`<dt>${gradeBadge(g, view.locale, view.gradeNames)}</dt><dd>${board.byGrade[g]}</dd>`)}</dl></section>
</div>
${list(view, 'breached', t.board.breached, board.breached, true)}
${list(view, 'overdue', t.board.overdue, board.overdue, false)}
${list(view, 'awaiting-approval', t.board.awaitingApproval, board.awaitingApproval, false)}
</div>`;
}

function list(view: ConsoleView, id: string, title: string, rows: BoardRow[], withRung: boolean): SafeHtml {
  const t = copy(view.locale);
  return html`<section class="cl-card cl-stack" id="board-${id}-list" aria-labelledby="board-${id}-title">
<h2 id="board-${id}-title">${title} <span class="cl-muted">(${rows.length})</span></h2>
${
  rows.length === 0
    ? html`<p class="cl-empty">${t.empty}</p>`
    : html`<table class="cl-table"><thead><tr><th scope="col">${t.columns.ticket}</th><th scope="col">${t.columns.grade}</th><th scope="col">${t.columns.status}</th><th scope="col">${t.columns.owner}</th>${withRung ? html`<th scope="col">${t.board.rung}</th>` : ''}<th scope="col">${t.columns.due}</th></tr></thead>
<tbody>${rows.slice(0, LIST_LENGTH).map((r) => row(view, r, withRung))}</tbody></table>`
}
${rows.length > LIST_LENGTH ? html`<p><a href="/console/queues/${id}">${t.seeAll}</a></p>` : ''}
</section>`;
}

function row(view: ConsoleView, { complaint: c, rung }: BoardRow, withRung: boolean): SafeHtml {
  const t = copy(view.locale);
  const left = c.nextDeadlineAt ? view.left(c.nextDeadlineAt, c.grade) : undefined;
  return html`<tr>
<td data-label="${t.columns.ticket}"><a class="cl-mono" href="${consoleComplaintPath(c.ticketNumber)}">${c.ticketNumber}</a></td>
<td data-label="${t.columns.grade}">${gradeBadge(c.grade, view.locale, view.gradeNames)}</td>
<td data-label="${t.columns.status}"><span class="cl-status">${t.statuses[c.status]}</span></td>
<td data-label="${t.columns.owner}">${c.ownerId ? view.nameOf(c.ownerId) : html`<span class="cl-muted">${t.nobody}</span>`}</td>
${withRung ? html`<td data-label="${t.board.rung}" class="board-rung">${rung ? ESCALATION_ROLE_LABELS[rung][view.locale] : '—'}${c.escalation ? html` <span class="cl-small cl-muted">${formatInstant(c.escalation.deadline, view.locale, view.timezone)}</span>` : ''}</td>` : ''}
<td data-label="${t.columns.due}">${countdown(left, c.nextDeadlineAt, view.locale)}</td>
</tr>`;
}

/** What the board's incident cards show beyond the incidents: the outcome of the last form posted. */
export interface IncidentCards extends BoardIncidents {
  done?: { id: string; action: IncidentFormAction };
  failed?: {
    id: string;
    form: 'record' | 'close';
    message: string;
    values: { kind?: string; text?: string; note?: string };
  };
}

export const INCIDENT_RECORD_KINDS = ['plan', 'root-cause', 'action'] as const;
export type IncidentFormAction = (typeof INCIDENT_RECORD_KINDS)[number] | 'close';

/** The open batch-defect incidents (P1), above the complaint lists: each card's id is what the notice mail links to. */
function incidentsSection(view: ConsoleView, cards: IncidentCards): SafeHtml {
  const t = copy(view.locale).incidents;
  return html`<section class="cl-card cl-stack" id="board-incidents" aria-labelledby="board-incidents-title">
<h2 id="board-incidents-title">${t.title} <span class="cl-muted">(${cards.items.length})</span></h2>
${cards.done?.action === 'close' ? alert('success', t.done.close, 'incident-closed') : ''}
${
  // Refused on an incident that left the board meanwhile (someone closed it): said where its card was.
  cards.failed && !cards.items.some((item) => item.incident.id === cards.failed?.id)
    ? alert('error', cards.failed.message, 'incident-refused')
    : ''
}
${
  cards.items.length === 0
    ? html`<p class="cl-empty">${t.none}</p>`
    : html`<div class="cl-stack">${cards.items.map((item) => incidentCard(view, cards, item))}</div>`
}
${cards.more ? html`<p class="cl-hint">${t.more}</p>` : ''}
</section>`;
}

function incidentCard(view: ConsoleView, cards: IncidentCards, { incident: i, planLeft }: BoardIncident): SafeHtml {
  const t = copy(view.locale).incidents;
  const when = (iso: string) => formatInstant(iso, view.locale, view.timezone);
  const tickets = linkedTickets(i);
  const state =
    i.rootCause && i.action
      ? 'ready'
      : i.plan
        ? 'planned'
        : i.planDueAt <= view.now.toISOString()
          ? 'planOverdue'
          : 'awaitingPlan';
  const recorded = (label: string, record: IncidentRecord | undefined) =>
    html`<dt>${label}</dt><dd>${
      record
        ? html`${lines(record.text)} <span class="cl-small cl-muted">${t.by(view.nameOf(record.by) ?? record.by, when(record.at))}</span>`
        : html`<span class="cl-muted">${t.notYet}</span>`
    }</dd>`;
  const done = cards.done?.id === i.id ? alert('success', t.done[cards.done.action], `${i.id}-done`) : '';
  return html`<article class="cl-card cl-stack incident-card" id="${i.id}" aria-labelledby="${i.id}-title">
<h3 id="${i.id}-title">${t.card(i.model, i.lot)}</h3>
${done}
<dl class="cl-facts">
<dt>${t.grade}</dt><dd>${gradeBadge(i.grade, view.locale, view.gradeNames)}</dd>
<dt>${t.model}</dt><dd>${i.model}</dd>
<dt>${t.lot}</dt><dd>${i.lot ?? html`<span class="cl-muted">${t.noLot}</span>`}</dd>
<dt>${t.state}</dt><dd><span class="cl-status incident-state">${t.states[state]}</span></dd>
<dt>${t.planDue}</dt><dd>${i.plan ? html`<span class="cl-muted">${when(i.planDueAt)}</span>` : countdown(planLeft, i.planDueAt, view.locale)}</dd>
<dt>${t.opened}</dt><dd>${when(i.openedAt)}</dd>
<dt>${t.tickets(tickets.length)}</dt><dd class="incident-tickets">${tickets.map(
    // Separated by words, not a list: the stylesheet's lists are block lists, and the card stays short.
    (ticket, n) =>
      html`${n > 0 ? t.separator : ''}<a class="cl-mono" href="${consoleComplaintPath(ticket)}">${ticket}</a>`,
  )}</dd>
${recorded(t.plan, i.plan)}
${recorded(t.rootCause, i.rootCause)}
${recorded(t.action, i.action)}
</dl>
${cards.mayAct ? incidentForms(view, cards, i) : ''}
</article>`;
}

/** The staff incidents API's actions as console forms (functions/console.ts posts them to the same use case). */
function incidentForms(view: ConsoleView, cards: IncidentCards, i: Incident): SafeHtml {
  const t = copy(view.locale).incidents;
  const failed = cards.failed?.id === i.id ? cards.failed : undefined;
  const base = `/console/incidents/${encodeURIComponent(i.id)}`;
  const csrf = html`<input type="hidden" name="csrf" value="${view.csrf}">`;
  const next = !i.plan ? 'plan' : !i.rootCause ? 'root-cause' : 'action';
  const chosen = failed?.form === 'record' ? (failed.values.kind ?? next) : next;
  const record = html`<details${failed?.form === 'record' ? html` open` : ''}><summary>${t.record}</summary>
<form method="post" action="${base}/record" class="cl-form cl-stack">
${failed?.form === 'record' ? alert('error', failed.message, `${i.id}-record-error`) : ''}
${csrf}
<div class="cl-field"><label for="${i.id}-kind">${t.what}</label>
<select id="${i.id}-kind" name="kind">${INCIDENT_RECORD_KINDS.map(
    (k) => html`<option value="${k}"${k === chosen ? html` selected` : ''}>${t.kinds[k]}</option>`,
  )}</select></div>
<div class="cl-field"><label for="${i.id}-text">${t.text}</label>
<textarea id="${i.id}-text" name="text" rows="3" maxlength="5000" required aria-describedby="${i.id}-text-hint">${failed?.form === 'record' ? (failed.values.text ?? '') : ''}</textarea>
<p class="cl-hint" id="${i.id}-text-hint">${t.textHint}</p></div>
<div class="cl-row"><button type="submit" class="cl-button cl-button--primary">${t.save}</button></div>
</form></details>`;
  const close =
    i.rootCause && i.action
      ? html`<form method="post" action="${base}/close" class="cl-form cl-stack">
${failed?.form === 'close' ? alert('error', failed.message, `${i.id}-close-error`) : ''}
${csrf}
<div class="cl-field"><label for="${i.id}-note">${t.closeNote}</label>
<textarea id="${i.id}-note" name="note" rows="2" maxlength="2000">${failed?.form === 'close' ? (failed.values.note ?? '') : ''}</textarea></div>
<div class="cl-row"><button type="submit" class="cl-button">${t.close}</button></div>
</form>`
      : html`${failed?.form === 'close' ? alert('error', failed.message, `${i.id}-close-error`) : ''}<p class="cl-hint">${t.closeHint}</p>`;
  return html`${record}${close}`;
}
