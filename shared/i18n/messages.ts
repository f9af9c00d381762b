import type { TransitionReason } from '../errors/index.js';
import type { Locale, Status } from '../model/complaint.js';
import { STATUS_LABELS } from './labels.js';

type Params = Record<string, unknown>;
type Message = (p: Params) => string;
type Catalogue = Record<string, Message>;

const en: Catalogue = {
  // Whole-request errors
  validation_failed: () => 'Some fields need your attention.',
  malformed_json: () => 'The request body is not valid JSON.',
  body_too_large: (p) => `The request is too large (at most ${p.max} bytes).`,
  malformed_form: () => 'The form could not be read. Please send it again.',
  unsupported_media_type: () => 'Send the request body as JSON (Content-Type: application/json).',
  idempotency_key_invalid: (p) =>
    `The Idempotency-Key header must be ${p.min} to ${p.max} visible ASCII characters (letters, digits, punctuation; no spaces); this one has ${p.length}.`,
  if_match_invalid: () => 'The If-Match header must be the version from the complaint’s ETag, such as "3".',
  page_limit_invalid: (p) => `The page size must be a whole number from 1 to ${p.max}.`,
  cursor_invalid: () => 'This cursor was not given by us for this list; start again from the first page.',
  rejected: () => 'This submission was not accepted.',
  bad_request: () => 'The request is not valid.',
  not_found: () => 'We could not find that.',
  link_expired: () => 'This link has expired. Reply to any of our emails and we will send you a fresh one.',
  unauthorized: () => 'Please sign in.',
  forbidden: () => 'You are not allowed to do this.',
  idempotency_conflict: () => 'This Idempotency-Key was already used for a different complaint.',
  concurrent_update: () => 'Someone else changed this complaint at the same time. Reload and try again.',
  rate_limited: (p) => `Too many submissions. Please try again in ${p.retryAfterSeconds} seconds.`,
  invalid_transition: (p) => transitionMessage('en', p),
  unknown_staff: () => 'There is no such member of staff.',
  unknown_complaint: () => 'There is no complaint with this ticket number that you may see.',
  unknown_work_order: () => 'There is no such work order on this complaint.',
  unknown_milestone: () => 'This work order has no milestone of that name.',
  unknown_step: () => 'This work order has no such step.',
  wrong_role: () => 'This member of staff does not do this step.',
  must_be_future: () => 'Choose a time in the future.',
  duplicate_name: () => 'Each name appears once.',
  survey_answer_required: () => 'Choose a score or an overall verdict.',
  internal_error: () => 'Something went wrong on our side. Nothing was lost; please try again shortly.',
  policy_not_stored: () =>
    'We cannot take in complaints yet: the service is still being set up. Nothing was saved; please try again later.',
  // Field errors
  required: () => 'This field is required.',
  wrong_type: (p) => `Expected ${p.expected}.`,
  too_short: (p) => `Must be at least ${p.min} characters.`,
  too_long: (p) => `Must be at most ${p.max} characters.`,
  too_many: (p) => `At most ${p.max} items.`,
  invalid_email: () => 'Enter a valid email address.',
  invalid_url: () => 'Enter a valid http(s) link.',
  invalid_option: (p) => `Choose one of: ${p.options}.`,
  control_characters: () => 'Contains control characters that cannot be accepted.',
  invisible_characters: (p) =>
    `Contains an invisible or text-direction character (${p.char}) that cannot be accepted; please remove it.`,
  date_format: () => 'Use the date format YYYY-MM-DD.',
  // Reports (issue 11)
  period_format: (p) =>
    `Name the period as ${p.expected}, such as ${p.expected === 'YYYY-MM' ? '2026-11' : '2026-W48'}.`,
  datetime_format: () => 'Use a date (YYYY-MM-DD), or a date and time (YYYY-MM-DDTHH:mm).',
  date_in_past: (p) => `The new date must be today or later (today is ${p.today}).`,
  date_invalid: (p) => `${p.date} is not a date in the calendar (month 01-12, a day that month has).`,
  phone_format: () => 'Enter a valid phone number (digits, spaces, +, -, parentheses).',
  contact_required: () => 'Give an email address or a phone number so that we can reach you.',
  // Policy document fields (shared/policy/schema.ts)
  unknown_field: () => 'This field is not part of the policy; check its spelling.',
  must_be_positive: () => 'Must be a number greater than 0.',
  must_not_be_negative: () => 'Must be 0 or more.',
  must_be_whole: () => 'Must be a whole number.',
  duration_invalid: () =>
    'A duration is exactly one of minutes, hours, days, workingHours or workingDays, with a number greater than 0.',
  time_of_day: () => 'Use the time format HH:mm (00:00 to 23:59).',
  closing_invalid: () => 'The closing rule is either { "afterSilence": <duration> } or { "customerConfirms": true }.',
  work_order_step_invalid: () => 'A work-order step is one of diagnosis, parts, visit, verification, confirmation.',
  work_order_steps_empty: () => 'A kind of work order has at least one step.',
  work_order_steps_order: () =>
    'Steps are listed once each, in the order diagnosis, parts, visit, verification, confirmation.',
  time_zone_invalid: () => 'Not a time zone name such as Asia/Shanghai.',
  workday_order: () => 'The working day must end after it starts.',
  range_order: () => 'The last day must not be before the first.',
  weekday: () => 'Weekdays are numbered 1 (Monday) to 7 (Sunday).',
  weekend_whole_week: () => 'The weekend cannot be the whole week: no day would be a working day.',
  pattern_invalid: () => 'Not a valid regular expression.',
  remedy_id_repeated: () => 'Each standard remedy of a grade needs its own id.',
  incident_threshold_too_small: () => 'A batch needs at least 2 complaints.',
  incident_categories_empty: () => 'Name at least one product-fault category.',
  incident_notify_empty: () => 'Name at least one recipient of a new incident.',
  invalid: () => 'This value is not valid.',
};

