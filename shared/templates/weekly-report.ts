import { CATEGORY_LABELS, DEPARTMENT_LABELS } from '../i18n/labels.js';
import type { Category, Department, Locale } from '../model/complaint.js';
import type { StaffMember } from '../policy/types.js';
import type { OutgoingMail } from '../ports/index.js';
import { TIMED, type Timed } from '../reports/counters.js';
import type { WeeklyFigures } from '../usecases/weekly-report.js';
import { html, type SafeHtml } from './html.js';

/**
 * The Monday weekly report to managers and department heads, in the reader's language. The HTML
 * part is built for the mail clients the email issue names (Gmail, Outlook desktop and web, Apple
 * Mail, QQ Mail, 163 Mail, Foxmail): a 600 px table layout, inline styles only, charts as table
 * cells whose widths are the bars. No <style> (Gmail and Outlook drop or mangle it), no SVG (Outlook
 * and QQ Mail do not draw it), no script, no image (blocked by default in most of them).
 */

export interface WeeklyReportMailContext {
  staff: StaffMember;
  /** A department head's department; absent for a manager (the whole organisation). */
  department?: Department;
  report: WeeklyFigures;
  /** The console's report page for this week. */
  reportUrl: string;
}

const COLORS = {
  bar: '#2f6fde',
  previous: '#a9bfe6',
  met: '#1b7f3b',
  missed: '#b3261e',
  track: '#e8ebf0',
  marker: '#222222',
  text: '#1f2328',
  muted: '#59636e',
};

interface Copy {
  subject: (period: string, received: number, met: number, measured: number) => string;
  greeting: (name: string) => string;
  intro: (period: string, from: string, to: string, scope: string) => string;
  organisation: string;
  received: string;
  previousWeek: string;
  byDay: string;
  topCategories: string;
  onTime: string;
  overdueRate: string;
  satisfaction: string;
  satisfactionRate: string;
  surveyCoverage: string;
  targets: string;
  target: string;
  figure: string;
  met: string;
  notMet: string;
  noData: string;
  steps: Record<Timed, string>;
  targetNames: Record<string, string>;
  open: string;
  why: string;
}

const COPY: Record<Locale, Copy> = {
  en: {
    subject: (period, received, met, measured) =>
      `[Weekly report] ${period}: ${received} complaint${received === 1 ? '' : 's'}, ${met} of ${measured} targets met`,
    greeting: (name) => `Hello ${name},`,
    intro: (period, from, to, scope) => `The complaints report of week ${period} (${from} to ${to}) for ${scope}.`,
    organisation: 'the whole organisation',
    received: 'Complaints received',
    previousWeek: 'week before',
    byDay: 'Received by day',
    topCategories: 'Top 3 categories',
    onTime: 'On time per step (target line at 95%)',
    overdueRate: 'Late steps overall',
    satisfaction: 'Satisfaction',
    satisfactionRate: 'Satisfied customers',
    surveyCoverage: 'Surveys answered',
    targets: 'Targets',
    target: 'Target',
    figure: 'This week',
    met: 'met',
    notMet: 'not met',
    noData: 'no data',
    steps: { assign: 'Assignment', firstContact: 'First contact', solution: 'Solution', resolve: 'Resolution' },
    targetNames: {
      onTime: 'On-time response',
      completion: 'Handling completion',
      satisfaction: 'Satisfaction',
      surveyCoverage: 'Survey coverage',
      gradingAccuracy: 'Grading accuracy',
    },
    open: 'The full report, with every figure and its CSV:',
    why: 'You receive this every Monday as a manager or department head. This address takes no replies.',
  },
  'zh-CN': {
    subject: (period, received, met, measured) =>
      `[周报] ${period}：收到投诉 ${received} 件，${measured} 项目标达成 ${met} 项`,
    greeting: (name) => `${name}，您好：`,
    intro: (period, from, to, scope) => `以下是${scope}第 ${period} 周（${from} 至 ${to}）的投诉周报。`,
    organisation: '全公司',
    received: '收到投诉',
    previousWeek: '上周',
    byDay: '每日收到',
    topCategories: '前三类投诉',
    onTime: '各环节按时率（目标线 95%）',
    overdueRate: '环节超时率',
    satisfaction: '满意度',
    satisfactionRate: '客户满意率',
    surveyCoverage: '回访覆盖率',
    targets: '目标达成',
    target: '目标',
    figure: '本周',
    met: '已达成',
    notMet: '未达成',
    noData: '无数据',
    steps: { assign: '分派', firstContact: '首次联系', solution: '解决方案', resolve: '解决' },
    targetNames: {
      onTime: '按时响应率',
      completion: '处理完成率',
      satisfaction: '满意度',
      surveyCoverage: '回访覆盖率',
      gradingAccuracy: '分级准确率',
    },
    open: '完整报表（含全部数据及 CSV 下载）：',
    why: '您作为经理或部门负责人，每周一收到此周报。此地址不接收回复。',
  },
};

