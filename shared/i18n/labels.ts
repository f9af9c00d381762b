import { DateTime } from 'luxon';
import type { Category, Locale, Status } from '../model/complaint.js';

export const CATEGORY_LABELS: Record<Category, Record<Locale, string>> = {
  product_quality: { en: 'product quality', 'zh-CN': '产品质量' },
  function_fault: { en: 'product fault', 'zh-CN': '功能故障' },
  safety: { en: 'product safety', 'zh-CN': '产品安全' },
  service: { en: 'service', 'zh-CN': '服务体验' },
  logistics: { en: 'delivery', 'zh-CN': '物流配送' },
  billing: { en: 'billing', 'zh-CN': '账单费用' },
  after_sales: { en: 'after-sales service', 'zh-CN': '售后服务' },
  feature_request: { en: 'suggestion', 'zh-CN': '功能建议' },
  other: { en: 'other', 'zh-CN': '其他' },
};

export const STATUS_LABELS: Record<Status, Record<Locale, string>> = {
  received: { en: 'Received', 'zh-CN': '已收到' },
  acknowledged: { en: 'Received and confirmed', 'zh-CN': '已受理' },
  assigned: { en: 'Assigned to a case owner', 'zh-CN': '已分派专人负责' },
  in_progress: { en: 'Being handled', 'zh-CN': '处理中' },
  awaiting_customer: { en: 'Waiting for information from you', 'zh-CN': '等待您补充信息' },
  solution_proposed: { en: 'Solution proposed', 'zh-CN': '已提出解决方案' },
  resolved: { en: 'Resolved', 'zh-CN': '已解决' },
  awaiting_survey: { en: 'Resolved, waiting for your feedback', 'zh-CN': '已解决，待您评价' },
  reopened: { en: 'Reopened', 'zh-CN': '已重新处理' },
  closed: { en: 'Closed', 'zh-CN': '已结案' },
};

/** A deadline as a person reads it: in their language, in the operator's time zone, with the zone named. */
export function formatInstant(iso: string, locale: Locale, timezone: string): string {
  return DateTime.fromISO(iso, { zone: 'utc' })
    .setZone(timezone)
    .setLocale(locale)
    .toLocaleString({ ...DateTime.DATETIME_FULL, timeZoneName: 'short' });
}
