import { TZDate, tzOffset } from '@date-fns/tz';
import { lightFormat } from 'date-fns';
import type {
  Category,
  Department,
  EscalationRole,
  Grade,
  Locale,
  Remedy,
  Status,
  SurveyVerdict,
} from '../model/complaint.js';
import type { WorkflowStep } from '../workflow/types.js';

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

export const GRADE_LABELS: Record<Grade, Record<Locale, string>> = {
  P1: { en: 'critical', 'zh-CN': '特急' },
  P2: { en: 'urgent', 'zh-CN': '紧急' },
  P3: { en: 'normal', 'zh-CN': '一般' },
  P4: { en: 'low', 'zh-CN': '较低' },
};

export const DEPARTMENT_LABELS: Record<Department, Record<Locale, string>> = {
  customer_service: { en: 'Customer Service', 'zh-CN': '客户服务部' },
  technical_support: { en: 'Technical Support', 'zh-CN': '技术支持部' },
  quality: { en: 'Quality', 'zh-CN': '质量部' },
  product: { en: 'Product', 'zh-CN': '产品部' },
  supply_chain: { en: 'Supply Chain', 'zh-CN': '供应链部' },
  finance: { en: 'Finance', 'zh-CN': '财务部' },
  legal_pr: { en: 'Legal and PR', 'zh-CN': '法务公关部' },
};

export const REMEDY_LABELS: Record<Remedy, Record<Locale, string>> = {
  repair: { en: 'Repair', 'zh-CN': '维修' },
  replacement: { en: 'Replacement', 'zh-CN': '换货' },
  refund: { en: 'Refund', 'zh-CN': '退款' },
  compensation: { en: 'Compensation', 'zh-CN': '赔偿' },
  apology: { en: 'An apology', 'zh-CN': '道歉' },
  explanation: { en: 'An explanation', 'zh-CN': '解释说明' },
  other: { en: 'Something else', 'zh-CN': '其他' },
};

export const SURVEY_VERDICT_LABELS: Record<SurveyVerdict, Record<Locale, string>> = {
  satisfied: { en: 'Satisfied', 'zh-CN': '满意' },
  basically_satisfied: { en: 'Basically satisfied', 'zh-CN': '基本满意' },
  dissatisfied: { en: 'Dissatisfied', 'zh-CN': '不满意' },
};

/** The rungs of the escalation ladder as staff read them. */
export const ESCALATION_ROLE_LABELS: Record<EscalationRole, Record<Locale, string>> = {
  owner: { en: 'case owner', 'zh-CN': '负责人' },
  supervisor: { en: 'supervisor', 'zh-CN': '主管' },
  department_head: { en: 'department head', 'zh-CN': '部门负责人' },
  manager: { en: 'manager', 'zh-CN': '经理' },
};

/** What a workflow step waits for or does, as a noun phrase: "the deadline for <label> was missed". */
export const STEP_LABELS: Record<WorkflowStep, Record<Locale, string>> = {
  await_owner: { en: 'assignment of a case owner', 'zh-CN': '分派负责人' },
  await_contact: { en: 'first contact with the customer', 'zh-CN': '首次联系客户' },
  await_solution: { en: 'a proposed solution', 'zh-CN': '提出解决方案' },
  await_approval: { en: 'approval of the solution', 'zh-CN': '审批解决方案' },
  await_acceptance: { en: 'the customer’s acceptance of the solution', 'zh-CN': '客户确认方案' },
  await_resolution: { en: 'resolution of the complaint', 'zh-CN': '解决投诉' },
  await_customer: { en: 'information from the customer', 'zh-CN': '客户补充信息' },
  await_survey: { en: 'the customer’s satisfaction survey', 'zh-CN': '客户满意度评价' },
  await_legal: { en: 'legal review of the solution', 'zh-CN': '法务审核解决方案' },
  send_result: { en: 'the result mail to the customer', 'zh-CN': '向客户发送处理结果' },
  closed: { en: 'closing the complaint', 'zh-CN': '结案' },
};

/**
 * A time as a person reads it, with its zone named in words and as an offset, so that nobody has
 * to guess whose clock it is: "8 Oct 2026 17:00 China Standard Time (GMT+8)",
 * "2026-10-08 17:00 (北京时间 GMT+8)". Mails and pages use this one function, so every time reads alike.
 */
export function formatInstant(iso: string, locale: Locale, timezone: string): string {
  const at = new TZDate(Date.parse(iso), timezone);
  const { name, offset } = zoneOf(at, locale);
  if (locale === 'zh-CN') return `${lightFormat(at, 'yyyy-MM-dd HH:mm')} (${name ? `${name} ${offset}` : offset})`;
  return `${at.getDate()} ${monthName(at, 'short')} ${lightFormat(at, 'yyyy HH:mm')} ${name ? `${name} (${offset})` : offset}`;
}

/** The month as British English writes it ("Sept", "September"): the form our letters have always used. */
function monthName(at: TZDate, month: 'short' | 'long'): string {
  return new Intl.DateTimeFormat('en-GB', { month, timeZone: at.timeZone }).format(at);
}

/** The zone's name in the reader's language ("China Standard Time", "北京时间"), if it has one, and its offset. */
function zoneOf(at: TZDate, locale: Locale): { name?: string; offset: string } {
  const offset = gmtOffset(tzOffset(at.timeZone, at));
  const named = new Intl.DateTimeFormat(locale, { timeZone: at.timeZone ?? 'UTC', timeZoneName: 'long' })
    .formatToParts(at)
    .find((part) => part.type === 'timeZoneName')?.value;
  if (!named || /^(GMT|UTC)([+-]|$)/.test(named)) return { offset };
  // Chinese readers call China's one zone Beijing time (北京时间), not ICU's "中国标准时间".
  return { name: locale === 'zh-CN' && named.startsWith('中国') ? '北京时间' : named, offset };
}

function gmtOffset(minutes: number): string {
  if (minutes === 0) return 'GMT';
  const sign = minutes > 0 ? '+' : '-';
  const hours = Math.floor(Math.abs(minutes) / 60);
  const rest = Math.abs(minutes) % 60;
  return `GMT${sign}${hours}${rest ? `:${String(rest).padStart(2, '0')}` : ''}`;
}

/** A calendar day as a letter is dated: in the reader's language, in the operator's time zone. */
export function formatDate(iso: string, locale: Locale, timezone: string): string {
  const day = new TZDate(Date.parse(iso), timezone);
  return locale === 'zh-CN'
    ? lightFormat(day, "yyyy'年'M'月'd'日'")
    : `${day.getDate()} ${monthName(day, 'long')} ${day.getFullYear()}`;
}

/** The currency amounts are in when the policy names none (the default policy's calendar is China's). */
export const DEFAULT_CURRENCY = 'CNY';

/**
 * Money with its currency, as the reader writes it: "¥1,299.00" in Chinese, "CNY 1,299.00" in
 * English (the code, since "$" or "¥" alone is ambiguous to an English reader).
 */
export function formatAmount(amount: number, locale: Locale, currency: string = DEFAULT_CURRENCY): string {
  const format =
    locale === 'zh-CN'
      ? new Intl.NumberFormat('zh-CN', { style: 'currency', currency })
      : new Intl.NumberFormat('en', { style: 'currency', currency, currencyDisplay: 'code' });
  return format.format(amount).replace(/\u00a0/g, ' ');
}
