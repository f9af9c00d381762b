import { can, type StaffActionName } from '../../shared/auth/staff.js';
import {
  CATEGORY_LABELS,
  DEPARTMENT_LABELS,
  ESCALATION_ROLE_LABELS,
  formatAmount,
  formatInstant,
  REMEDY_LABELS,
} from '../../shared/i18n/labels.js';
import type { MailThreadEntry } from '../../shared/mail/thread.js';
import {
  type Complaint,
  DEPARTMENTS,
  ESCALATION_LADDER,
  type EvidenceRef,
  GRADES,
  LOCALES,
  REMEDIES,
  type TimelineEvent,
} from '../../shared/model/complaint.js';
import { html, type SafeHtml } from '../../shared/templates/html.js';
import { LETTER_KINDS, type LetterDraft } from '../../shared/templates/staff-letters.js';
import type { DeadlineClock } from '../../shared/usecases/console-views.js';
import type { PastCase } from '../../shared/usecases/past-cases.js';
import { answerPending, awaitingAcceptance, changeRequested } from '../../shared/workflow/acceptance.js';
import { contactedThisRound, LIFECYCLE } from '../../shared/workflow/lifecycle.js';
import { isOpenRequest, mayAnswer, mayDispute } from '../../shared/workflow/partners.js';
import { ACCEPTANCE_FORM_COPY, acceptanceCard } from './acceptance-card.js';
import { type ConsoleCopy, copy } from './copy.js';
import { countdown, formatSpan } from './due.js';
import { alert, type ConsoleView, consolePage, lines } from './layout.js';
import { pastCasesCard } from './past-cases-card.js';
import { type ProposalRules, standardField } from './propose-form.js';
import { gradeBadge } from './queue-page.js';
import { workOrdersCard } from './work-order-card.js';

/** What the complaint page shows besides the complaint: the outcome of the last post, a letter being written. */
export interface ComplaintPageState {
  complaint: Complaint;
  timeline: TimelineEvent[];
  mailThread: MailThreadEntry[];
  clocks: DeadlineClock[];
  /** A refused post: its form shows the message, each field's message and what was typed. */
  failed?: { action: string; message: string; fields?: Record<string, string>; values: Record<string, string> };
  /** The last post succeeded (post/redirect/get lands here with `?done=`). */
  done?: boolean;
  /** The post was refused because the complaint changed since the page was shown. */
  conflict?: boolean;
  /** The reply form starts from this letter. */
  letter?: LetterDraft;
  /** The reply as the customer will receive it. */
  preview?: { subject: string; text: string; message: string };
  /** The remedy standards and approval rules of the complaint's policy version, for the propose form. */
  proposal?: ProposalRules;
  /** Past cases (L10): resolved complaints of the same model and category; absent: the card is not shown. */
  pastCases?: PastCase[];
}

/** The forms the console may show; `claim` is `assign` to oneself. */
export type ConsoleAction = StaffActionName | 'claim';

/**
 * The actions this reader may take on this complaint now: the role rules (`can`), the lifecycle
 * table, and the preconditions a person can see (an owner, an email address, a pending proposal).
 * It only hides forms: performStaffAction decides again on the stored record.
 */
export function allowedActions(view: Pick<ConsoleView, 'staff'>, c: Complaint): ConsoleAction[] {
  const staff = view.staff;
  const inStatus = (a: StaffActionName) => LIFECYCLE[a][c.status] !== undefined;
  const may = (a: StaffActionName) => can(staff, a, c) && inStatus(a);
  const owned = c.ownerId !== undefined;
  const pending = c.solution?.approval === 'pending';
  const checks: [ConsoleAction, boolean][] = [
    ['claim', !owned && may('assign')],
    ['assign', can(staff, 'reassign', c) && inStatus('assign')],
    ['contact', owned && may('contact')],
    ['reply', owned && Boolean(c.customer.email) && may('reply')],
    ['request-info', owned && Boolean(c.customer.email) && may('request-info')],
    [
      'propose',
      owned &&
        contactedThisRound(c) &&
        !pending &&
        (c.solution?.approval !== 'approved' || changeRequested(c)) &&
        may('propose'),
    ],
    ['approve', pending && legalCleared(c) && may('approve')],
    ['reject', pending && may('reject')],
    ['resolve', owned && contactedThisRound(c) && !pending && !awaitingAcceptance(c) && may('resolve')],
    // The customer accepts the solution (ACC).
    [
      'offer-by-call',
      owned && awaitingAcceptance(c) && !changeRequested(c) && !c.solution?.offer && may('offer-by-call'),
    ],
    ['record-acceptance', owned && answerPending(c) && may('record-acceptance')],
    ['reopen', may('reopen')],
    ['note', may('note')],
    ['regrade', may('regrade')],
    ['reroute', may('reroute')],
    ['merge', may('merge')],
    ['escalate', (c.escalation?.level ?? 0) < ESCALATION_LADDER.length - 1 && may('escalate')],
    ['request-partner', may('request-partner')],
    // SM
    ['notify-delay', owned && Boolean(c.customer.email) && may('notify-delay')],
    ['record-fix', may('record-fix')],
    // Legal review (LEG): a legal reviewer decides on a plan legal holds.
    ['legal-approve', c.solution?.legal?.state === 'pending' && may('legal-approve')],
    ['legal-return', c.solution?.legal?.state === 'pending' && may('legal-return')],
  ];
  return checks.filter(([, ok]) => ok).map(([a]) => a);
}

