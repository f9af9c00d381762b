import { CATEGORY_LABELS, DEPARTMENT_LABELS, formatInstant } from '../../shared/i18n/labels.js';
import { consoleComplaintPath } from '../../shared/links/console-link.js';
import type { Category, Department, Locale } from '../../shared/model/complaint.js';
import { TIMED, type Timed } from '../../shared/reports/counters.js';
import type { HeadlineFigure, Report, ReportAction } from '../../shared/reports/load-report.js';
import { TARGETS } from '../../shared/reports/report.js';
import { html, type SafeHtml } from '../../shared/templates/html.js';
import { type ConsoleView, consoleFrame, lines } from './layout.js';

/**
 * The console's report page (issue 11), served by functions/staff-reports.ts so the console's own
 * bundle does not carry it. Every chart is inline SVG drawn on the server (no script, nothing the
 * CSP would block), named by a title and a description, and followed by the same figures as a table;
 * whether a target was met is said in words and with a sign, never by colour alone.
 */

const COPY = {
  en: {
    shell: {
      product: 'Closeloop',
      console: 'Staff console',
      skip: 'Skip to the content',
      nav: 'Console sections',
      signedInAs: 'Signed in as',
      signOut: 'Sign out',
      languageName: 'English',
      links: [
        ['/console', 'My work'],
        ['/console/queues/department', 'Department'],
        ['/console/board', 'Board'],
        ['/console/reports/weekly', 'Weekly report'],
        ['/console/reports/monthly', 'Monthly report'],
      ],
    },
    title: { weekly: 'Weekly report', monthly: 'Monthly report' },
    period: (id: string, from: string, to: string) => `${id} (${from} to ${to})`,
    partial: 'This period has not ended: its figures still grow.',
    company: 'All departments',
    previous: 'Previous period',
    next: 'Next period',
    csv: 'Download as CSV',
    targets: 'Targets',
    target: 'Target',
    figure: 'Figure',
    met: 'Met',
    notMet: 'Not met',
    noData: 'No data',
    moved: 'What moved since the period before',
    now: 'This period',
    before: 'Period before',
    change: 'Change',
    received: 'Received per day',
    receivedDesc: (n: number, days: number, merged: number) =>
      `${n} complaints over ${days} days${merged ? `; ${merged} of them merged as a customer’s duplicate` : ''}.`,
    day: 'Day',
    count: 'Complaints',
    top: 'Top 3 categories',
    category: 'Category',
    share: 'Share',
    onTime: 'On time per step against the target',
    onTimeDesc: (goal: string) => `The dashed line is the target, ${goal}.`,
    step: 'Step',
    rate: 'On time',
    satisfaction: 'Satisfaction and survey coverage',
    measure: 'Measure',
    actions: 'Improvement actions',
    actionsBefore: 'Recorded on the period before',
    actionsNow: 'Recorded on this period',
    none: 'None.',
    owner: 'Owner',
    due: 'Due',
    by: 'recorded by',
    add: 'Record an improvement action',
    text: 'What will be done',
    save: 'Record the action',
    overdue: 'Open and overdue now',
    ticket: 'Ticket',
    deadline: 'Deadline',
    steps: { assign: 'Assignment', firstContact: 'First contact', solution: 'Solution', resolve: 'Resolution' },
    headline: {
      received: 'Received',
      onTimeRate: 'On time (all steps)',
      overdueRate: 'Overdue rate',
      completionRate: 'Handling completed on time',
      satisfactionRate: 'Satisfaction',
      surveyCoverage: 'Survey coverage',
      reopenRate: 'Reopened',
      gradingAccuracy: 'Grading accuracy',
    } satisfies Record<HeadlineFigure, string>,
    targetNames: {
      onTime: 'On-time response',
      completion: 'Handling completion',
      satisfaction: 'Satisfaction',
      surveyCoverage: 'Survey coverage',
      gradingAccuracy: 'Grading accuracy',
    } as Record<string, string>,
  },
  'zh-CN': {
    shell: {
      product: 'Closeloop',
      console: '员工工作台',
      skip: '跳到正文',
      nav: '工作台导航',
      signedInAs: '当前用户',
      signOut: '退出登录',
      languageName: '中文',
      links: [
        ['/console', '我的工作'],
        ['/console/queues/department', '本部门'],
        ['/console/board', '看板'],
        ['/console/reports/weekly', '周报'],
        ['/console/reports/monthly', '月报'],
      ],
    },
    title: { weekly: '周报', monthly: '月报' },
    period: (id: string, from: string, to: string) => `${id}（${from} 至 ${to}）`,
    partial: '本期尚未结束，数据仍在增加。',
    company: '全部部门',
    previous: '上一期',
    next: '下一期',
    csv: '下载 CSV',
    targets: '目标',
    target: '目标值',
    figure: '实际值',
    met: '达标',
    notMet: '未达标',
    noData: '无数据',
    moved: '与上期相比',
    now: '本期',
    before: '上期',
    change: '变化',
    received: '每日受理量',
    receivedDesc: (n: number, days: number, merged: number) =>
      `${days} 天共受理 ${n} 件投诉${merged ? `，其中 ${merged} 件为同一客户的重复投诉，已合并处理` : ''}。`,
    day: '日期',
    count: '投诉数',
    top: '前三类投诉',
    category: '类别',
    share: '占比',
    onTime: '各环节及时率与目标',
    onTimeDesc: (goal: string) => `虚线为目标值 ${goal}。`,
    step: '环节',
    rate: '及时率',
    satisfaction: '满意度与回访覆盖率',
    measure: '指标',
    actions: '改进措施',
    actionsBefore: '上期记录的措施',
    actionsNow: '本期记录的措施',
    none: '无。',
    owner: '负责人',
    due: '完成期限',
    by: '记录人',
    add: '记录改进措施',
    text: '改进内容',
    save: '记录措施',
    overdue: '当前超时未结的投诉',
    ticket: '工单号',
    deadline: '期限',
    steps: { assign: '分派', firstContact: '首次联系', solution: '方案', resolve: '解决' },
    headline: {
      received: '受理量',
      onTimeRate: '及时率（全部环节）',
      overdueRate: '超时率',
      completionRate: '按时办结率',
      satisfactionRate: '满意度',
      surveyCoverage: '回访覆盖率',
      reopenRate: '重开率',
      gradingAccuracy: '分级准确率',
    } satisfies Record<HeadlineFigure, string>,
    targetNames: {
      onTime: '响应及时率',
      completion: '处理完成率',
      satisfaction: '满意度',
      surveyCoverage: '回访覆盖率',
      gradingAccuracy: '分级准确率',
    } as Record<string, string>,
  },
} as const;
type Copy = (typeof COPY)[Locale];