const categoryLabel = (category: string, locale: Locale) => CATEGORY_LABELS[category as Category]?.[locale] ?? category;
const departmentLabel = (department: string, locale: Locale) =>
  DEPARTMENT_LABELS[department as Department]?.[locale] ?? department;

function percent(value: number | null, locale: Locale, copy: Copy): string {
  if (value === null) return copy.noData;
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

/** "+23%" / "−10%" against the week before; nothing when the week before had none. */
function trend(now: number, before: number, locale: Locale): string {
  if (before === 0) return '';
  const change = (now - before) / before;
  const formatted = new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: 0,
    signDisplay: 'exceptZero',
  }).format(change);
  return formatted;
}

function dayLabel(day: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    month: 'numeric',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));
}

export function weeklyReportMail(ctx: WeeklyReportMailContext): OutgoingMail {
  const { staff, report } = ctx;
  const locale = staff.locale;
  const copy = COPY[locale];
  const { current, period } = report;
  const scope = ctx.department ? departmentLabel(ctx.department, locale) : copy.organisation;
  const from = period.days[0]!;
  const to = period.days.at(-1)!;
  const measured = current.targets.filter((t) => t.met !== null);
  const met = measured.filter((t) => t.met).length;
  return {
    to: staff.email,
    subject: copy.subject(period.id, current.received, met, measured.length),
    text: reportText(ctx, copy, scope, from, to),
    html: reportHtml(ctx, copy, scope, from, to).value,
    tags: { kind: 'weekly_report' },
    audience: 'staff',
  };
}

function reportText(ctx: WeeklyReportMailContext, copy: Copy, scope: string, from: string, to: string): string {
  const locale = ctx.staff.locale;
  const { current, previous, period } = ctx.report;
  const colon = locale === 'zh-CN' ? '：' : ': ';
  const pct = (v: number | null) => percent(v, locale, copy);
  const lines: string[] = [copy.greeting(ctx.staff.name), '', copy.intro(period.id, from, to, scope), ''];
  const change = trend(current.received, previous.received, locale);
  lines.push(
    `${copy.received}${colon}${current.received} (${copy.previousWeek} ${previous.received}${change ? `, ${change}` : ''})`,
  );
  lines.push('', `${copy.byDay}${colon}`);
  for (const day of period.days) lines.push(`- ${dayLabel(day, locale)}${colon}${current.receivedByDay[day] ?? 0}`);
  lines.push('', `${copy.topCategories}${colon}`);
  for (const c of current.topCategories)
    lines.push(`- ${categoryLabel(c.category, locale)}${colon}${c.count} (${pct(c.share)})`);
  lines.push('', `${copy.onTime}${colon}`);
  for (const step of TIMED)
    lines.push(
      `- ${copy.steps[step]}${colon}${pct(current.onTime[step].rate)} (${copy.previousWeek} ${pct(previous.onTime[step].rate)})`,
    );
  lines.push(`- ${copy.overdueRate}${colon}${pct(current.overdueRate)}`);
  lines.push('', `${copy.satisfaction}${colon}`);
  lines.push(
    `- ${copy.satisfactionRate}${colon}${pct(current.satisfactionRate)} (${copy.previousWeek} ${pct(previous.satisfactionRate)})`,
  );
  lines.push(
    `- ${copy.surveyCoverage}${colon}${pct(current.surveyCoverage)} (${copy.previousWeek} ${pct(previous.surveyCoverage)})`,
  );
  lines.push('', `${copy.targets}${colon}`);
  for (const t of current.targets)
    lines.push(
      `- ${copy.targetNames[t.name] ?? t.name}${colon}${pct(t.figure)} / ${copy.target} ${pct(t.target)}, ${verdict(t.met, copy)}`,
    );
  lines.push('', copy.open, ctx.reportUrl, '', copy.why);
  return lines.join('\n');
}