export function renderComplaintPage(view: ConsoleView, state: ComplaintPageState): string {
  const t = copy(view.locale);
  const c = state.complaint;
  const allowed = allowedActions(view, c);
  // A refused form stays on the page even if the action is no longer allowed: what was typed is never lost.
  const shown =
    state.failed &&
    !allowed.includes(state.failed.action as ConsoleAction) &&
    !PER_REQUEST.has(state.failed.action as ConsoleAction)
      ? [...allowed, state.failed.action as ConsoleAction]
      : allowed;
  return consolePage(
    view,
    t.complaint.title(c.ticketNumber),
    undefined,
    html`<div class="cl-row"><h1>${t.complaint.title(c.ticketNumber)}</h1> ${gradeBadge(c.grade, view.locale, view.gradeNames)} <span class="cl-status" id="status">${t.statuses[c.status]}</span> <span class="cl-muted cl-small">${t.complaint.version(c.version)}</span></div>
${state.done ? alert('success', t.done, 'done') : ''}
${state.conflict ? alert('error', t.conflict, 'conflict') : ''}
<div class="cl-grid">
<div class="cl-stack">
${facts(view, c, t)}
${deadlines(view, c, state.clocks, t)}
${evidence(c, state.timeline, t)}
${partners(view, state, t)}
${detailsCard(view, c, t)}
${legalReview(view, c, t)}
${workOrdersCard(view, state)}
${acceptanceCard(view, c)}
${/* Past cases (issue 11, L10) */ state.pastCases ? pastCasesCard(view, c, state.pastCases) : ''}
</div>
<div class="cl-stack">
<section class="cl-card cl-stack" id="actions" aria-labelledby="actions-title"><h2 id="actions-title">${t.complaint.actions}</h2>
${shown.length === 0 ? html`<p class="cl-empty">${t.complaint.noActions}</p>` : shown.map((a) => actionForm(view, state, a))}
</section>
</div>
</div>
${mail(view, state.mailThread, t)}
${timeline(view, state.timeline, t)}`,
  );
}

function facts(view: ConsoleView, c: Complaint, t: ConsoleCopy): SafeHtml {
  const l = view.locale;
  const row = (label: string, value: unknown) =>
    value === undefined || value === '' ? '' : html`<dt>${label}</dt><dd>${value}</dd>`;
  const s = c.solution;
  return html`<section class="cl-card cl-stack" aria-labelledby="facts-title"><h2 id="facts-title">${t.complaint.facts}</h2>
<dl class="cl-facts">
${row(t.complaint.received, formatInstant(c.receivedAt, l, view.timezone))}
${row(t.complaint.channel, c.channel)}
${row(t.columns.category, CATEGORY_LABELS[c.category][l])}
${row(t.complaint.department, DEPARTMENT_LABELS[c.department][l])}
${row(t.complaint.owner, c.ownerId ? view.nameOf(c.ownerId) : t.nobody)}
${row(t.complaint.customer, c.customer.name)}
${row(t.complaint.email, c.customer.email)}
${row(t.complaint.phone, c.customer.phone)}
${row(t.complaint.tier, c.customer.tier)}
${row(t.complaint.order, c.orderNumber)}
${row(t.complaint.product, [c.product?.model, c.product?.serialNumber, c.product?.purchaseDate].filter(Boolean).join(' · '))}
${row(t.complaint.remedy, c.requestedRemedy ? REMEDY_LABELS[c.requestedRemedy][l] : undefined)}
${row(t.complaint.subject, c.subject)}
</dl>
<h3>${t.complaint.description}</h3>
<blockquote id="description">${lines(c.description)}</blockquote>
<h3>${t.complaint.gradeReasons}</h3>
<ul id="grade-reasons">${c.gradeReasons.map((r) => html`<li>${r}</li>`)}</ul>
<h3>${t.complaint.routingReasons}</h3>
<ul>${c.routingReasons.map((r) => html`<li>${r}</li>`)}</ul>
${
  s
    ? html`<h3>${t.complaint.solution}</h3><dl class="cl-facts" id="solution">
${row(t.fields.summary, s.summary)}
${row(t.fields.remedy, s.remedy ? REMEDY_LABELS[s.remedy][l] : undefined)}
${row(t.fields.amount, s.amount === undefined ? undefined : formatAmount(s.amount, l))}
${row(t.complaint.approval, `${t.approvalStates[s.approval]}${s.approvalReason ? ` (${s.approvalReason})` : ''}`)}
${row(t.fields.decisionNote, s.decisionNote)}
</dl>`
    : ''
}
</section>`;
}

