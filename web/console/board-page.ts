import { DEPARTMENT_LABELS, ESCALATION_ROLE_LABELS, formatInstant } from '../../shared/i18n/labels.js';
import { consoleComplaintPath } from '../../shared/links/console-link.js';
import { GRADES, STATUSES } from '../../shared/model/complaint.js';
import { html, type SafeHtml } from '../../shared/templates/html.js';
import type { Board, BoardRow } from '../../shared/usecases/console-views.js';
import { copy } from './copy.js';
import { countdown } from './due.js';
import { type ConsoleView, consolePage } from './layout.js';
import { gradeBadge } from './queue-page.js';

/** Each list on the board shows its most pressing complaints; the queue views show the rest. */
const LIST_LENGTH = 20;

/** The board of a supervisor, head or manager: counts by status and grade, and what is overdue, breached or awaiting approval. */
export function renderBoard(view: ConsoleView, board: Board): string {
  const t = copy(view.locale);
  const where = board.department ? DEPARTMENT_LABELS[board.department][view.locale] : t.board.everywhere;
  return consolePage(
    view,
    t.board.title,
    'board',
    html`<h1>${t.board.title}</h1>
<p class="cl-muted">${t.board.scope(where)}</p>
${boardBody(view, board)}`,
  );
}

/** Everything on the board below its title: what the console script swaps in when it refreshes (`?fragment=table`). */
export function boardBody(view: ConsoleView, board: Board): SafeHtml {
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
