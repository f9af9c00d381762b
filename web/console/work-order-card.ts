import { can } from '../../shared/auth/staff.js';
import { ESCALATION_ROLE_LABELS, formatInstant } from '../../shared/i18n/labels.js';
import { WORK_ORDER_KIND_LABELS, WORK_STEP_LABELS } from '../../shared/i18n/work-order-labels.js';
import {
  ESCALATION_LADDER,
  WORK_ORDER_KINDS,
  type WorkOrder,
  type WorkOrderStep,
} from '../../shared/model/complaint.js';
import { html, type SafeHtml } from '../../shared/templates/html.js';
import { awaitingAcceptance } from '../../shared/workflow/acceptance.js';
import { LIFECYCLE } from '../../shared/workflow/lifecycle.js';
import { currentWorkStep, mayDoStep, STEP_ROLES, workStepState } from '../../shared/workflow/work-orders.js';
import type { ComplaintPageState } from './complaint-page.js';
import { countdown } from './due.js';
import { alert, type ConsoleView, lines } from './layout.js';

const COPY = {
  en: {
    title: 'After-sales work orders',
    none: 'No work order.',
    open: 'Open a work order',
    kind: 'Kind',
    remote: 'Parts go to a remote area',
    note: 'Note',
    evidence: 'Evidence (one link or reference a line)',
    complete: 'Complete this step',
    assign: 'Give the step to',
    give: 'Give',
    done: 'done',
    overdue: 'overdue',
    current: 'now',
    later: 'later',
    due: 'Due',
    by: (who: string, at: string) => `by ${who}, ${at}`,
    escalated: (rung: string) => `escalated to the ${rung}`,
    finished: 'Done',
    holders: { engineer: 'engineer', warehouse: 'warehouse', owner: 'owner', customer: 'customer' },
    signedByCustomer: 'signed by the customer',
    recorded: 'paper confirmation recorded',
    milestones: 'Milestones',
  },
  'zh-CN': {
    title: '售后工单',
    none: '暂无工单。',
    open: '开售后工单',
    kind: '类型',
    remote: '配件寄往偏远地区',
    note: '说明',
    evidence: '凭证（每行一个链接或单号）',
    complete: '完成此步骤',
    assign: '指派此步骤给',
    give: '指派',
    done: '已完成',
    overdue: '已逾期',
    current: '进行中',
    later: '待办',
    due: '期限',
    by: (who: string, at: string) => `${who}，${at}`,
    escalated: (rung: string) => `已升级至${rung}`,
    finished: '已完成',
    holders: { engineer: '工程师', warehouse: '仓库', owner: '负责人', customer: '客户' },
    signedByCustomer: '客户已签字确认',
    recorded: '已登记纸质确认单',
    milestones: '里程碑',
  },
} as const;

/**
 * After-sales work orders (shared/workflow/work-orders.ts): each work order's steps, who does each,
 * by when and how late, with the form to complete the current step for those whose step it is, the
 * form to give a step to a named engineer, and the owner's form to open one. Everything staff typed
 * is escaped by `html`.
 */