const zhCN: Catalogue = {
  validation_failed: () => '部分内容需要修改。',
  malformed_json: () => '请求内容不是有效的 JSON。',
  body_too_large: (p) => `请求内容过大（最多 ${p.max} 字节）。`,
  malformed_form: () => '无法读取表单内容，请重新提交。',
  unsupported_media_type: () => '请以 JSON 格式发送请求内容（Content-Type: application/json）。',
  idempotency_key_invalid: (p) =>
    `Idempotency-Key 请求头须为 ${p.min} 至 ${p.max} 个可见 ASCII 字符（字母、数字、标点，不含空格），当前为 ${p.length} 个。`,
  if_match_invalid: () => 'If-Match 请求头须为投诉 ETag 中的版本号，例如 "3"。',
  page_limit_invalid: (p) => `每页条数须为 1 至 ${p.max} 之间的整数。`,
  cursor_invalid: () => '该游标不是我们为此列表提供的，请从第一页重新开始。',
  rejected: () => '本次提交未被受理。',
  bad_request: () => '请求无效。',
  not_found: () => '未找到相关内容。',
  link_expired: () => '该链接已过期。回复我们的任一邮件，我们会发送新的链接。',
  unauthorized: () => '请先登录。',
  forbidden: () => '您无权执行此操作。',
  idempotency_conflict: () => '该 Idempotency-Key 已用于另一条投诉。',
  concurrent_update: () => '其他人同时修改了这条投诉，请刷新后重试。',
  rate_limited: (p) => `提交过于频繁，请 ${p.retryAfterSeconds} 秒后再试。`,
  invalid_transition: (p) => transitionMessage('zh-CN', p),
  unknown_staff: () => '没有这位员工。',
  unknown_complaint: () => '没有您可查看的这个编号的投诉。',
  unknown_work_order: () => '该投诉下没有这张工单。',
  unknown_milestone: () => '该工单没有这个里程碑。',
  unknown_step: () => '该工单没有这个步骤。',
  wrong_role: () => '这位员工不负责此步骤。',
  must_be_future: () => '请选择将来的时间。',
  duplicate_name: () => '名称不能重复。',
  survey_answer_required: () => '请选择评分或总体评价。',
  internal_error: () => '系统出现问题，您的数据没有丢失，请稍后重试。',
  policy_not_stored: () => '系统尚未完成设置，暂时无法受理投诉。本次内容未保存，请稍后再试。',
  required: () => '此项为必填项。',
  wrong_type: (p) => `应为${typeName(p.expected, 'zh-CN')}。`,
  too_short: (p) => `至少需要 ${p.min} 个字符。`,
  too_long: (p) => `最多 ${p.max} 个字符。`,
  too_many: (p) => `最多 ${p.max} 项。`,
  invalid_email: () => '请输入有效的电子邮箱地址。',
  invalid_url: () => '请输入有效的 http(s) 链接。',
  invalid_option: (p) => `请从以下选项中选择：${p.options}。`,
  control_characters: () => '包含无法接受的控制字符。',
  invisible_characters: (p) => `包含无法接受的不可见字符或文字方向控制字符（${p.char}），请删除。`,
  date_format: () => '日期格式应为 YYYY-MM-DD。',
  // Reports (issue 11)
  period_format: (p) => `请按 ${p.expected} 格式填写期间，例如 ${p.expected === 'YYYY-MM' ? '2026-11' : '2026-W48'}。`,
  datetime_format: () => '请填写日期（YYYY-MM-DD），或日期和时间（YYYY-MM-DDTHH:mm）。',
  date_in_past: (p) => `新的日期不能早于今天（今天是 ${p.today}）。`,
  date_invalid: (p) => `${p.date} 不是有效日期（月份为 01-12，日期须在该月天数之内）。`,
  phone_format: () => '请输入有效的电话号码（数字、空格、+、-、括号）。',
  contact_required: () => '请留下电子邮箱或电话号码，以便我们联系您。',
  unknown_field: () => '策略中没有此项，请检查拼写。',
  must_be_positive: () => '须为大于 0 的数字。',
  must_not_be_negative: () => '须为 0 或以上。',
  must_be_whole: () => '须为整数。',
  duration_invalid: () => '时长须为 minutes、hours、days、workingHours、workingDays 之一，且数值大于 0。',
  time_of_day: () => '时间格式应为 HH:mm（00:00 至 23:59）。',
  closing_invalid: () => '结案规则须为 { "afterSilence": <时长> } 或 { "customerConfirms": true }。',
  work_order_step_invalid: () => '工单步骤须为 diagnosis、parts、visit、verification、confirmation 之一。',
  work_order_steps_empty: () => '每类工单至少有一个步骤。',
  work_order_steps_order: () => '步骤各列一次，顺序为 diagnosis、parts、visit、verification、confirmation。',
  time_zone_invalid: () => '不是有效的时区名称，例如 Asia/Shanghai。',
  workday_order: () => '工作日的结束时间须晚于开始时间。',
  range_order: () => '结束日期不能早于开始日期。',
  weekday: () => '星期须以 1（星期一）至 7（星期日）表示。',
  weekend_whole_week: () => '周末不能包含一周的每一天，否则没有任何工作日。',
  pattern_invalid: () => '不是有效的正则表达式。',
  remedy_id_repeated: () => '同一等级的标准补偿方案编号不能重复。',
  incident_threshold_too_small: () => '批量至少需要 2 件投诉。',
  incident_categories_empty: () => '至少指定一个产品故障类别。',
  incident_notify_empty: () => '至少指定一位新事件的通知对象。',
  invalid: () => '该值无效。',
};

