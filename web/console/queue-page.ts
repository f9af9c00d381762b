import { oversees } from '../../shared/auth/staff.js';
import { CATEGORY_LABELS, DEPARTMENT_LABELS } from '../../shared/i18n/labels.js';
import { consoleComplaintPath } from '../../shared/links/console-link.js';
import { DEPARTMENTS, GRADES, STATUSES } from '../../shared/model/complaint.js';
import { gradeName } from '../../shared/policy/grade-names.js';
import type { GradeNames } from '../../shared/policy/types.js';
import { html, type SafeHtml } from '../../shared/templates/html.js';
import type { QueueItem, QueueView, StaffQueuePage } from '../../shared/usecases/staff-queues.js';
import { copy } from './copy.js';
import { countdown } from './due.js';
import { type ConsoleView, consolePage, seesBoard } from './layout.js';

/** The views a reader may switch between: agents their own and their department's; overseers every one. */
export function viewsFor(view: ConsoleView): QueueView[] {
  // A legal reviewer's desk is the plans waiting for legal (LEG); managers see it beside their others.
  if (view.staff.role === 'legal') return ['legal'];
  if (view.staff.role === 'manager') {
    return [
      'mine',
      'unassigned',
      'department',
      'overdue',
      'breached',
      'awaiting-approval',
      'requests',
      'work-orders',
      'legal',
    ];
  }
  // Engineers and warehouse staff work work-order steps, and nothing else (shared/auth/staff.ts).
  if (view.staff.role === 'engineer' || view.staff.role === 'warehouse') return ['work-orders'];
  return oversees(view.staff)
    ? ['mine', 'unassigned', 'department', 'overdue', 'breached', 'awaiting-approval', 'requests', 'work-orders']
    : ['mine', 'unassigned', 'department', 'requests', 'work-orders'];
}

/** What the queue was asked for, as typed (the form shows it again). */
export interface QueueFilters {
  status?: string;
  grade?: string;
  department?: string;
  q?: string;
}

/** The path of a queue with its filters and, for a later page, its cursor. */
export function queuePath(queue: QueueView, filters: QueueFilters, cursor?: string): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
  if (cursor) params.set('cursor', cursor);
  const query = params.toString();
  return `/console/queues/${queue}${query ? `?${query}` : ''}`;
}

/**
 * One queue as a table the console script can refresh in place: the section names the address it
 * came from (`data-live`), and `?fragment=table` answers with this section alone.
 */
export function queueTable(
  view: ConsoleView,
  queue: QueueView,
  filters: QueueFilters,
  page: StaffQueuePage,
  opts: { cursor?: string; heading?: 'h2' | 'none'; more?: 'next' | 'all' } = {},
): SafeHtml {
  const t = copy(view.locale);
  const id = `queue-${queue}`;
  const searching = Boolean(filters.q);
  const here = queuePath(queue, filters, opts.cursor);
  const next = page.cursor
    ? opts.more === 'all'
      ? html`<p><a class="cl-button cl-button--quiet" href="${queuePath(queue, filters)}">${t.seeAll}</a></p>`
      : html`<p><a class="cl-button cl-button--quiet" href="${queuePath(queue, filters, page.cursor)}" rel="next">${t.more}</a></p>`
    : '';
  return html`<section class="cl-card cl-stack" id="${id}" data-live="${here}" aria-labelledby="${id}-title">
${opts.heading === 'none' ? html`<h2 class="cl-sr-only" id="${id}-title">${t.views[queue]}</h2>` : html`<h2 id="${id}-title">${t.views[queue]}</h2>`}
${
  page.items.length === 0
    ? html`<p class="cl-empty">${searching ? t.emptySearch : t.empty}</p>`
    : html`<table class="cl-table">
<thead><tr><th scope="col">${t.columns.ticket}</th><th scope="col">${t.columns.grade}</th><th scope="col">${t.columns.category}</th><th scope="col">${t.columns.customer}</th><th scope="col">${t.columns.status}</th><th scope="col">${t.columns.owner}</th><th scope="col">${queue === 'requests' ? t.columns.answerDue : t.columns.due}</th></tr></thead>
<tbody>${page.items.map((item) => row(view, item))}</tbody>
</table>`
}
${next}
</section>`;
}