function deadlines(view: ConsoleView, c: Complaint, clocks: DeadlineClock[], t: ConsoleCopy): SafeHtml {
  const at = (iso: string) => formatInstant(iso, view.locale, view.timezone);
  const names = (ids: string[]) => ids.map((id) => view.nameOf(id) ?? id).join(', ') || '—';
  return html`<section class="cl-card cl-stack" id="deadlines" aria-labelledby="deadlines-title"><h2 id="deadlines-title">${t.complaint.deadlines}</h2>
<ul class="cl-stack">${clocks.map(
    (k) => html`<li class="cl-stack" id="deadline-${k.name}">
<div class="cl-row"><strong>${t.deadlineNames[k.name]}</strong> <span>${t.clock.due} ${at(k.at)}</span>
${k.met ? html`<span class="cl-due cl-due--ok">${t.clock.met}</span>` : countdown(view.left(k.at, c.grade), k.at, view.locale)}</div>
<p class="cl-small cl-muted">${t.clock.measured(k.working)}${k.met ? '' : ` ${t.clock.elapsed(formatSpan(k.elapsedWorkingMinutes, view.locale))}`}</p>
${k.pauses.length ? html`<ul class="cl-small">${k.pauses.map((p) => html`<li>${t.clock.paused(at(p.from), p.to && at(p.to))}</li>`)}</ul>` : ''}
${k.breaches.length ? html`<ul class="cl-small">${k.breaches.map((b) => html`<li class="cl-error">${t.clock.breached(at(b.at), ESCALATION_ROLE_LABELS[b.rung][view.locale], names(b.notified))}</li>`)}</ul>` : ''}
</li>`,
  )}</ul>
${
  c.escalation
    ? html`<p class="cl-alert cl-alert--info" id="escalation">${t.clock.escalatedNow(ESCALATION_ROLE_LABELS[ESCALATION_LADDER[c.escalation.level] ?? 'manager'][view.locale], at(c.escalation.deadline))}</p>`
    : ''
}
</section>`;
}

function attachmentsOf(timeline: TimelineEvent[]): EvidenceRef[] {
  return timeline.flatMap((e) =>
    e.type === 'received' || e.type === 'customer_replied' || e.type === 'mail_note_added'
      ? (e.data.attachments ?? [])
      : [],
  );
}

function evidence(c: Complaint, timeline: TimelineEvent[], t: ConsoleCopy): SafeHtml {
  const files = attachmentsOf(timeline);
  const links = c.evidence ?? [];
  return html`<section class="cl-card cl-stack" id="evidence" aria-labelledby="evidence-title"><h2 id="evidence-title">${t.complaint.evidence}</h2>
${
  files.length + links.length === 0
    ? html`<p class="cl-empty">${t.complaint.noEvidence}</p>`
    : html`<ul>${links.map((url) => html`<li><a href="${url}" rel="noopener noreferrer nofollow" target="_blank">${url}</a></li>`)}${files.map(
        (f) =>
          html`<li>${f.filename} <span class="cl-muted cl-small">${f.contentType}, ${t.complaint.bytes(f.size)}</span></li>`,
      )}</ul>`
}
</section>`;
}

function mail(view: ConsoleView, thread: MailThreadEntry[], t: ConsoleCopy): SafeHtml {
  const at = (iso: string) => formatInstant(iso, view.locale, view.timezone);
  return html`<section class="cl-card cl-stack" id="mail" aria-labelledby="mail-title"><h2 id="mail-title">${t.complaint.mail}</h2>
${
  thread.length === 0
    ? html`<p class="cl-empty">${t.complaint.noMail}</p>`
    : html`<ol class="cl-timeline">${thread.map((m) =>
        m.direction === 'sent'
          ? html`<li><span class="cl-small cl-muted">${at(m.at)}</span> ${t.complaint.sent}: ${eventLabel(t, m.kind)} <span class="cl-mono cl-small">${m.messageId}</span></li>`
          : html`<li><span class="cl-small cl-muted">${at(m.at)}</span> ${t.complaint.receivedMail} ${m.from}${m.note ? html` <strong>(${t.complaint.notCustomer})</strong>` : ''}
<blockquote>${lines(m.text)}</blockquote>
${m.attachments.length ? html`<p class="cl-small">${t.complaint.attachments}: ${m.attachments.map((a) => a.filename).join(', ')}</p>` : ''}</li>`,
      )}</ol>`
}
</section>`;
}

const eventLabel = (t: ConsoleCopy, type: string) => (t.events as Record<string, string>)[type] ?? type;