export function workOrdersCard(view: ConsoleView, state: ComplaintPageState): SafeHtml | string {
  const c = state.complaint;
  const orders = c.workOrders ?? [];
  const mayOpen =
    can(view.staff, 'open-work-order', c) &&
    LIFECYCLE['open-work-order'][c.status] !== undefined &&
    c.solution !== undefined &&
    c.solution.approval !== 'pending' &&
    c.solution.approval !== 'rejected' &&
    !awaitingAcceptance(c);
  if (orders.length === 0 && !mayOpen) return '';
  const l = view.locale;
  const t = COPY[l];
  const when = (iso: string) => formatInstant(iso, l, view.timezone);
  const base = `/console/complaints/${encodeURIComponent(c.ticketNumber)}`;
  const failedOn = (action: string, workOrderId?: string) =>
    state.failed?.action === action && state.failed.values.workOrderId === workOrderId ? state.failed : undefined;
  const hidden = (workOrderId?: string) =>
    html`<input type="hidden" name="csrf" value="${view.csrf}">
<input type="hidden" name="version" value="${c.version}">
${workOrderId ? html`<input type="hidden" name="workOrderId" value="${workOrderId}">` : ''}`;

  const stepForm = (w: WorkOrder, step: WorkOrderStep) => {
    const failed = failedOn('work-order-step', w.id);
    const id = `wo-${w.id}-${step.name}`;
    return html`<form method="post" action="${base}/work-order-step" class="cl-form cl-stack">
${failed ? alert('error', failed.message, `${id}-error`) : ''}
${hidden(w.id)}
<input type="hidden" name="step" value="${step.name}">
<div class="cl-field"><label for="${id}-note">${t.note}</label><textarea id="${id}-note" name="note" rows="2">${failed?.values.note ?? ''}</textarea></div>
<div class="cl-field"><label for="${id}-evidence">${t.evidence}</label><textarea id="${id}-evidence" name="evidence" rows="2">${failed?.values.evidence ?? ''}</textarea></div>
<div class="cl-row"><button type="submit" class="cl-button cl-button--primary">${t.complete}</button></div>
</form>`;
  };

  const assignForm = (w: WorkOrder, step: WorkOrderStep) => {
    const people = view.directory.filter((s) => STEP_ROLES[step.name].includes(s.role as never));
    if (people.length === 0) return '';
    const id = `wo-${w.id}-${step.name}-assign`;
    return html`<details><summary>${t.assign}</summary><form method="post" action="${base}/work-order-assign" class="cl-form cl-row">
${hidden(w.id)}
<input type="hidden" name="step" value="${step.name}">
<label for="${id}">${t.assign}</label>
<select id="${id}" name="assigneeId">${people.map((s) => html`<option value="${s.id}"${s.id === step.assigneeId ? html` selected` : ''}>${s.name}</option>`)}</select>
<button type="submit" class="cl-button">${t.give}</button>
</form></details>`;
  };

  const stepItem = (w: WorkOrder, step: WorkOrderStep) => {
    const stepState = workStepState(w, step, view.now);
    const holder = step.assigneeId
      ? (view.nameOf(step.assigneeId) ?? step.assigneeId)
      : STEP_ROLES[step.name].map((h) => t.holders[h]).join(' / ');
    const rung = step.escalation ? ESCALATION_LADDER[step.escalation.level] : undefined;
    const isCurrent = currentWorkStep(w)?.name === step.name && !w.doneAt;
    return html`<li${isCurrent ? html` aria-current="step"` : ''}><strong>${WORK_STEP_LABELS[step.name][l]}</strong> · ${holder} · <span class="cl-status">${t[stepState]}</span>${
      rung ? html` · <span class="cl-badge">${t.escalated(ESCALATION_ROLE_LABELS[rung][l])}</span>` : ''
    }${
      step.doneAt
        ? html` <span class="cl-small cl-muted">${t.by(view.nameOf(step.doneBy) ?? step.doneBy ?? '', when(step.doneAt))}${
            step.confirmedBy ? html` · ${step.confirmedBy === 'customer' ? t.signedByCustomer : t.recorded}` : ''
          }</span>`
        : step.dueAt
          ? html` · ${t.due}: ${countdown(view.left(step.dueAt, c.grade), step.dueAt, l)}`
          : ''
    }${step.note ? html`<blockquote>${lines(step.note)}</blockquote>` : ''}${
      step.evidence?.length ? html`<ul class="cl-small">${step.evidence.map((e) => html`<li>${e}</li>`)}</ul>` : ''
    }${
      isCurrent && LIFECYCLE['work-order-step'][c.status] !== undefined && mayDoStep(view.staff, c, step)
        ? stepForm(w, step)
        : ''
    }${isCurrent && can(view.staff, 'work-order-assign', c) ? assignForm(w, step) : ''}</li>`;
  };

  const order = (w: WorkOrder) =>
    html`<article class="cl-card cl-stack" id="work-order-${w.id}" aria-label="${WORK_ORDER_KIND_LABELS[w.kind][l]}">
<p><strong>${WORK_ORDER_KIND_LABELS[w.kind][l]}</strong>${w.remote ? html` · ${t.remote}` : ''}${w.doneAt ? html` · <span class="cl-status">${t.finished}</span>` : ''}</p>
${w.note ? html`<blockquote>${lines(w.note)}</blockquote>` : ''}
<ol class="cl-timeline">${w.steps.map((s) => stepItem(w, s))}</ol>
${
  w.milestones?.length
    ? html`<h3>${t.milestones}</h3><ul>${w.milestones.map(
        (m) =>
          html`<li>${m.name} · ${m.doneAt ? html`${t.done} ${when(m.doneAt)}` : countdown(view.left(m.dueAt, c.grade), m.dueAt, l)}</li>`,
      )}</ul>`
    : ''
}
</article>`;

  const failedOpen = failedOn('open-work-order');
  const openForm = mayOpen
    ? html`<details${failedOpen ? html` open` : ''}><summary>${t.open}</summary><form method="post" action="${base}/open-work-order" class="cl-form cl-stack">
${failedOpen ? alert('error', failedOpen.message, 'open-work-order-error') : ''}
${hidden()}
<div class="cl-field"><label for="wo-kind">${t.kind}</label><select id="wo-kind" name="kind">${WORK_ORDER_KINDS.map((k) => html`<option value="${k}">${WORK_ORDER_KIND_LABELS[k][l]}</option>`)}</select></div>
<div class="cl-field"><label><input type="checkbox" name="remote" value="yes"> ${t.remote}</label></div>
<div class="cl-field"><label for="wo-note">${t.note}</label><textarea id="wo-note" name="note" rows="2">${failedOpen?.values.note ?? ''}</textarea></div>
<div class="cl-row"><button type="submit" class="cl-button cl-button--primary">${t.open}</button></div>
</form></details>`
    : '';

  return html`<section class="cl-card cl-stack" id="work-orders" aria-labelledby="work-orders-title"><h2 id="work-orders-title">${t.title}</h2>
${orders.length === 0 ? html`<p class="cl-empty">${t.none}</p>` : html`<div class="cl-stack">${orders.map(order)}</div>`}
${openForm}
</section>`;
}