function row(view: ConsoleView, item: QueueItem): SafeHtml {
  const t = copy(view.locale);
  // In the requests view the row is due when the partner's answer is (shared/usecases/staff-queues.ts).
  const due = item.partnerRequest?.dueAt ?? item.nextDeadlineAt;
  const left = due ? view.left(due, item.grade) : undefined;
  return html`<tr>
<td data-label="${t.columns.ticket}"><a class="cl-mono" href="${consoleComplaintPath(item.ticketNumber)}">${item.ticketNumber}</a></td>
<td data-label="${t.columns.grade}">${gradeBadge(item.grade, view.locale, view.gradeNames)}</td>
<td data-label="${t.columns.category}">${CATEGORY_LABELS[item.category][view.locale]}</td>
<td data-label="${t.columns.customer}">${item.customerName ?? '—'}</td>
<td data-label="${t.columns.status}"><span class="cl-status">${t.statuses[item.status]}</span></td>
<td data-label="${t.columns.owner}">${item.ownerId ? view.nameOf(item.ownerId) : html`<span class="cl-muted">${t.nobody}</span>`}</td>
<td data-label="${item.partnerRequest ? t.columns.answerDue : t.columns.due}">${countdown(left, due, view.locale)}</td>
</tr>`;
}

export function gradeBadge(grade: QueueItem['grade'], locale: ConsoleView['locale'], names?: GradeNames): SafeHtml {
  const label = gradeName(grade, locale, names);
  return html`<span class="cl-badge cl-badge--${grade.toLowerCase()}">${grade} <span class="cl-small">${label}</span></span>`;
}

function filterForm(view: ConsoleView, queue: QueueView, filters: QueueFilters): SafeHtml {
  const t = copy(view.locale);
  const option = (value: string, label: string, chosen: string | undefined) =>
    html`<option value="${value}"${chosen === value ? html` selected` : ''}>${label}</option>`;
  return html`<form method="get" action="/console/queues/${queue}" class="cl-form cl-card" role="search">
<fieldset class="cl-row"><legend>${t.filters.legend}</legend>
<div class="cl-field"><label for="f-q">${t.filters.search}</label>
<input id="f-q" name="q" type="search" value="${filters.q ?? ''}" aria-describedby="f-q-hint" maxlength="254">
<p class="cl-hint" id="f-q-hint">${t.filters.searchHint}</p></div>
<div class="cl-field"><label for="f-status">${t.filters.status}</label>
<select id="f-status" name="status">${option('', t.filters.any, filters.status)}${STATUSES.map((s) => option(s, t.statuses[s], filters.status))}</select></div>
<div class="cl-field"><label for="f-grade">${t.filters.grade}</label>
<select id="f-grade" name="grade">${option('', t.filters.any, filters.grade)}${GRADES.map((g) => option(g, g, filters.grade))}</select></div>
${
  seesBoard(view.staff)
    ? html`<div class="cl-field"><label for="f-department">${t.filters.department}</label>
<select id="f-department" name="department">${option('', t.filters.any, filters.department)}${DEPARTMENTS.map((d) => option(d, DEPARTMENT_LABELS[d][view.locale], filters.department))}</select></div>`
    : ''
}
<div class="cl-row"><button type="submit" class="cl-button cl-button--primary">${t.filters.apply}</button>
<a class="cl-button cl-button--quiet" href="/console/queues/${queue}">${t.filters.clear}</a></div>
</fieldset>
</form>`;
}

export function renderQueuePage(
  view: ConsoleView,
  queue: QueueView,
  filters: QueueFilters,
  page: StaffQueuePage,
  cursor: string | undefined,
): string {
  const t = copy(view.locale);
  const tabs = html`<nav aria-label="${t.viewsLabel}"><ul class="cl-tabs">${viewsFor(view).map(
    (v) =>
      html`<li><a href="/console/queues/${v}"${v === queue ? html` aria-current="page"` : ''}>${t.views[v]}</a></li>`,
  )}</ul></nav>`;
  const current = queue === 'mine' ? 'mine' : queue === 'department' ? 'department' : undefined;
  return consolePage(
    view,
    t.views[queue],
    current,
    html`<h1>${t.views[queue]}</h1>
${tabs}
${filterForm(view, queue, filters)}
${queueTable(view, queue, filters, page, { cursor, heading: 'none' })}`,
  );
}

/** An agent's home: their own complaints, then their department's unclaimed ones, soonest deadline first. */
export function renderAgentHome(view: ConsoleView, mine: StaffQueuePage, unassigned: StaffQueuePage): string {
  const t = copy(view.locale);
  return consolePage(
    view,
    t.nav.mine,
    'mine',
    html`<h1>${t.nav.mine}</h1>
${queueTable(view, 'mine', {}, mine, { more: 'all' })}
${queueTable(view, 'unassigned', {}, unassigned, { more: 'all' })}`,
  );
}