function timeline(view: ConsoleView, events: TimelineEvent[], t: ConsoleCopy): SafeHtml {
  const at = (iso: string) => formatInstant(iso, view.locale, view.timezone);
  return html`<section class="cl-card cl-stack" id="timeline" aria-labelledby="timeline-title"><h2 id="timeline-title">${t.complaint.timeline}</h2>
<ol class="cl-timeline">${events.map(
    (e) =>
      html`<li data-type="${e.type}"><span class="cl-small cl-muted">${at(e.at)}</span> <strong>${eventLabel(t, e.type)}</strong> <span class="cl-small cl-muted">${t.by(actorName(view, e.actor, t))}</span>${detail(view, e, t)}</li>`,
  )}</ol>
</section>`;
}

function actorName(view: ConsoleView, actor: string, t: ConsoleCopy): string {
  if (actor === 'system' || actor === 'workflow' || actor === '') return t.system;
  return view.nameOf(actor) ?? actor;
}

/** The part of an event a person needs to read: what was said, decided or changed. */
function detail(view: ConsoleView, e: TimelineEvent, t: ConsoleCopy): SafeHtml | '' {
  const l = view.locale;
  const text = (value: string | null | undefined) => (value ? html`<blockquote>${lines(value)}</blockquote>` : '');
  switch (e.type) {
    case 'assigned':
      return html` → ${view.nameOf(e.data.ownerId) ?? e.data.ownerId}`;
    case 'customer_contacted':
      return html` (${(t.channels as Record<string, string>)[e.data.channel] ?? e.data.channel})${text(e.data.note)}`;
    case 'note_added':
      return text(e.data.text);
    case 'progress_sent':
      return text(e.data.message);
    case 'info_requested':
      return text(e.data.question);
    case 'customer_replied':
      return text(e.data.message);
    case 'solution_proposed':
      return html`${e.data.amount === undefined ? '' : html` ${formatAmount(e.data.amount, l)}`}${text(e.data.summary)}`;
    case 'solution_approved':
    case 'solution_rejected':
      return text(e.data.note);
    case 'resolved':
      return text(e.data.summary);
    case 'solution_offered':
      return text(e.data.note ?? e.data.summary);
    case 'solution_accepted':
      return text(e.data.reason);
    case 'solution_change_requested':
      return text(e.data.reason);
    case 'regraded':
      return html` ${e.data.fromGrade} → ${e.data.toGrade}${text(e.data.reason)}`;
    case 'rerouted':
      return html` ${DEPARTMENT_LABELS[e.data.from][l]} → ${DEPARTMENT_LABELS[e.data.to][l]}${text(e.data.reason)}`;
    case 'merged_into':
    case 'merged_from':
      return html` <a href="/console/complaints/${encodeURIComponent(e.data.ticketNumber)}">${e.data.ticketNumber}</a>${text(e.data.reason)}`;
    case 'escalated_by_hand':
      return html` → ${ESCALATION_ROLE_LABELS[e.data.role][l]}${text(e.data.reason)}`;
    case 'sla_breached':
      return html` → ${ESCALATION_ROLE_LABELS[e.data.role][l]}: ${e.data.notified.map((id) => view.nameOf(id) ?? id).join(', ')}`;
    case 'reopened':
      return text(e.data.reason);
    case 'partner_requested':
      return html` → ${DEPARTMENT_LABELS[e.data.department][l]}${text(e.data.question)}`;
    case 'partner_answered':
      return html` ← ${DEPARTMENT_LABELS[e.data.department][l]}${text(e.data.answer)}`;
    case 'partner_escalated':
      return html` ${DEPARTMENT_LABELS[e.data.department][l]} → ${ESCALATION_ROLE_LABELS[e.data.role][l]}: ${e.data.notified.map((id) => view.nameOf(id) ?? id).join(', ')}`;
    case 'partner_disputed':
      return html` ${DEPARTMENT_LABELS[e.data.department][l]}${text(e.data.reason)}`;
    // SM
    case 'delay_notified':
      return html` ${e.data.newDate}${text(e.data.reason)}`;
    case 'fix_recorded':
      return html` ${e.data.version} · ${e.data.releaseDate}`;
    default:
      return '';
  }
}

// ----- The action forms

const FORM_FIELDS: Record<ConsoleAction, string[]> = {
  claim: [],
  assign: ['ownerId'],
  contact: ['channel', 'note'],
  reply: ['message'],
  'request-info': ['question'],
  propose: ['standard', 'summary', 'remedy', 'amount'],
  approve: ['note'],
  reject: ['note'],
  resolve: ['summary', 'evidence'],
  reopen: ['reason'],
  note: ['text'],
  regrade: ['grade', 'reason'],
  reroute: ['department', 'reason'],
  merge: ['into', 'reason'],
  escalate: ['reason'],
  'request-partner': ['department', 'question', 'reason'],
  'answer-partner': ['requestId', 'answer'],
  'dispute-partner': ['requestId', 'reason'],
  'notify-delay': ['newDate', 'reason'],
  'record-fix': ['version', 'releaseDate'],
  'legal-approve': ['note'],
  'legal-return': ['note'],
  'open-work-order': ['kind', 'remote', 'note'],
  'work-order-step': ['workOrderId', 'step', 'note', 'evidence'],
  'work-order-assign': ['workOrderId', 'step', 'assigneeId'],
  'offer-by-call': ['note'],
  'record-acceptance': ['accepted', 'reason'],
};

