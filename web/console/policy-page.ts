import { ValidationError } from '../../shared/errors/index.js';
import { CATEGORY_LABELS, DEPARTMENT_LABELS, formatAmount, formatInstant } from '../../shared/i18n/labels.js';
import { GRADES } from '../../shared/model/complaint.js';
import type { PolicyDocument } from '../../shared/policy/schema.js';
import type { Duration, StaffMember } from '../../shared/policy/types.js';
import type { Clock, Page, PolicyStore, PolicyVersion, PolicyVersionSummary } from '../../shared/ports/index.js';
import { html, type SafeHtml } from '../../shared/templates/html.js';
import { currentPolicy, policyHistory, rollbackPolicy, savePolicy } from '../../shared/usecases/policy-admin.js';
import type { DryRunRecords, DryRunResult } from '../../shared/usecases/policy-dry-run.js';
import { type ConsoleCopy, copy } from './copy.js';
import { alert, type ConsoleView, consolePage } from './layout.js';
import { draftDocument, type PolicyDraft, versionOf } from './policy-draft.js';

export type { PolicyDraft };

import { gradeBadge } from './queue-page.js';

/**
 * The presets an operator may start from (issue 9: the reference documents' tables, and today's
 * defaults). The policy page only lists them and loads one into the editor; where they come from
 * is wired in functions/console.ts.
 */
export interface PolicyPresets {
  names(): string[];
  document(name: string): PolicyDocument | undefined;
}

export interface PolicyPageState {
  current: PolicyVersion;
  history: Page<PolicyVersionSummary>;
  presets: string[];
  draft: PolicyDraft;
  /** The last post succeeded (post/redirect/get lands here with `?done=`). */
  done?: { kind: 'saved' } | { kind: 'rolledBack'; from: number };
  /** A refused post: its message, and each field's message next to it. */
  failed?: { form: 'save' | 'rollback'; message: string; fields?: Record<string, string>; version?: number };
  /** Saving was refused because another version came into force meanwhile. */
  conflict?: boolean;
  /** A dry run of the draft against the version in force. */
  dryRun?: DryRunResult;
}

/** The draft as the editor shows it: the document with two-space indents, so a person can find a field. */
export const documentText = (policy: PolicyDocument): string => JSON.stringify(policy, null, 2);

/** GET /console/policy: the version in force read as tables, its history, and the editor. */
export function renderPolicyPage(view: ConsoleView, state: PolicyPageState): string {
  const t = copy(view.locale).policy;
  return consolePage(
    view,
    t.title,
    'policy',
    html`<h1>${t.title}</h1>
<p class="cl-lead">${t.lead}</p>
${state.done ? doneAlert(t, state) : ''}
${state.conflict ? alert('error', t.conflict, 'policy-conflict') : ''}
${inForce(view, state.current)}
${state.dryRun ? dryRunSection(view, state.dryRun) : ''}
${editor(view, state)}
${historySection(view, state)}`,
  );
}

function doneAlert(t: ConsoleCopy['policy'], state: PolicyPageState): SafeHtml {
  const done = state.done!;
  const text = done.kind === 'saved' ? t.saved(state.current.version) : t.rolledBack(state.current.version, done.from);
  return alert('success', text, 'policy-done');
}

export function formatDuration(duration: Duration | undefined, t: ConsoleCopy['policy']): string {
  if (!duration) return '—';
  const [[unit, amount]] = Object.entries(duration) as [[keyof ConsoleCopy['policy']['duration'], number]];
  return t.duration[unit]?.(amount) ?? JSON.stringify(duration);
}

function who(view: ConsoleView, savedBy: string, t: ConsoleCopy['policy']): string {
  return savedBy === 'system' ? t.system : (view.nameOf(savedBy) ?? savedBy);
}