const verdict = (met: boolean | null, copy: Copy) => (met === null ? copy.noData : met ? copy.met : copy.notMet);

/** One horizontal bar: cells whose widths add up to 100 %, each painted its colour. */
function bar(segments: { pct: number; color: string }[]): SafeHtml {
  const cells = segments
    .filter((s) => s.pct > 0)
    .map(
      (s) =>
        html`<td width="${s.pct}%" height="12" bgcolor="${s.color}" style="width:${s.pct}%;height:12px;background-color:${s.color};font-size:0;line-height:0">&nbsp;</td>`,
    );
  return html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;border-collapse:collapse"><tr>${cells}</tr></table>`;
}

/** A share as whole per cent, so the cells add up to 100. */
const whole = (share: number) => Math.max(0, Math.min(100, Math.round(share * 100)));

/** A bar of `value` with a thin dark cell at the target: the target line of the console's chart. */
function barWithTarget(value: number | null, target: number, met: boolean | null): SafeHtml {
  const v = value === null ? 0 : whole(value);
  const t = Math.min(99, whole(target));
  const fill = met === false ? COLORS.missed : COLORS.met;
  const segments =
    v < t
      ? [
          { pct: v, color: fill },
          { pct: t - v, color: COLORS.track },
          { pct: 1, color: COLORS.marker },
          { pct: 99 - t, color: COLORS.track },
        ]
      : [
          { pct: t, color: fill },
          { pct: 1, color: COLORS.marker },
          { pct: Math.max(0, v - t - 1), color: fill },
          { pct: 100 - Math.max(v, t + 1), color: COLORS.track },
        ];
  return bar(segments);
}

const CELL = `padding:4px 8px 4px 0;font-size:14px;color:${COLORS.text};vertical-align:middle`;
const HEAD = `padding:24px 0 8px 0;font-size:16px;font-weight:bold;color:${COLORS.text}`;

function section(title: string, rows: SafeHtml[]): SafeHtml {
  return html`<tr><td style="${HEAD}">${title}</td></tr>
<tr><td><table role="presentation" width="552" cellpadding="0" cellspacing="0" border="0" style="width:552px;border-collapse:collapse">${rows}</table></td></tr>
`;
}

/** label | figure | bar: the row every chart of the mail is made of. */
function chartRow(label: string, figure: string, chart: SafeHtml): SafeHtml {
  return html`<tr><td width="180" style="${CELL};width:180px">${label}</td><td width="100" align="right" style="${CELL};width:100px">${figure}</td><td width="272" style="${CELL};width:272px">${chart}</td></tr>
`;
}