export interface ReportPageOptions {
  /** Managers record improvement actions. */
  canRecord: boolean;
  /** A refusal of the action form, shown above it. */
  error?: string;
}

export function reportPath(kind: string, period: string, department?: string, extra: Record<string, string> = {}) {
  const query = new URLSearchParams({ period, ...(department ? { department } : {}), ...extra });
  return `/console/reports/${kind}?${query}`;
}

export function renderReportPage(view: ConsoleView, report: Report, opts: ReportPageOptions): string {
  const t = COPY[view.locale];
  const where = report.department
    ? (DEPARTMENT_LABELS[report.department as Department]?.[view.locale] ?? report.department)
    : t.company;
  const { kind, period, department } = report;
  const body = html`<div class="cl-row cl-row--between">
<h1>${t.title[kind]} · ${t.period(period, report.from, report.to)}</h1>
<a class="cl-button" href="${reportPath(kind, period, department, { format: 'csv' })}" download>${t.csv}</a>
</div>
<p class="cl-muted">${where}</p>
${report.partial ? html`<div class="cl-alert cl-alert--info" role="status">${t.partial}</div>` : ''}
<nav class="cl-row" aria-label="${t.title[kind]}">
<a href="${reportPath(kind, report.navigation.previous, department)}" rel="prev">← ${t.previous} (${report.navigation.previous})</a>
${report.navigation.next ? html`<a href="${reportPath(kind, report.navigation.next, department)}" rel="next">${t.next} (${report.navigation.next}) →</a>` : ''}
</nav>
${targets(report, t)}
${moved(report, view.locale, t)}
<div class="cl-grid">
${receivedChart(report, t)}
${topChart(report, view.locale, t)}
${onTimeChart(report, t)}
${satisfactionChart(report, t)}
</div>
${actions(view, report, opts, t)}
${overdue(view, report, t)}`;
  return shell(view, `${t.title[kind]} ${period}`, `/console/reports/${kind}`, body);
}