function inForce(view: ConsoleView, current: PolicyVersion): SafeHtml {
  const t = copy(view.locale).policy;
  const p = current.policy;
  const at = (iso: string) => formatInstant(iso, view.locale, view.timezone);
  return html`<section class="cl-card cl-stack" id="policy-in-force" aria-labelledby="policy-in-force-title">
<h2 id="policy-in-force-title">${t.inForce(current.version)}</h2>
<dl class="cl-facts">
<dt>${t.savedBy}</dt><dd>${who(view, current.savedBy, t)}</dd>
<dt>${t.savedAt}</dt><dd>${at(current.savedAt)}</dd>
<dt>${t.reason}</dt><dd>${current.reason}</dd>
<dt>${t.preset}</dt><dd>${current.preset ?? t.noPreset}</dd>
${current.rolledBackFrom !== undefined ? html`<dt>${t.historyColumns.sections}</dt><dd>${t.rolledBackFrom(current.rolledBackFrom)}</dd>` : ''}
</dl>
${deadlineTable(view, p)}
${calendarSection(view, p)}
${workflowSection(view, p)}
${rulesSection(view, p)}
</section>`;
}

function deadlineTable(view: ConsoleView, p: PolicyDocument): SafeHtml {
  const t = copy(view.locale).policy;
  const c = t.deadlineColumns;
  const d = (duration: Duration | undefined, none = '—') => (duration ? formatDuration(duration, t) : none);
  return html`<h3 id="policy-deadlines">${t.deadlines}</h3>
<table class="cl-table" aria-labelledby="policy-deadlines"><thead><tr><th scope="col">${c.grade}</th><th scope="col">${c.assign}</th><th scope="col">${c.firstContact}</th><th scope="col">${c.solution}</th><th scope="col">${c.resolve}</th><th scope="col">${c.grace}</th></tr></thead>
<tbody>${GRADES.map((g) => {
    const row = p.deadlines[g];
    return html`<tr>
<td data-label="${c.grade}">${gradeBadge(g, view.locale)}</td>
<td data-label="${c.assign}">${d(row?.assign)}</td>
<td data-label="${c.firstContact}">${d(row?.firstContact)}</td>
<td data-label="${c.solution}">${d(row?.solution, t.noSolutionStep)}</td>
<td data-label="${c.resolve}">${d(row?.resolve)}</td>
<td data-label="${c.grace}">${d(p.workflow.escalationGrace?.[g])}</td>
</tr>`;
  })}</tbody></table>`;
}

function calendarSection(view: ConsoleView, p: PolicyDocument): SafeHtml {
  const t = copy(view.locale).policy;
  const cal = p.calendar;
  const c = t.holidayColumns;
  return html`<h3>${t.calendar}</h3>
<dl class="cl-facts">
<dt>${t.timezone}</dt><dd>${cal.timezone}</dd>
<dt>${t.workday}</dt><dd>${cal.workday.start}–${cal.workday.end}</dd>
<dt>${t.weekend}</dt><dd>${cal.weekend.map((d) => t.weekdays[d] ?? String(d)).join(', ')}</dd>
<dt>${t.swapped}</dt><dd>${cal.workdays.length ? cal.workdays.join(', ') : t.noneListed}</dd>
</dl>
<h4 id="policy-holidays">${t.holidays}</h4>
${
  cal.holidays.length === 0
    ? html`<p class="cl-empty">${t.noneListed}</p>`
    : html`<table class="cl-table" aria-labelledby="policy-holidays"><thead><tr><th scope="col">${c.name}</th><th scope="col">${c.from}</th><th scope="col">${c.to}</th></tr></thead>
<tbody>${cal.holidays.map((h) => html`<tr><td data-label="${c.name}">${h.name}</td><td data-label="${c.from}">${h.from}</td><td data-label="${c.to}">${h.to}</td></tr>`)}</tbody></table>`
}`;
}