function actionForm(view: ConsoleView, state: ComplaintPageState, action: ConsoleAction): SafeHtml {
  const t = copy(view.locale);
  const c = state.complaint;
  const failed = state.failed?.action === action ? state.failed : undefined;
  const value = (field: string) => failed?.values[field] ?? '';
  const id = (field: string) => `${action}-${field}`;
  const error = (field: string) =>
    failed?.fields?.[field] ? html`<p class="cl-error" id="${id(field)}-error">${failed.fields[field]}</p>` : '';
  const described = (field: string) =>
    failed?.fields?.[field] ? html` aria-describedby="${id(field)}-error" aria-invalid="true"` : '';
  const label = (field: string) =>
    field === 'accepted'
      ? ACCEPTANCE_FORM_COPY[view.locale].accepted
      : field === 'note' && (action === 'approve' || action === 'reject')
        ? t.fields.decisionNote
        : action === 'request-partner' && field !== 'question'
          ? field === 'department'
            ? t.partners.department
            : t.partners.why
          : ((t.fields as Record<string, string>)[field] ?? field);
  const textarea = (field: string, opts: { required?: boolean; initial?: string; rows?: number } = {}) =>
    html`<div class="cl-field"><label for="${id(field)}">${label(field)}</label>
<textarea id="${id(field)}" name="${field}" rows="${opts.rows ?? 3}"${opts.required === false ? '' : html` required`}${described(field)}>${failed ? value(field) : (opts.initial ?? '')}</textarea>${error(field)}</div>`;
  const select = (field: string, options: [string, string][], opts: { optional?: boolean } = {}) =>
    html`<div class="cl-field"><label for="${id(field)}">${label(field)}</label>
<select id="${id(field)}" name="${field}"${opts.optional ? '' : html` required`}${described(field)}>${opts.optional ? html`<option value=""></option>` : ''}${options.map(
      ([v, text]) => html`<option value="${v}"${value(field) === v ? html` selected` : ''}>${text}</option>`,
    )}</select>${error(field)}</div>`;
  const dateInput = (field: string) =>
    html`<div class="cl-field"><label for="${id(field)}">${label(field)}</label><input id="${id(field)}" name="${field}" type="date" required value="${value(field)}"${described(field)}>${error(field)}</div>`;
  const target = action === 'claim' ? 'assign' : action;
  const kind =
    action === 'reject'
      ? 'cl-button--danger'
      : action === 'claim' || action === 'resolve' || action === 'approve'
        ? 'cl-button--primary'
        : '';

  let fields: SafeHtml | string = '';
  let extra: SafeHtml | string = '';
  switch (action) {
    case 'assign':
      fields = select(
        'ownerId',
        view.directory
          .filter((s) => s.id !== c.ownerId)
          .map((s) => [
            s.id,
            `${s.name} (${t.roles[s.role]}${s.department ? `, ${DEPARTMENT_LABELS[s.department][view.locale]}` : ''})`,
          ]),
      );
      break;
    case 'contact':
      fields = html`${select('channel', Object.entries(t.channels))}${textarea('note')}`;
      break;
    case 'reply':
      extra = letterPicker(state, t);
      fields = html`${textarea('message', { initial: state.preview?.message ?? state.letter?.text, rows: 12 })}`;
      break;
    case 'request-info':
      fields = textarea('question');
      break;
    case 'propose':
      fields = html`${state.proposal ? standardField(state.proposal, view.locale, value('standard')) : ''}${textarea('summary')}${select(
        'remedy',
        REMEDIES.map((r) => [r, REMEDY_LABELS[r][view.locale]]),
        { optional: true },
      )}
<div class="cl-field"><label for="${id('amount')}">${label('amount')}</label><input id="${id('amount')}" name="amount" type="number" min="0" step="0.01" inputmode="decimal" value="${value('amount')}"${described('amount')}>${error('amount')}</div>`;
      break;
    case 'approve':
    case 'legal-approve':
      fields = textarea('note', { required: false });
      break;
    case 'legal-return':
      fields = textarea('note');
      break;
    case 'resolve':
      fields = html`${textarea('summary')}${textarea('evidence', { required: false, rows: 2 })}`;
      break;
    case 'notify-delay':
      fields = html`${dateInput('newDate')}${textarea('reason')}`;
      break;
    case 'record-fix':
      fields = html`<div class="cl-field"><label for="${id('version')}">${label('version')}</label><input id="${id('version')}" name="version" required maxlength="64" value="${value('version')}"${described('version')}>${error('version')}</div>${dateInput('releaseDate')}`;
      break;
    case 'reject':
    case 'reopen':
    case 'escalate':
      fields = textarea(action === 'reject' ? 'note' : 'reason');
      break;
    case 'note':
      fields = textarea('text');
      break;
    case 'regrade':
      fields = html`${select(
        'grade',
        GRADES.filter((g) => g !== c.grade).map((g) => [g, g]),
      )}${textarea('reason')}`;
      break;
    case 'merge':
      fields = html`<div class="cl-field"><label for="${id('into')}">${label('into')}</label><input id="${id('into')}" name="into" required maxlength="64" pattern="[0-9]{6}-[0-9]{4,5}" placeholder="202611-0042" value="${value('into')}"${described('into')}>${error('into')}</div>${textarea('reason')}`;
      break;
    case 'reroute':
      fields = html`${select(
        'department',
        DEPARTMENTS.filter((d) => d !== c.department).map((d) => [d, DEPARTMENT_LABELS[d][view.locale]]),
      )}${textarea('reason')}`;
      break;
    case 'offer-by-call':
      fields = textarea('note');
      break;
    case 'record-acceptance': {
      const a = ACCEPTANCE_FORM_COPY[view.locale];
      fields = html`${select('accepted', [
        ['true', a.yes],
        ['false', a.no],
      ])}${textarea('reason', { required: false })}`;
      break;
    }
    case 'request-partner':
      fields = html`${select(
        'department',
        DEPARTMENTS.filter((d) => d !== c.department).map((d) => [d, DEPARTMENT_LABELS[d][view.locale]]),
      )}${textarea('question')}${textarea('reason', { required: false })}`;
      break;
    default:
      fields = '';
  }
  const base = `/console/complaints/${encodeURIComponent(c.ticketNumber)}`;
  return html`<section class="cl-stack" id="action-${action}" aria-labelledby="action-${action}-title">
<h3 id="action-${action}-title">${t.actions[action]}</h3>
${failed && !state.conflict ? alert('error', failed.message, `action-${action}-error`) : ''}
${extra}
<form method="post" action="${base}/${target}" class="cl-form cl-stack">
<input type="hidden" name="csrf" value="${view.csrf}">
<input type="hidden" name="version" value="${c.version}">
${fields}
${action === 'reply' && state.letter ? html`<input type="hidden" name="letter" value="${state.letter.kind}"><input type="hidden" name="letterLocale" value="${state.letter.locale}">` : ''}
${action === 'reply' && state.preview ? preview(state.preview, t) : ''}
<div class="cl-row">
${action === 'reply' ? html`<button type="submit" class="cl-button" formaction="${base}/preview">${t.letters.preview}</button>` : ''}
<button type="submit" class="cl-button ${kind}">${action === 'reply' ? t.letters.send : t.actions[action]}</button>
</div>
</form>
</section>`;
}

