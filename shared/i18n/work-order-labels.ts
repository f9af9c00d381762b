import type { Locale, WorkOrderKind, WorkOrderStepName } from '../model/complaint.js';

/** The names of work orders and their steps, for staff and customers (004's words in Chinese). */
export const WORK_ORDER_KIND_LABELS: Record<WorkOrderKind, Record<Locale, string>> = {
  repair: { 'zh-CN': '维修', en: 'repair' },
  replacement: { 'zh-CN': '换货', en: 'replacement' },
  visit: { 'zh-CN': '上门服务', en: 'on-site visit' },
  parts: { 'zh-CN': '寄送配件', en: 'parts' },
};

export const WORK_STEP_LABELS: Record<WorkOrderStepName, Record<Locale, string>> = {
  diagnosis: { 'zh-CN': '工程师诊断', en: 'diagnosis by an engineer' },
  parts: { 'zh-CN': '备件/新品发出', en: 'parts shipped' },
  visit: { 'zh-CN': '上门服务', en: 'on-site visit' },
  verification: { 'zh-CN': '结果验证', en: 'fix verified' },
  confirmation: { 'zh-CN': '客户签署服务确认单', en: 'service confirmation signed by the customer' },
};

/** A step as the timeline names it: a step, or `milestone:<name>` of a long-running work order. */
export function workStepLabel(step: string, locale: Locale): string {
  if (step.startsWith('milestone:')) {
    const name = step.slice('milestone:'.length);
    return locale === 'zh-CN' ? `里程碑“${name}”` : `milestone "${name}"`;
  }
  return WORK_STEP_LABELS[step as WorkOrderStepName]?.[locale] ?? step;
}