function workflowSection(view: ConsoleView, p: PolicyDocument): SafeHtml {
  const t = copy(view.locale).policy;
  const w = p.workflow;
  const r = t.workflowRows;
  const rows: [string, string][] = [
    [r.progressEvery, formatDuration(w.progressEvery, t)],
    [r.resultWithin, formatDuration(w.resultWithin, t)],
    [r.surveyReminderAfter, formatDuration(w.surveyReminderAfter, t)],
    [r.surveyCloseAfter, formatDuration(w.surveyCloseAfter, t)],
    [r.reopenFollowUpWithin, formatDuration(w.reopenFollowUpWithin, t)],
    [r.infoRequestLimit, formatDuration(w.infoRequestLimit, t)],
    [r.statusLinkTtlDays, formatDuration({ days: p.statusLinkTtlDays }, t)],
    [r.duplicateWindowMinutes, formatDuration({ minutes: p.duplicateWindowMinutes }, t)],
    [t.approvalThreshold, formatAmount(w.approvalAmountThreshold, view.locale)],
  ];
  return html`<h3>${t.workflow}</h3>
<dl class="cl-facts" id="policy-workflow">${rows.map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}</dl>`;
}

function rulesSection(view: ConsoleView, p: PolicyDocument): SafeHtml {
  const t = copy(view.locale).policy;
  return html`<h3>${t.rules}</h3>
<dl class="cl-facts" id="policy-rules">
<dt>${t.gradingRules}</dt><dd>${p.grading.rules.length}</dd>
<dt>${t.defaultGrade}</dt><dd>${gradeBadge(p.grading.defaultGrade, view.locale)}</dd>
<dt>${t.routingRules}</dt><dd>${p.routing.rules.length}</dd>
<dt>${t.involvementRules}</dt><dd>${p.routing.involvements?.length ?? 0}</dd>
</dl>`;
}

function historySection(view: ConsoleView, state: PolicyPageState): SafeHtml {
  const t = copy(view.locale).policy;
  const c = t.historyColumns;
  const at = (iso: string) => formatInstant(iso, view.locale, view.timezone);
  const failed = state.failed?.form === 'rollback' ? state.failed : undefined;
  return html`<section class="cl-card cl-stack" id="policy-history" aria-labelledby="policy-history-title">
<h2 id="policy-history-title">${t.historyTitle}</h2>
<table class="cl-table"><thead><tr><th scope="col">${c.version}</th><th scope="col">${c.savedAt}</th><th scope="col">${c.savedBy}</th><th scope="col">${c.reason}</th><th scope="col">${c.sections}</th><th scope="col">${c.action}</th></tr></thead>
<tbody>${state.history.items.map((v) => {
    const isCurrent = v.version === state.current.version;
    const here = failed?.version === v.version ? failed : undefined;
    const id = `rollback-${v.version}`;
    return html`<tr id="policy-version-${v.version}">
<td data-label="${c.version}">${v.version}${isCurrent ? html` <span class="cl-status">${t.current}</span>` : ''}</td>
<td data-label="${c.savedAt}">${at(v.savedAt)}</td>
<td data-label="${c.savedBy}">${who(view, v.savedBy, t)}</td>
<td data-label="${c.reason}">${v.reason}${v.preset ? html`<br><span class="cl-small cl-muted">${t.preset}: ${v.preset}</span>` : ''}${v.rolledBackFrom !== undefined ? html`<br><span class="cl-small cl-muted">${t.rolledBackFrom(v.rolledBackFrom)}</span>` : ''}</td>
<td data-label="${c.sections}">${v.changedSections.join(', ') || '—'}</td>
<td data-label="${c.action}">${
      isCurrent
        ? '—'
        : html`<form method="post" action="/console/policy/rollback" class="cl-form cl-stack--tight">
<input type="hidden" name="csrf" value="${view.csrf}"><input type="hidden" name="version" value="${v.version}">
<div class="cl-field"><label for="${id}-reason">${t.rollbackReason(v.version)}</label>
<input id="${id}-reason" name="reason" required maxlength="500"${here ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''}>
${here ? html`<p class="cl-error" id="${id}-error">${here.fields?.reason ?? here.message}</p>` : ''}</div>
<button type="submit" class="cl-button cl-button--small">${t.rollback}</button></form>`
    }</td>
</tr>`;
  })}</tbody></table>
${state.history.nextCursor ? html`<p><a href="/console/policy?cursor=${encodeURIComponent(state.history.nextCursor)}">${t.older}</a></p>` : ''}
</section>`;
}