function letterPicker(state: ComplaintPageState, t: ConsoleCopy): SafeHtml {
  const chosen = state.letter;
  const locale = chosen?.locale ?? state.complaint.customer.locale;
  return html`<form method="get" action="/console/complaints/${encodeURIComponent(state.complaint.ticketNumber)}" class="cl-form cl-row">
<div class="cl-field"><label for="letter-kind">${t.letters.kind}</label>
<select id="letter-kind" name="letter">${LETTER_KINDS.map((k) => html`<option value="${k}"${chosen?.kind === k ? html` selected` : ''}>${t.letters.kinds[k]}</option>`)}</select></div>
<div class="cl-field"><label for="letter-locale">${t.letters.language}</label>
<select id="letter-locale" name="letterLocale">${LOCALES.map((l) => html`<option value="${l}"${locale === l ? html` selected` : ''}>${copy(l).languageName}</option>`)}</select></div>
<button type="submit" class="cl-button cl-button--quiet">${t.letters.use}</button>
</form>`;
}

function preview(p: NonNullable<ComplaintPageState['preview']>, t: ConsoleCopy): SafeHtml {
  return html`<div class="cl-card cl-stack" id="letter-preview" role="region" aria-labelledby="letter-preview-title">
<h4 id="letter-preview-title">${t.letters.previewTitle}</h4>
<p><strong>${t.letters.subject}:</strong> ${p.subject}</p>
<blockquote>${lines(p.text)}</blockquote>
</div>`;
}

// ----- Departments working together (shared/workflow/partners.ts)

/** Actions whose forms sit beside the request they are about, in the partners card, not in the action list. */
const PER_REQUEST: ReadonlySet<ConsoleAction> = new Set([
  'answer-partner',
  'dispute-partner',
  // After-sales work orders: their forms are in the work-order card (web/console/work-order-card.ts).
  'open-work-order',
  'work-order-step',
  'work-order-assign',
]);