const OTHER: Record<Locale, Locale> = { en: 'zh-CN', 'zh-CN': 'en' };

/** The console's page frame with the few words it needs: the console's whole copy would take this function past its bundle limit. */
function shell(view: ConsoleView, title: string, current: string, body: SafeHtml): string {
  const s = COPY[view.locale].shell;
  return consoleFrame(view, {
    title,
    words: {
      product: s.product,
      console: s.console,
      skip: s.skip,
      nav: s.nav,
      signedInAs: s.signedInAs,
      signOut: s.signOut,
      otherLanguageName: COPY[OTHER[view.locale]].shell.languageName,
    },
    nav: s.links.map(([href, label]) => ({ href, label, current: href === current })),
    who: view.staff.name,
    body,
  });
}

const pct = (n: number | null) => (n === null ? '—' : `${(Math.round(n * 1000) / 10).toString()}%`);

/** Met or not, in words and with a sign: the colour only repeats it. */
function verdict(met: boolean | null, t: Copy): SafeHtml {
  if (met === null) return html`<span class="cl-muted">${t.noData}</span>`;
  return met
    ? html`<span class="cl-status report-met"><span aria-hidden="true">✓</span> ${t.met}</span>`
    : html`<span class="cl-status report-missed"><span aria-hidden="true">✗</span> ${t.notMet}</span>`;
}

function targets(report: Report, t: Copy): SafeHtml {
  return html`<section class="cl-card cl-stack" aria-labelledby="report-targets"><h2 id="report-targets">${t.targets}</h2>
<table class="cl-table" id="report-targets-table"><thead><tr><th scope="col">${t.measure}</th><th scope="col">${t.figure}</th><th scope="col">${t.target}</th><th scope="col">${t.met} / ${t.notMet}</th></tr></thead>
<tbody>${report.targets.map(
    (x) =>
      html`<tr><th scope="row">${t.targetNames[x.name] ?? x.name}</th><td>${pct(x.figure)}</td><td>≥ ${pct(x.target)}</td><td>${verdict(x.met, t)}</td></tr>`,
  )}</tbody></table></section>`;
}

function moved(report: Report, locale: Locale, t: Copy): SafeHtml {
  const show = (name: HeadlineFigure, n: number | null) => (name === 'received' ? (n ?? '—') : pct(n));
  const delta = (name: HeadlineFigure, d: number | null) => {
    if (d === null) return '—';
    const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
    const size = Math.abs(d);
    return name === 'received'
      ? `${sign}${size}`
      : `${sign}${(Math.round(size * 1000) / 10).toString()} ${locale === 'en' ? 'pt' : '个百分点'}`;
  };
  return html`<section class="cl-card cl-stack" aria-labelledby="report-moved"><h2 id="report-moved">${t.moved}</h2>
<table class="cl-table" id="report-moved-table"><thead><tr><th scope="col">${t.measure}</th><th scope="col">${t.now}</th><th scope="col">${t.before}</th><th scope="col">${t.change}</th></tr></thead>
<tbody>${report.moved.map(
    (m) =>
      html`<tr><th scope="row">${t.headline[m.name]}</th><td>${show(m.name, m.figure)}</td><td>${show(m.name, m.previous)}</td><td>${delta(m.name, m.delta)}</td></tr>`,
  )}</tbody></table></section>`;
}

const W = 400;
const H = 200;
const BAR = '#1d4f91';
const LINE = '#8a1c1c';

/** A figure: the SVG named by its title and description, then the same numbers as a table. */
function chart(id: string, title: string, desc: string, svg: SafeHtml, table: SafeHtml): SafeHtml {
  return html`<figure class="cl-card cl-stack report-chart" id="${id}" aria-labelledby="${id}-title">
<h2 id="${id}-title">${title}</h2>
<svg role="img" aria-labelledby="${id}-svg-title ${id}-svg-desc" viewBox="0 0 ${W} ${H + 40}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">
<title id="${id}-svg-title">${title}</title><desc id="${id}-svg-desc">${desc}</desc>
${svg}
</svg>
${table}
</figure>`;
}