function editor(
  view: ConsoleView,
  state: Pick<PolicyPageState, 'draft' | 'presets' | 'failed'> & { current?: PolicyVersion },
): SafeHtml {
  const t = copy(view.locale).policy;
  const failed = state.failed?.form === 'save' ? state.failed : undefined;
  const fieldErrors = Object.entries(failed?.fields ?? {}).filter(([field]) => field !== 'reason');
  const reasonError = failed?.fields?.reason;
  const { draft } = state;
  return html`<section class="cl-card cl-stack" id="policy-editor" aria-labelledby="policy-editor-title">
<h2 id="policy-editor-title">${t.editorTitle}</h2>
<p class="cl-muted">${t.editorHint}</p>
${
  state.presets.length > 0 || state.current
    ? html`<form method="get" action="/console/policy" class="cl-form cl-row">
<div class="cl-field"><label for="policy-start">${t.startFrom}</label>
<select id="policy-start" name="preset">
<option value="">${state.current ? t.startFromCurrent(state.current.version) : '—'}</option>
${state.presets.map((name) => html`<option value="${name}"${draft.preset === name ? html` selected` : ''}>${name}</option>`)}
</select></div>
<button type="submit" class="cl-button">${t.load}</button></form>`
    : ''
}
${failed ? alert('error', failed.message, 'policy-save-error') : ''}
<form method="post" action="/console/policy/save" class="cl-form cl-stack">
<input type="hidden" name="csrf" value="${view.csrf}">
<input type="hidden" name="basedOn" value="${draft.basedOn}">
${draft.preset ? html`<input type="hidden" name="preset" value="${draft.preset}">` : ''}
<div class="cl-field"><label for="policy-document">${t.document}</label>
<textarea id="policy-document" name="policy" rows="18" spellcheck="false" class="cl-mono"${fieldErrors.length ? html` aria-invalid="true" aria-describedby="policy-document-errors"` : ''}>${draft.text}</textarea>
${fieldErrors.length ? html`<ul class="cl-error" id="policy-document-errors">${fieldErrors.map(([field, text]) => html`<li><span class="cl-mono">${field}</span>: ${text}</li>`)}</ul>` : ''}
</div>
<div class="cl-actions"><button type="submit" class="cl-button" formaction="/console/policy/dry-run" formnovalidate>${t.dryRun}</button></div>
<div class="cl-field"><label for="policy-reason">${t.saveReason}</label>
<input id="policy-reason" name="reason" required maxlength="500" value="${draft.reason ?? ''}" aria-describedby="policy-reason-hint${reasonError ? ' policy-reason-error' : ''}"${reasonError ? html` aria-invalid="true"` : ''}>
<p class="cl-hint" id="policy-reason-hint">${t.saveReasonHint} ${t.basedOn(draft.basedOn)}</p>
${reasonError ? html`<p class="cl-error" id="policy-reason-error">${reasonError}</p>` : ''}</div>
<div class="cl-actions"><button type="submit" class="cl-button cl-button--primary">${t.save}</button></div>
</form>
</section>`;
}