/**
 * What is owed to whom: each request to a partner department (who asked, what, by when, answered or
 * overdue, how far it was escalated), with the answer form for the partner's staff and the dispute
 * form for a supervisor or above on either side. The complaint's own clocks are in the deadlines card.
 */
function partners(view: ConsoleView, state: ComplaintPageState, t: ConsoleCopy): SafeHtml | string {
  const c = state.complaint;
  const requests = c.partnerRequests ?? [];
  if (requests.length === 0 && !allowedActions(view, c).includes('request-partner')) return '';
  const p = t.partners;
  const l = view.locale;
  const when = (iso: string) => formatInstant(iso, l, view.timezone);
  const base = `/console/complaints/${encodeURIComponent(c.ticketNumber)}`;
  const failedOn = (action: string, requestId: string) =>
    state.failed?.action === action && state.failed.values.requestId === requestId ? state.failed : undefined;
  const form = (action: 'answer-partner' | 'dispute-partner', requestId: string, field: string, label: string) => {
    const failed = failedOn(action, requestId);
    const id = `${action}-${requestId}`;
    return html`<form method="post" action="${base}/${action}" class="cl-form cl-stack">
${failed ? alert('error', failed.message, `${id}-error`) : ''}
<input type="hidden" name="csrf" value="${view.csrf}">
<input type="hidden" name="version" value="${c.version}">
<input type="hidden" name="requestId" value="${requestId}">
<div class="cl-field"><label for="${id}-${field}">${label}</label>
<textarea id="${id}-${field}" name="${field}" rows="3" required>${failed?.values[field] ?? ''}</textarea></div>
<div class="cl-row"><button type="submit" class="cl-button${action === 'answer-partner' ? ' cl-button--primary' : ''}">${action === 'answer-partner' ? p.send : p.dispute}</button></div>
</form>`;
  };
  const item = (r: NonNullable<Complaint['partnerRequests']>[number]) => {
    const open = isOpenRequest(r);
    const left = view.left(r.dueAt, c.grade);
    const state = !open ? p.answered : left && left.minutes < 0 ? p.overdue : p.open;
    const rung = r.escalation ? ESCALATION_LADDER[r.escalation.level] : undefined;
    const canAnswer = open && can(view.staff, 'answer-partner', c) && mayAnswer(view.staff, r);
    const canDispute =
      LIFECYCLE['dispute-partner'][c.status] !== undefined &&
      !r.disputedAt &&
      can(view.staff, 'dispute-partner', c) &&
      mayDispute(view.staff, c, r);
    return html`<article class="cl-card cl-stack" id="partner-${r.id}" aria-label="${DEPARTMENT_LABELS[r.department][l]}">
<p><strong>${DEPARTMENT_LABELS[r.department][l]}</strong> · <span class="cl-status">${state}</span>${rung ? html` · <span class="cl-badge">${p.escalated(ESCALATION_ROLE_LABELS[rung][l])}</span>` : ''}${r.disputedAt ? html` · <span class="cl-badge">${p.disputed}</span>` : ''}</p>
<blockquote>${lines(r.question)}</blockquote>
${r.reason ? html`<p class="cl-small">${t.fields.reason}: ${r.reason}</p>` : ''}
<p class="cl-small cl-muted">${p.askedBy(view.nameOf(r.askedBy) ?? r.askedBy, when(r.askedAt))}</p>
${open ? html`<p>${p.due}: ${countdown(left, r.dueAt, l)}</p>` : ''}
${
  !open && r.answer
    ? html`<blockquote>${lines(r.answer)}</blockquote>
<p class="cl-small cl-muted">${p.answeredBy(view.nameOf(r.answeredBy ?? '') ?? r.answeredBy ?? '', when(r.answeredAt ?? r.askedAt))}</p>`
    : ''
}
${canAnswer ? form('answer-partner', r.id, 'answer', p.answer) : ''}
${canDispute ? html`<details${failedOn('dispute-partner', r.id) ? html` open` : ''}><summary>${p.dispute}</summary>${form('dispute-partner', r.id, 'reason', p.disputeReason)}</details>` : ''}
</article>`;
  };
  return html`<section class="cl-card cl-stack" id="partners" aria-labelledby="partners-title"><h2 id="partners-title">${p.title}</h2>
<p>${p.lead(DEPARTMENT_LABELS[c.department][l])}</p>
${requests.length === 0 ? html`<p class="cl-empty">${p.none}</p>` : html`<div class="cl-stack">${requests.map(item)}</div>`}
</section>`;
}

// ----- Legal review (LEG: shared/workflow/legal-review.ts)

const legalCleared = (c: Complaint) => c.solution?.legal === undefined || c.solution.legal.state === 'approved';