function bars(values: { label: string; value: number; text: string }[], max: number, targetLine?: number): SafeHtml {
  const n = Math.max(values.length, 1);
  const slot = W / n;
  const width = Math.max(4, slot * 0.6);
  const y = (v: number) => H - (max > 0 ? (v / max) * (H - 20) : 0);
  return html`<line x1="0" y1="${H}" x2="${W}" y2="${H}" stroke="#444" stroke-width="1"/>
${values.map(
  (v, i) =>
    html`<rect x="${(i * slot + (slot - width) / 2).toFixed(1)}" y="${y(v.value).toFixed(1)}" width="${width.toFixed(1)}" height="${(H - y(v.value)).toFixed(1)}" fill="${BAR}"/>
<text x="${(i * slot + slot / 2).toFixed(1)}" y="${(y(v.value) - 4).toFixed(1)}" font-size="16" text-anchor="middle" fill="#1a1a1a">${v.text}</text>
<text x="${(i * slot + slot / 2).toFixed(1)}" y="${H + 20}" font-size="16" text-anchor="middle" fill="#1a1a1a">${v.label}</text>`,
)}
${targetLine === undefined ? '' : html`<line x1="0" y1="${y(targetLine).toFixed(1)}" x2="${W}" y2="${y(targetLine).toFixed(1)}" stroke="${LINE}" stroke-width="2" stroke-dasharray="6 4"/>`}`;
}

function table(id: string, head: [string, string], rows: [string, string][]): SafeHtml {
  return html`<table class="cl-table" id="${id}"><thead><tr><th scope="col">${head[0]}</th><th scope="col">${head[1]}</th></tr></thead>
<tbody>${rows.map(([a, b]) => html`<tr><th scope="row">${a}</th><td>${b}</td></tr>`)}</tbody></table>`;
}

function receivedChart(report: Report, t: Copy): SafeHtml {
  const days = dayList(report.from, report.to);
  const values = days.map((d) => ({ day: d, value: report.receivedByDay[d] ?? 0 }));
  const max = Math.max(1, ...values.map((v) => v.value));
  const label = (d: string) => (days.length > 10 ? (Number(d.slice(8)) % 5 === 1 ? d.slice(8) : '') : d.slice(5));
  return chart(
    'report-received',
    t.received,
    t.receivedDesc(report.received, days.length, report.merged),
    bars(
      values.map((v) => ({ label: label(v.day), value: v.value, text: days.length > 10 ? '' : String(v.value) })),
      max,
    ),
    table(
      'report-received-table',
      [t.day, t.count],
      values.map((v) => [v.day, String(v.value)]),
    ),
  );
}

function topChart(report: Report, locale: Locale, t: Copy): SafeHtml {
  const name = (c: string) => CATEGORY_LABELS[c as Category]?.[locale] ?? c;
  const rows = report.topCategories.map((c) => ({ label: name(c.category), value: c.share, text: pct(c.share) }));
  return chart(
    'report-top',
    t.top,
    rows.map((r) => `${r.label} ${r.text}`).join('; ') || t.noData,
    bars(rows, 1),
    table(
      'report-top-table',
      [t.category, t.share],
      report.topCategories.map((c) => [name(c.category), `${pct(c.share)} (${c.count})`]),
    ),
  );
}

function onTimeChart(report: Report, t: Copy): SafeHtml {
  const steps = TIMED.map((s: Timed) => ({ step: s, rate: report.onTime[s].rate }));
  return chart(
    'report-on-time',
    t.onTime,
    `${steps.map((s) => `${t.steps[s.step]} ${pct(s.rate)}`).join('; ')}. ${t.onTimeDesc(pct(TARGETS.onTime))}`,
    bars(
      steps.map((s) => ({ label: t.steps[s.step], value: s.rate ?? 0, text: pct(s.rate) })),
      1,
      TARGETS.onTime,
    ),
    table(
      'report-on-time-table',
      [t.step, t.rate],
      steps.map((s) => [t.steps[s.step], pct(s.rate)]),
    ),
  );
}