function dryRunSection(view: ConsoleView, r: DryRunResult): SafeHtml {
  const t = copy(view.locale).policy;
  const m = t.moves;
  const cc = t.changeColumns;
  const at = (iso: string) => formatInstant(iso, view.locale, view.timezone);
  const category = (c: keyof typeof CATEGORY_LABELS) => CATEGORY_LABELS[c][view.locale];
  const department = (d: keyof typeof DEPARTMENT_LABELS) => DEPARTMENT_LABELS[d][view.locale];
  const arrow = (a: string, b: string) => (a === b ? a : `${a} → ${b}`);
  return html`<section class="cl-card cl-stack" id="policy-dry-run" aria-labelledby="policy-dry-run-title">
<h2 id="policy-dry-run-title">${t.dryRunTitle}</h2>
<p class="cl-muted">${t.dryRunLead(r.sampled)}</p>
<dl class="cl-facts"><dt>${t.sections}</dt><dd id="dry-run-sections">${r.sections.length ? r.sections.join(', ') : t.noSections}</dd></dl>
<p id="dry-run-counts">${t.changedCounts(r.changed.grade, r.changed.category, r.changed.department)}</p>
<table class="cl-table" id="dry-run-matrix"><caption>${t.matrix}</caption>
<thead><tr><th scope="col">${t.matrixCorner}</th>${GRADES.map((g) => html`<th scope="col">${g}</th>`)}</tr></thead>
<tbody>${GRADES.map(
    (from) =>
      html`<tr><th scope="row">${from}</th>${GRADES.map((to) => html`<td data-label="${to}">${from !== to && r.gradeMatrix[from][to] > 0 ? html`<strong>${r.gradeMatrix[from][to]}</strong>` : r.gradeMatrix[from][to]}</td>`)}</tr>`,
  )}</tbody></table>
${moves(m.category, r.categoryMoves, category, m)}
${moves(m.department, r.departmentMoves, department, m)}
<h3>${t.accuracy}</h3>
<p id="dry-run-accuracy">${r.accuracy.labelled ? t.accuracyLine(r.accuracy.labelled, r.accuracy.current, r.accuracy.proposed) : t.noLabels}</p>
${
  r.changes.length === 0
    ? html`<p class="cl-empty" id="dry-run-nothing">${t.nothingChanges}</p>`
    : html`<table class="cl-table" id="dry-run-changes"><caption>${t.changes(r.changes.length, r.changed.any)}</caption>
<thead><tr><th scope="col">${cc.ticket}</th><th scope="col">${cc.grade}</th><th scope="col">${cc.category}</th><th scope="col">${cc.department}</th><th scope="col">${cc.label}</th><th scope="col">${cc.reasons}</th></tr></thead>
<tbody>${r.changes.map(
        (c) => html`<tr>
<td data-label="${cc.ticket}" class="cl-mono">${c.ticketNumber}</td>
<td data-label="${cc.grade}">${arrow(c.before.grade, c.after.grade)}</td>
<td data-label="${cc.category}">${arrow(category(c.before.category), category(c.after.category))}</td>
<td data-label="${cc.department}">${arrow(department(c.before.department), department(c.after.department))}</td>
<td data-label="${cc.label}">${c.label ?? '—'}</td>
<td data-label="${cc.reasons}"><ul class="cl-small">${c.reasons.map((reason) => html`<li>${reason}</li>`)}</ul></td>
</tr>`,
      )}</tbody></table>`
}
${
  r.deadlines
    ? html`<table class="cl-table" id="dry-run-deadlines"><caption>${t.newComplaint(at(r.deadlines.receivedAt))}</caption>
<thead><tr><th scope="col">${t.deadlineColumns.grade}</th><th scope="col">${t.deadlineColumns.assign}</th><th scope="col">${t.deadlineColumns.firstContact}</th><th scope="col">${t.deadlineColumns.solution}</th><th scope="col">${t.deadlineColumns.resolve}</th></tr></thead>
<tbody>${r.deadlines.rows.map(
        (row) =>
          html`<tr><th scope="row">${row.grade}</th>${(['assign', 'firstContact', 'solution', 'resolve'] as const).map(
            (name) => {
              const label = t.deadlineColumns[name];
              const before = row.current[name];
              const after = row.proposed[name];
              return html`<td data-label="${label}"><span class="cl-small">${t.nowLabel}: ${before ? at(before) : '—'}</span><br><span class="cl-small">${after !== before ? html`<strong>${t.proposedLabel}: ${after ? at(after) : '—'}</strong>` : html`${t.proposedLabel}: ${after ? at(after) : '—'}`}</span></td>`;
            },
          )}</tr>`,
      )}</tbody></table>`
    : ''
}
</section>`;
}