const TYPE_NAMES_ZH: Record<string, string> = {
  string: '文本',
  number: '数字',
  object: '对象',
  array: '列表',
  boolean: '布尔值',
};

function typeName(expected: unknown, locale: Locale): string {
  const name = String(expected);
  return locale === 'zh-CN' ? (TYPE_NAMES_ZH[name] ?? name) : name;
}

const catalogues: Record<Locale, Catalogue> = { en, 'zh-CN': zhCN };

/** What keeps a complaint from merging (merge-complaints.ts `openWorkOf`), in Chinese. */
const MERGE_WORK_ZH: Record<string, string> = {
  'a work order': '工单',
  'a partner request': '协办请求',
  'a decision': '待审批方案',
  'an offer to the customer': '待客户确认的方案',
};

/** Why an action cannot happen in the complaint's current state (InvalidTransitionError's reason). */
const TRANSITIONS: Record<TransitionReason, Record<Locale, Message>> = {
  closed: { en: () => 'This complaint is closed.', 'zh-CN': () => '该投诉已结案。' },
  already_owner: {
    en: (p) => `This complaint is already assigned to ${p.ownerId}.`,
    'zh-CN': (p) => `该投诉已由 ${p.ownerId} 负责。`,
  },
  already_assigned: {
    en: (p) => `${p.ownerId} has already taken this complaint; only a supervisor can reassign it.`,
    'zh-CN': (p) => `${p.ownerId} 已接手该投诉，只有主管可以重新分派。`,
  },
  same_grade: {
    en: (p) => `This complaint is already graded ${p.grade}.`,
    'zh-CN': (p) => `该投诉已是 ${p.grade} 级。`,
  },
  same_department: {
    en: (p) => `This complaint is already with ${p.department}.`,
    'zh-CN': (p) => `该投诉已在 ${p.department} 部门。`,
  },
  partner_request_open: {
    en: (p) => `${p.department} has not answered the earlier request yet.`,
    'zh-CN': (p) => `${p.department} 尚未答复此前的协办请求。`,
  },
  partner_request_answered: {
    en: () => 'This request has been answered already.',
    'zh-CN': () => '该协办请求已答复。',
  },
  legal_review_pending: {
    en: () => 'The proposed solution is waiting for legal review.',
    'zh-CN': () => '所提方案正在等待法务审核。',
  },
  legal_review_returned: {
    en: () => 'Legal returned the proposed solution; propose a new one.',
    'zh-CN': () => '法务已退回所提方案，请重新提出方案。',
  },
  no_pending_legal_review: {
    en: () => 'No solution is waiting for legal review.',
    'zh-CN': () => '没有等待法务审核的方案。',
  },
  no_solution: {
    en: () => 'A work order carries out a solution: propose one (and have it approved) first.',
    'zh-CN': () => '工单用于执行解决方案：请先提出方案（并获批准）。',
  },
  merge_into_itself: {
    en: () => 'A complaint cannot be merged into itself.',
    'zh-CN': () => '不能将投诉合并到它自身。',
  },
  not_the_same_customer: {
    en: (p) => `${p.ticketNumber} is another customer’s complaint: only the same customer’s complaints are merged.`,
    'zh-CN': (p) => `${p.ticketNumber} 属于其他客户：只能合并同一客户的投诉。`,
  },
  merge_target_not_open: {
    en: (p) =>
      `${p.ticketNumber} is no longer being worked on (${p.status}): merge into an open complaint, or reopen it first.`,
    'zh-CN': (p) => `${p.ticketNumber} 已不在处理中（${p.status}）：请合并到处理中的投诉，或先将其重新打开。`,
  },
  merge_work_open: {
    en: (p) => `This complaint still has ${p.what} of its own: finish it before merging.`,
    'zh-CN': (p) => `该投诉仍有未完成的${MERGE_WORK_ZH[String(p.what)] ?? '事项'}：请先处理完毕再合并。`,
  },
  work_order_open: {
    en: () => 'A work order is still open: it must be done and verified before the complaint is resolved.',
    'zh-CN': () => '仍有未完成的工单：完成并验证后才能办结投诉。',
  },
  work_order_done: {
    en: () => 'This work order is done already.',
    'zh-CN': () => '该工单已完成。',
  },
  work_order_step_not_current: {
    en: (p) => `The work order is at its ${p.step} step.`,
    'zh-CN': (p) => `该工单当前处于 ${p.step} 步骤。`,
  },
  work_order_step_done: {
    en: (p) => `The ${p.step} step is done already.`,
    'zh-CN': (p) => `${p.step} 步骤已完成。`,
  },
  milestone_done: {
    en: () => 'This milestone was reached already.',
    'zh-CN': () => '该里程碑已完成。',
  },
  top_rung: {
    en: () => 'This complaint is already escalated to management; there is no one above.',
    'zh-CN': () => '该投诉已升级至管理层，无法继续升级。',
  },
  no_owner: { en: () => 'Assign the complaint to someone first.', 'zh-CN': () => '请先为该投诉指定负责人。' },
  no_first_contact: {
    en: () => 'Contact the customer first.',
    'zh-CN': () => '请先与客户取得联系。',
  },
  no_customer_email: {
    en: () => 'The customer left no email address; contact them another way and log the contact.',
    'zh-CN': () => '客户未留电子邮箱，请通过其他方式联系并记录。',
  },
  awaiting_customer: {
    en: () => 'We are waiting for information from the customer.',
    'zh-CN': () => '正在等待客户补充信息。',
  },
  already_awaiting_customer: {
    en: () => 'A request for information is already waiting for the customer’s answer.',
    'zh-CN': () => '已有一项补充信息请求在等待客户答复。',
  },
  approval_pending: {
    en: () => 'The proposed solution is waiting for approval.',
    'zh-CN': () => '所提方案正在等待审批。',
  },
  solution_already_approved: {
    en: () => 'A solution has already been approved.',
    'zh-CN': () => '已有方案获得批准。',
  },
  no_pending_approval: {
    en: () => 'No solution is waiting for approval.',
    'zh-CN': () => '没有等待审批的方案。',
  },
  solution_not_approved: {
    en: () => 'This grade needs an approved solution before it can be resolved.',
    'zh-CN': () => '该等级的投诉需要先有获批的解决方案，才能标记为已解决。',
  },
  solution_not_accepted: {
    en: () => 'The customer has not accepted the solution yet.',
    'zh-CN': () => '客户尚未同意该方案。',
  },
  solution_change_requested: {
    en: () => 'The customer asked for a change to the solution: propose a new one.',
    'zh-CN': () => '客户要求调整方案：请提出新的方案。',
  },
  no_offer_due: {
    en: () => 'No solution waits to be told.',
    'zh-CN': () => '没有需要告知客户的方案。',
  },
  offer_already_made: {
    en: () => 'The customer was already told.',
    'zh-CN': () => '已将该方案告知客户。',
  },
  no_offer_pending: {
    en: () => 'Nothing waits for the customer’s answer.',
    'zh-CN': () => '没有等待客户答复的方案。',
  },
  offer_answered: {
    en: () => 'The customer already answered.',
    'zh-CN': () => '客户已对该方案作出答复。',
  },
  already_resolved: { en: () => 'This complaint is already resolved.', 'zh-CN': () => '该投诉已解决。' },
  not_resolved: {
    en: () => 'Only a resolved complaint can be reopened.',
    'zh-CN': () => '只有已解决的投诉才能重新处理。',
  },
  survey_not_pending: {
    en: () => 'This survey has already been answered or is no longer open.',
    'zh-CN': () => '该评价已提交或已关闭。',
  },
  // Batch-defect incidents (INC).
  incident_closed: { en: () => 'This incident is closed.', 'zh-CN': () => '该事件已关闭。' },
  incident_not_ready: {
    en: () => 'Record the root cause and the action before closing the incident.',
    'zh-CN': () => '请先记录根本原因和整改措施，再关闭事件。',
  },
  customer_complaints_open: {
    en: (p) =>
      `Open complaints (${(p.ticketNumbers as string[]).join(', ')}) would still mail this customer: erase once they are closed. Nothing was erased.`,
    'zh-CN': (p) =>
      `投诉${(p.ticketNumbers as string[]).join('、')}尚未关闭，仍会给客户发邮件：请关闭后再删除。未删除任何数据。`,
  },
  not_in_status: {
    en: (p) => `This cannot be done while the complaint is "${STATUS_LABELS[p.status as Status]?.en ?? p.status}".`,
    'zh-CN': (p) => `投诉当前状态为“${STATUS_LABELS[p.status as Status]?.['zh-CN'] ?? p.status}”，无法执行此操作。`,
  },
};

function transitionMessage(locale: Locale, p: Params): string {
  const reason = TRANSITIONS[p.reason as TransitionReason];
  return reason
    ? reason[locale](p)
    : locale === 'zh-CN'
      ? '当前状态下无法执行此操作。'
      : 'This cannot be done in the complaint’s current state.';
}

/** The message for a key in a locale; an unknown key falls back to a generic one, never to the key. */
export function message(locale: Locale, key: string, params: Params = {}): string {
  const catalogue = catalogues[locale];
  const fn = catalogue[key] ?? catalogue.invalid!;
  return fn(params);
}

export function hasMessage(key: string): boolean {
  return key in en;
}