function satisfactionChart(report: Report, t: Copy): SafeHtml {
  const rows = [
    { label: t.headline.satisfactionRate, value: report.satisfactionRate, goal: TARGETS.satisfaction },
    { label: t.headline.surveyCoverage, value: report.surveyCoverage, goal: TARGETS.surveyCoverage },
  ];
  return chart(
    'report-satisfaction',
    t.satisfaction,
    rows.map((r) => `${r.label} ${pct(r.value)} (${t.target} ${pct(r.goal)})`).join('; '),
    bars(
      rows.map((r) => ({ label: r.label, value: r.value ?? 0, text: pct(r.value) })),
      1,
      TARGETS.satisfaction,
    ),
    table(
      'report-satisfaction-table',
      [t.measure, t.figure],
      rows.map((r) => [r.label, `${pct(r.value)} (${t.target} ≥ ${pct(r.goal)})`]),
    ),
  );
}

function actionList(view: ConsoleView, list: ReportAction[], t: Copy): SafeHtml {
  if (list.length === 0) return html`<p class="cl-empty">${t.none}</p>`;
  return html`<ul class="cl-stack report-actions">${list.map(
    (a) => html`<li class="cl-stack--tight"><div>${lines(a.text)}</div>
<div class="cl-small cl-muted">${a.owner ? html`${t.owner}: ${view.nameOf(a.owner)} · ` : ''}${a.due ? html`${t.due}: ${a.due} · ` : ''}${t.by} ${view.nameOf(a.recordedBy)}, ${formatInstant(a.recordedAt, view.locale, view.timezone)}</div></li>`,
  )}</ul>`;
}

function actions(view: ConsoleView, report: Report, opts: ReportPageOptions, t: Copy): SafeHtml {
  const form = opts.canRecord
    ? html`<form method="post" action="/console/reports/${report.kind}/${report.period}/actions${report.department ? `?department=${report.department}` : ''}" class="cl-form cl-stack" id="report-action-form">
<h3>${t.add}</h3>
${opts.error ? html`<div class="cl-alert cl-alert--error" role="alert">${opts.error}</div>` : ''}
<input type="hidden" name="csrf" value="${view.csrf}">
<div class="cl-field"><label for="action-text">${t.text}</label><textarea id="action-text" name="text" required maxlength="2000" rows="3"></textarea></div>
<div class="cl-field"><label for="action-owner">${t.owner}</label><select id="action-owner" name="owner"><option value="">—</option>${view.directory.map((s) => html`<option value="${s.id}">${s.name}</option>`)}</select></div>
<div class="cl-field"><label for="action-due">${t.due}</label><input id="action-due" name="due" type="date"></div>
<button type="submit" class="cl-button cl-button--primary">${t.save}</button>
</form>`
    : '';
  return html`<section class="cl-card cl-stack" id="report-actions" aria-labelledby="report-actions-title"><h2 id="report-actions-title">${t.actions}</h2>
<h3>${t.actionsBefore} (${report.previous.period})</h3>
${actionList(view, report.actions.previous, t)}
<h3>${t.actionsNow} (${report.period})</h3>
${actionList(view, report.actions.recorded, t)}
${form}
</section>`;
}

function overdue(view: ConsoleView, report: Report, t: Copy): SafeHtml {
  return html`<section class="cl-card cl-stack" id="report-overdue" aria-labelledby="report-overdue-title"><h2 id="report-overdue-title">${t.overdue} <span class="cl-muted">(${report.openOverdue.length})</span></h2>
${
  report.openOverdue.length === 0
    ? html`<p class="cl-empty">${t.none}</p>`
    : html`<table class="cl-table"><thead><tr><th scope="col">${t.ticket}</th><th scope="col">${t.category}</th><th scope="col">${t.deadline}</th></tr></thead>
<tbody>${report.openOverdue.map(
        (c) =>
          html`<tr><td><a class="cl-mono" href="${consoleComplaintPath(c.ticketNumber)}">${c.ticketNumber}</a> ${c.grade}</td><td>${CATEGORY_LABELS[c.category][view.locale]}</td><td>${c.nextDeadlineAt ? formatInstant(c.nextDeadlineAt, view.locale, view.timezone) : '—'}</td></tr>`,
      )}</tbody></table>`
}
</section>`;
}

function dayList(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = Date.parse(`${from}T00:00:00Z`); d <= Date.parse(`${to}T00:00:00Z`); d += 86_400_000) {
    out.push(new Date(d).toISOString().slice(0, 10));
  }
  return out;
}