function moves<T extends string>(
  title: string,
  list: { from: T; to: T; count: number }[],
  label: (value: T) => string,
  m: ConsoleCopy['policy']['moves'],
): SafeHtml {
  if (list.length === 0) return html``;
  return html`<table class="cl-table"><caption>${title}</caption>
<thead><tr><th scope="col">${m.from}</th><th scope="col">${m.to}</th><th scope="col">${m.count}</th></tr></thead>
<tbody>${list.map((move) => html`<tr><td data-label="${m.from}">${label(move.from)}</td><td data-label="${m.to}">${label(move.to)}</td><td data-label="${m.count}">${move.count}</td></tr>`)}</tbody></table>`;
}

/** What the policy page's routes need: the versioned store, the clock that stamps a change, the presets. */
export interface PolicyPageDeps {
  policies: PolicyStore;
  clock: Clock;
  presets: PolicyPresets;
  /** Console dry runs, made by the dry-run function and shown here. */
  dryRuns: Pick<DryRunRecords, 'get'>;
}

const HISTORY_PAGE = 20;
const MAX_REASON = 500;

/** GET /console/policy: the version in force, a page of history, and the editor (the current document or a preset). */
export async function policyPageState(
  deps: PolicyPageDeps,
  query: { preset?: string; cursor?: string; dryRun?: string },
  reader?: { staff: StaffMember; messageOf: (issue: { code: string; params?: Record<string, unknown> }) => string },
): Promise<PolicyPageState> {
  const [current, history, dryRun] = await Promise.all([
    currentPolicy(deps),
    policyHistory(deps, { limit: HISTORY_PAGE, cursor: query.cursor }),
    query.dryRun && reader ? deps.dryRuns.get(query.dryRun, reader.staff.id, deps.clock.now()) : undefined,
  ]);
  const preset = query.preset ? deps.presets.document(query.preset) : undefined;
  const state: PolicyPageState = {
    current,
    history,
    presets: deps.presets.names(),
    draft: {
      text: documentText(preset ?? current.policy),
      ...(preset ? { preset: query.preset } : {}),
      basedOn: current.version,
    },
  };
  if (dryRun && reader) {
    // The editor as the manager posted it, with what it would change or why it was refused.
    state.draft = dryRun.draft;
    if (dryRun.result) state.dryRun = dryRun.result;
    if (dryRun.fields) {
      const fields = Object.entries(dryRun.fields).map(([field, issue]) => [field, reader.messageOf(issue)]);
      state.failed = {
        form: 'save',
        message: reader.messageOf({ code: 'validation_failed' }),
        fields: Object.fromEntries(fields),
      };
    }
  }
  return state;
}

function reasonOf(form: Record<string, unknown>): string {
  const reason = typeof form.reason === 'string' ? form.reason.trim() : '';
  if (reason === '') throw new ValidationError({ reason: { code: 'required' } });
  if (reason.length > MAX_REASON)
    throw new ValidationError({ reason: { code: 'too_long', params: { max: MAX_REASON } } });
  return reason;
}

/** POST /console/policy/save: the posted document as a new version, if the version it was based on is still in force. */
export async function savePostedPolicy(
  deps: PolicyPageDeps,
  form: Record<string, unknown>,
  by: StaffMember,
): Promise<PolicyVersion> {
  const basedOn = versionOf(form.basedOn);
  if (basedOn === undefined) throw new ValidationError({ basedOn: { code: 'required' } });
  const reason = reasonOf(form);
  const preset =
    typeof form.preset === 'string' && deps.presets.names().includes(form.preset) ? form.preset : undefined;
  return savePolicy(deps, { policy: draftDocument(form.policy), reason, basedOn, by, ...(preset ? { preset } : {}) });
}

/** POST /console/policy/rollback: an earlier version's content becomes the version in force. */
export async function rollbackPosted(deps: PolicyPageDeps, form: Record<string, unknown>, by: StaffMember) {
  const version = versionOf(form.version);
  if (version === undefined) throw new ValidationError({ version: { code: 'required' } });
  return rollbackPolicy(deps, { version, reason: reasonOf(form), by });
}