/** The plan's legal review: pending (by when), passed or returned, by whom, with the reviewer's note. */
function legalReview(view: ConsoleView, c: Complaint, t: ConsoleCopy): SafeHtml | string {
  const review = c.solution?.legal;
  if (!review) return '';
  const g = t.legal;
  const l = view.locale;
  const left = view.left(review.dueAt, c.grade);
  const state = review.state === 'pending' && left && left.minutes < 0 ? g.overdue : g.states[review.state];
  const by = review.reviewerId ? (view.nameOf(review.reviewerId) ?? review.reviewerId) : undefined;
  return html`<section class="cl-card cl-stack" id="legal-review" aria-labelledby="legal-review-title"><h2 id="legal-review-title">${g.title}</h2>
<p><span class="cl-status" id="legal-review-state">${state}</span></p>
${review.state === 'pending' ? html`<p>${g.due}: ${countdown(left, review.dueAt, l)}</p>` : ''}
${by && review.decidedAt ? html`<p class="cl-small cl-muted">${g.decidedBy(by, formatInstant(review.decidedAt, l, view.timezone))}</p>` : ''}
${review.note ? html`<blockquote>${lines(review.note)}</blockquote>` : ''}
${c.deadlines.compensationPlan ? html`<p>${g.compensationPlan}: ${formatInstant(c.deadlines.compensationPlan, l, view.timezone)}${c.compensationPlanMissed ? html` · <span class="cl-badge">${g.missed}</span>` : ''}</p>` : ''}
</section>`;
}

/** The fields a form of this action posts, as the action's JSON body expects them. */
export function actionBody(action: StaffActionName, form: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of FORM_FIELDS[action]) {
    const raw = form[field];
    if (typeof raw !== 'string' || raw.trim() === '') continue;
    body[field] =
      field === 'amount' && /^\s*\d+(\.\d+)?\s*$/.test(raw)
        ? Number(raw)
        : field === 'evidence'
          ? // A work order's step takes plain lines (web/console/work-order-card.ts); resolve takes links.
            action === 'work-order-step'
            ? raw.split(/\s*\n\s*/).filter((line) => line !== '')
            : evidenceLinks(raw)
          : field === 'accepted' && (raw === 'true' || raw === 'false')
            ? raw === 'true'
            : raw;
    // A work order's checkbox.
    if (field === 'remote') body[field] = true;
  }
  return body;
}

/** What a person typed into a form, to show it again after a refusal. */
export function typedValues(form: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(form).filter(
      (entry): entry is [string, string] =>
        typeof entry[1] === 'string' && entry[0] !== 'csrf' && entry[0] !== 'version',
    ),
  );
}

// ----- Smaller steps the manuals name (SM): details, delay, fix, the result mail's deadline

/** The evidence textarea of the resolve form: one link a line, each as the API's `{ url }`. */
function evidenceLinks(raw: string): { url: string }[] {
  return raw
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((url) => ({ url }));
}

/**
 * What the customer added (when and where it happened, what they tried), the fix recorded for a
 * software fault, the delay told to the customer, and the result mail's own deadline and evidence.
 */
function detailsCard(view: ConsoleView, c: Complaint, t: ConsoleCopy): SafeHtml {
  const d = t.details;
  const l = view.locale;
  const when = (iso: string) => formatInstant(iso, l, view.timezone);
  const row = (label: string, value: unknown) =>
    value === undefined || value === '' ? '' : html`<dt>${label}</dt><dd>${value}</dd>`;
  const { details, delay } = c;
  const evidence = c.resultEvidence ?? [];
  const empty = !details && !delay && !c.deadlines.result && evidence.length === 0;
  return html`<section class="cl-card cl-stack" id="details" aria-labelledby="details-title"><h2 id="details-title">${d.title}</h2>
${
  empty
    ? html`<p class="cl-empty">${d.none}</p>`
    : html`<dl class="cl-facts">
${row(d.occurredAt, details?.occurredAt)}
${row(d.occurredWhere, details?.occurredWhere)}
${row(d.fix, details?.fix?.version)}
${row(d.releasedOn, details?.fix?.releaseDate)}
${row(d.delay, delay ? d.delayUntil(delay.newDate, when(delay.toldAt)) : undefined)}
${row(d.resultDue, c.deadlines.result ? when(c.deadlines.result) : undefined)}
</dl>
${details?.alreadyTried ? html`<h3>${d.alreadyTried}</h3><blockquote id="already-tried">${lines(details.alreadyTried)}</blockquote>` : ''}
${delay ? html`<blockquote id="delay-reason">${lines(delay.reason)}</blockquote><p class="cl-small cl-muted">${d.deadlinesKept}</p>` : ''}
${evidence.length > 0 ? html`<h3>${d.resultEvidence}</h3><ul>${evidence.map((e) => html`<li><a href="${e.url}" rel="noopener noreferrer nofollow" target="_blank">${e.label ?? e.url}</a></li>`)}</ul>` : ''}`
}
</section>`;
}