function reportHtml(ctx: WeeklyReportMailContext, copy: Copy, scope: string, from: string, to: string): SafeHtml {
  const locale = ctx.staff.locale;
  const { current, previous, period } = ctx.report;
  const pct = (v: number | null) => percent(v, locale, copy);
  const change = trend(current.received, previous.received, locale);

  const busiest = Math.max(1, ...period.days.map((d) => current.receivedByDay[d] ?? 0));
  const days = period.days.map((day) => {
    const count = current.receivedByDay[day] ?? 0;
    const w = Math.round((count / busiest) * 100);
    return chartRow(
      dayLabel(day, locale),
      String(count),
      bar([
        { pct: w, color: COLORS.bar },
        { pct: 100 - w, color: COLORS.track },
      ]),
    );
  });

  const top = current.topCategories.map((c) => {
    const w = whole(c.share);
    return chartRow(
      categoryLabel(c.category, locale),
      `${c.count} · ${pct(c.share)}`,
      bar([
        { pct: w, color: COLORS.bar },
        { pct: 100 - w, color: COLORS.track },
      ]),
    );
  });

  const target = current.targets.find((t) => t.name === 'onTime')!.target;
  const steps = TIMED.map((step) => {
    const r = current.onTime[step].rate;
    return chartRow(copy.steps[step], pct(r), barWithTarget(r, target, r === null ? null : r >= target));
  });

  const satisfaction = (['satisfaction', 'surveyCoverage'] as const).map((name) => {
    const t = current.targets.find((x) => x.name === name)!;
    const label = name === 'satisfaction' ? copy.satisfactionRate : copy.surveyCoverage;
    return chartRow(label, pct(t.figure), barWithTarget(t.figure, t.target, t.met));
  });

  const targetRows = current.targets.map((t) => {
    const before = previous.targets.find((p) => p.name === t.name)?.figure ?? null;
    const color = t.met === null ? COLORS.muted : t.met ? COLORS.met : COLORS.missed;
    return html`<tr><td width="180" style="${CELL};width:180px">${copy.targetNames[t.name] ?? t.name}</td><td width="90" align="right" style="${CELL};width:90px">${pct(t.figure)}</td><td width="90" align="right" style="${CELL};width:90px;color:${COLORS.muted}">${pct(before)}</td><td width="90" align="right" style="${CELL};width:90px">${pct(t.target)}</td><td width="102" style="${CELL};width:102px;font-weight:bold;color:${color}">${verdict(t.met, copy)}</td></tr>
`;
  });
  const targetHead = html`<tr><th align="left" style="${CELL}"></th><th align="right" style="${CELL}">${copy.figure}</th><th align="right" style="${CELL}">${copy.previousWeek}</th><th align="right" style="${CELL}">${copy.target}</th><th style="${CELL}"></th></tr>
`;

  return html`<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${copy.subject(period.id, current.received, 0, 0)}</title></head>
<body style="margin:0;padding:0;background-color:#f4f5f7">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="#f4f5f7" style="width:100%;background-color:#f4f5f7"><tr><td align="center" style="padding:16px 0">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" bgcolor="#ffffff" style="width:600px;background-color:#ffffff;font-family:Arial,'Microsoft YaHei','PingFang SC',sans-serif;color:${COLORS.text}">
<tr><td style="padding:24px">
<table role="presentation" width="552" cellpadding="0" cellspacing="0" border="0" style="width:552px;border-collapse:collapse">
<tr><td style="font-size:14px;padding:0 0 8px 0">${copy.greeting(ctx.staff.name)}</td></tr>
<tr><td style="font-size:14px;padding:0 0 16px 0">${copy.intro(period.id, from, to, scope)}</td></tr>
<tr><td style="font-size:14px;color:${COLORS.muted}">${copy.received}</td></tr>
<tr><td style="font-size:32px;font-weight:bold;padding:4px 0">${current.received} <span style="font-size:14px;font-weight:normal;color:${COLORS.muted}">${copy.previousWeek} ${previous.received}${change ? ` · ${change}` : ''}</span></td></tr>
${section(copy.byDay, days)}
${section(copy.topCategories, top)}
${section(copy.onTime, [...steps, chartRow(copy.overdueRate, pct(current.overdueRate), html``)])}
${section(copy.satisfaction, satisfaction)}
${section(copy.targets, [targetHead, ...targetRows])}
<tr><td style="font-size:14px;padding:24px 0 4px 0">${copy.open}</td></tr>
<tr><td style="font-size:14px;padding:0 0 16px 0"><a href="${ctx.reportUrl}" style="color:${COLORS.bar}">${ctx.reportUrl}</a></td></tr>
<tr><td style="font-size:12px;color:${COLORS.muted}">${copy.why}</td></tr>
</table>
</td></tr></table>
</td></tr></table>
</body></html>`;
}
