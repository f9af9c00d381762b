import { formatInstant } from '../i18n/labels.js';
import type { StaffMember } from '../policy/types.js';
import type { OutgoingMail } from '../ports/index.js';
import { renderLetter } from '../templates/letter.js';
import { type Incident, linkedTickets } from './model.js';

export interface IncidentMailContext {
  staff: StaffMember;
  incident: Incident;
  timezone: string;
  /** The incident on the console. */
  url: string;
}

/**
 * The model and lot are what customers typed: they stand in the body (escaped by renderLetter),
 * never in the subject, which is a mail header.
 */
function facts(ctx: IncidentMailContext): [string, string][] {
  const { incident, staff, timezone } = ctx;
  const zh = staff.locale === 'zh-CN';
  return [
    [zh ? '产品型号' : 'Product model', incident.model],
    [zh ? '批次' : 'Lot', incident.lot ?? (zh ? '（未提供）' : '(not given)')],
    [zh ? '关联投诉' : 'Complaints', linkedTickets(incident).join(', ')],
    [zh ? '方案截止' : 'Plan due', formatInstant(incident.planDueAt, staff.locale, timezone)],
  ];
}

/** A batch defect became an incident (004 表3-1 Ⅲ级): the quality head and the managers hear at once. */
export function incidentOpenedMail(ctx: IncidentMailContext): OutgoingMail {
  const zh = ctx.staff.locale === 'zh-CN';
  const count = Object.keys(ctx.incident.linked).length;
  const letter = renderLetter(ctx.staff.locale, [
    { p: zh ? `${ctx.staff.name}，您好：` : `Hello ${ctx.staff.name},` },
    {
      p: zh
        ? `同一型号、同一批次的 ${count} 件产品故障投诉已构成批量缺陷，按重大（P1）事件处理。请在截止时间前制定处理方案。`
        : `${count} product-fault complaints about one model and lot make a batch defect, handled as a major (P1) incident. A plan is due by the time below.`,
    },
    { facts: facts(ctx) },
    { link: ctx.url, label: zh ? '查看事件：' : 'Open the incident:' },
    { p: 'Closeloop' },
  ]);
  return {
    to: ctx.staff.email,
    subject: zh ? `[P1 批量缺陷] 事件 ${ctx.incident.id}` : `[P1 batch defect] Incident ${ctx.incident.id}`,
    ...letter,
    tags: { kind: 'incident_opened' },
    audience: 'staff',
  };
}

/** The plan deadline passed with no plan recorded: the same people hear again, and every manager. */
export function incidentPlanOverdueMail(ctx: IncidentMailContext): OutgoingMail {
  const zh = ctx.staff.locale === 'zh-CN';
  const letter = renderLetter(ctx.staff.locale, [
    { p: zh ? `${ctx.staff.name}，您好：` : `Hello ${ctx.staff.name},` },
    {
      p: zh
        ? '以下批量缺陷事件已超过方案截止时间，仍未记录处理方案。'
        : 'This batch-defect incident is past its plan deadline and no plan has been recorded.',
    },
    { facts: facts(ctx) },
    { link: ctx.url, label: zh ? '查看事件：' : 'Open the incident:' },
    { p: 'Closeloop' },
  ]);
  return {
    to: ctx.staff.email,
    subject: zh
      ? `[方案逾期] 批量缺陷事件 ${ctx.incident.id}`
      : `[Plan overdue] Batch-defect incident ${ctx.incident.id}`,
    ...letter,
    tags: { kind: 'incident_plan_overdue' },
    audience: 'staff',
  };
}
