import {
  CATEGORY_LABELS,
  DEPARTMENT_LABELS,
  ESCALATION_ROLE_LABELS,
  formatAmount,
  formatInstant,
  GRADE_LABELS,
  REMEDY_LABELS,
  STATUS_LABELS,
  STEP_LABELS,
} from '../i18n/labels.js';
import { type Complaint, ESCALATION_LADDER, type Locale, type Solution } from '../model/complaint.js';
import type { StaffMember } from '../policy/types.js';
import type { OutgoingMail } from '../ports/index.js';
import type { DigestItem } from '../workflow/breach-digest.js';
import type { WorkflowStep } from '../workflow/types.js';
import { type Block, renderLetter } from './letter.js';

/**
 * Mails to staff, in the staff member's language. Subjects carry only our words, the ticket
 * number and the grade; the customer's own words appear in the body only, escaped.
 */

export interface StaffMailBase {
  complaint: Complaint;
  staff: StaffMember;
  timezone: string;
  /** Where the complaint opens for staff: its console page (shared/links/console-link.ts). */
  staffUrl: string;
}

export interface EscalationMailContext extends StaffMailBase {
  step: WorkflowStep;
  missedDeadline: string;
  /** Rung of ESCALATION_LADDER now told: 1 supervisor, 2 department head, 3 manager. */
  level: number;
  newDeadline: string;
}

export type OwnerReminderReason =
  | 'progress_due'
  | 'customer_replied'
  | 'customer_wrote'
  | 'mail_note_added'
  | 'address_unreachable'
  | 'info_request_expired'
  | 'solution_rejected'
  | 'reopened'
  /** Closing rule `customerConfirms`: the customer has not confirmed the result; ask them. */
  | 'confirmation_due'
  // The customer accepts the solution (ACC): their answer, or their silence.
  | 'offer_accepted'
  | 'change_requested'
  | 'acceptance_due';

export interface OwnerReminderMailContext extends StaffMailBase {
  reason: OwnerReminderReason;
}

export interface ApprovalRequestMailContext extends StaffMailBase {
  solution: Solution;
  /** The policy asks the customer to accept the solution (workflow.acceptance): approving it tells them. */
  tellsCustomer?: boolean;
  /** ISO 4217 code of the solution's amount; the default policy's (CNY) when not given. */
  currency?: string;
}

export type ManagementNoticeMailContext = StaffMailBase;
export type NewAssignmentMailContext = StaffMailBase;

interface Copy {
  greeting: (name: string) => string;
  signOff: string;
  open: string;
  facts: {
    ticket: string;
    grade: string;
    status: string;
    category: string;
    department: string;
    owner: string;
    unassigned: string;
    customer: string;
    contact: string;
    order: string;
    received: string;
    firstContact: string;
    solution: string;
    resolve: string;
    escalated: string;
  };
  description: string;
  escalation: {
    subject: (ticket: string, grade: string, role: string, step: string) => string;
    missed: (ticket: string, step: string, missed: string, role: string, level: number, top: number) => string;
    doBy: (when: string) => string;
    nextRung: (role: string) => string;
    topRung: string;
  };
  reminder: Record<OwnerReminderReason, { subject: (ticket: string) => string; body: (ticket: string) => string }>;
  decisionNote: string;
  customerWrote: string;
  approval: {
    subject: (ticket: string, grade: string) => string;
    intro: (ticket: string, proposer: string, reason: string | undefined, tellsCustomer: boolean) => string;
    remedy: string;
    amount: string;
    proposedAt: string;
    legal: string;
    decide: string;
  };
  management: {
    subject: (ticket: string, grade: string) => string;
    intro: (ticket: string, grade: string, gradeLabel: string) => string;
    reasons: string;
  };
  assignment: {
    subject: (ticket: string, grade: string) => string;
    intro: (ticket: string, contactBy: string) => string;
  };
  newWork: {
    subject: (ticket: string, grade: string, department: string) => string;
    intro: (ticket: string, grade: string, gradeLabel: string, department: string) => string;
    deadlines: (takeBy: string, contactBy: string) => string;
    owned: (owner: string) => string;
    reasons: string;
    take: string;
  };
}

const COPY: Record<Locale, Copy> = {
  en: {
    greeting: (name) => `Hello ${name},`,
    signOff: 'Closeloop',
    open: 'Open the complaint:',
    facts: {
      ticket: 'Ticket',
      grade: 'Grade',
      status: 'Status',
      category: 'Category',
      department: 'Department',
      owner: 'Case owner',
      unassigned: 'not assigned',
      customer: 'Customer',
      contact: 'Contact',
      order: 'Order',
      received: 'Received',
      firstContact: 'Contact the customer by',
      solution: 'Solution due',
      resolve: 'Resolve by',
      escalated: 'Escalated deadline',
    },
    description: 'The customer’s description',
    escalation: {
      subject: (ticket, grade, role, step) => `[Escalation: ${role}] ${ticket} (${grade}): ${step} is overdue`,
      missed: (ticket, step, missed, role, level, top) =>
        `The deadline for ${step} on complaint ${ticket} passed at ${missed} without it being done. It is escalated to you as ${role} (level ${level} of ${top} on the escalation ladder).`,
      doBy: (when) => `Please make sure it is done by ${when}.`,
      nextRung: (role) => `If it is still not done by then, it escalates to the ${role}.`,
      topRung: 'This is the top of the ladder: if it is still not done by then, you will be told again.',
    },
    reminder: {
      progress_due: {
        subject: (ticket) => `[Reminder] ${ticket}: the customer is due a progress update`,
        body: (ticket) =>
          `The customer of complaint ${ticket} had not heard from us for 24 hours, so they were sent an automatic progress mail. Please give them a real update: a reply, or a call you log.`,
      },
      customer_replied: {
        subject: (ticket) => `[Reminder] ${ticket}: the customer answered your question`,
        body: (ticket) =>
          `The customer answered your request for information on complaint ${ticket}. The clock runs again.`,
      },
      customer_wrote: {
        subject: (ticket) => `[Reminder] ${ticket}: the customer wrote to us`,
        body: (ticket) => `The customer wrote about complaint ${ticket}. Their message is on the timeline.`,
      },
      mail_note_added: {
        subject: (ticket) => `[Review] ${ticket}: a mail from someone other than the customer`,
        body: (ticket) =>
          `A mail about complaint ${ticket} came from someone who is not (or could not be verified as) the customer. It is kept on the timeline as a note for you to review; nothing was done on its strength.`,
      },
      offer_accepted: {
        subject: (ticket) => `[Go ahead] ${ticket}: the customer accepted the solution`,
        body: (ticket) =>
          `The customer accepted the solution for complaint ${ticket}. Please carry it out and resolve it.`,
      },
      change_requested: {
        subject: (ticket) => `[Action needed] ${ticket}: the customer asks for a change to the solution`,
        body: (ticket) =>
          `The customer did not accept the solution for complaint ${ticket} as it stands and asks for a change. Please propose a new solution.`,
      },
      acceptance_due: {
        subject: (ticket) => `[Reminder] ${ticket}: the customer has not answered the solution`,
        body: (ticket) =>
          `The customer of complaint ${ticket} has not answered the solution yet: please call them and record their answer.`,
      },
      confirmation_due: {
        subject: (ticket) => `[Reminder] ${ticket}: the customer has not confirmed the result`,
        body: (ticket) =>
          `Complaint ${ticket} is resolved, but the customer has not confirmed it, even after a reminder. It stays open until they do: please call or write to them and ask them to answer the survey.`,
      },
      address_unreachable: {
        subject: (ticket) => `[Action needed] ${ticket}: mail to the customer cannot be delivered`,
        body: (ticket) =>
          `Mail to the customer of complaint ${ticket} bounced or was reported as unwanted, so no more mail goes to that address. Please call the customer.`,
      },
      info_request_expired: {
        subject: (ticket) => `[Reminder] ${ticket}: the customer did not answer in time`,
        body: (ticket) =>
          `The customer did not answer your request for information on complaint ${ticket} in time. The clock runs again: please continue with the information you have.`,
      },
      solution_rejected: {
        subject: (ticket) => `[Reminder] ${ticket}: your proposed solution was not approved`,
        body: (ticket) => `Your proposed solution for complaint ${ticket} was not approved. Please propose another.`,
      },
      reopened: {
        subject: (ticket) => `[Reminder] ${ticket}: reopened, the customer is not satisfied`,
        body: (ticket) =>
          `The customer is not satisfied with how complaint ${ticket} was handled, so it has been reopened with a higher priority under a supervisor. Please follow up with the customer.`,
      },
    },
    decisionNote: 'The approver’s note',
    customerWrote: 'The customer wrote',
    approval: {
      subject: (ticket, grade) => `[Approval needed] ${ticket} (${grade}): proposed solution`,
      intro: (ticket, proposer, reason, tellsCustomer) =>
        `${proposer} proposed a solution for complaint ${ticket} that needs your approval${reason ? ` (${reason})` : ''}. ${tellsCustomer ? 'Once you approve it, the customer is told and asked to accept it.' : 'Once you approve it, the owner carries it out.'}`,
      remedy: 'Remedy',
      amount: 'Amount',
      proposedAt: 'Proposed',
      legal: 'Legal review is required before it reaches the customer.',
      decide: 'Approve or reject it here:',
    },
    management: {
      subject: (ticket, grade) => `[Critical complaint] ${ticket} (${grade}): management notice`,
      intro: (ticket, grade, gradeLabel) =>
        `Complaint ${ticket} is graded ${grade} (${gradeLabel}). By policy, management is told, and its solution goes through legal review before it reaches the customer.`,
      reasons: 'Why it is graded so',
    },
    assignment: {
      subject: (ticket, grade) => `[New complaint] ${ticket} (${grade}) is assigned to you`,
      intro: (ticket, contactBy) =>
        `Complaint ${ticket} is now yours, to keep until it is closed. Please contact the customer by ${contactBy}.`,
    },
    newWork: {
      subject: (ticket, grade, department) => `[New ${grade}] ${ticket} has just arrived in ${department}`,
      intro: (ticket, grade, gradeLabel, department) =>
        `A ${grade} (${gradeLabel}) complaint, ${ticket}, has just arrived in ${department}.`,
      deadlines: (takeBy, contactBy) =>
        `Someone must take it by ${takeBy} and contact the customer by ${contactBy}. Whoever takes it keeps it until it is closed.`,
      owned: (owner) => `${owner} has already taken it.`,
      reasons: 'Why it is graded so',
      take: 'Open it and take it:',
    },
  },
  'zh-CN': {
    greeting: (name) => `${name}，您好：`,
    signOff: 'Closeloop 投诉处理系统',
    open: '查看投诉详情：',
    facts: {
      ticket: '编号',
      grade: '等级',
      status: '状态',
      category: '类别',
      department: '部门',
      owner: '负责人',
      unassigned: '未分派',
      customer: '客户',
      contact: '联系方式',
      order: '订单号',
      received: '受理时间',
      firstContact: '首次联系时限',
      solution: '方案时限',
      resolve: '解决时限',
      escalated: '升级后时限',
    },
    description: '客户描述',
    escalation: {
      subject: (ticket, grade, role, step) => `【升级至${role}】投诉 ${ticket}（${grade}）：${step}已超时`,
      missed: (ticket, step, missed, role, level, top) =>
        `投诉 ${ticket} 的“${step}”已于 ${missed} 超时未完成，现升级至您（${role}，升级第 ${level} 级，共 ${top} 级）。`,
      doBy: (when) => `请确保在 ${when} 前完成。`,
      nextRung: (role) => `届时仍未完成，将升级至${role}。`,
      topRung: '这已是最高一级；届时仍未完成，将再次通知您。',
    },
    reminder: {
      progress_due: {
        subject: (ticket) => `【提醒】投诉 ${ticket}：需向客户通报进展`,
        body: (ticket) =>
          `投诉 ${ticket} 的客户已 24 小时未收到我们的消息，系统已自动发送进展邮件。请尽快向客户通报实际进展：回复客户，或致电并记录。`,
      },
      customer_replied: {
        subject: (ticket) => `【提醒】投诉 ${ticket}：客户已回复您的问题`,
        body: (ticket) => `客户已回复您就投诉 ${ticket} 提出的补充信息请求，处理时限恢复计算。`,
      },
      customer_wrote: {
        subject: (ticket) => `【提醒】投诉 ${ticket}：客户来信`,
        body: (ticket) => `客户就投诉 ${ticket} 发来了消息，内容已记录在处理记录中。`,
      },
      mail_note_added: {
        subject: (ticket) => `【待核实】投诉 ${ticket}：收到非客户本人的邮件`,
        body: (ticket) =>
          `收到一封关于投诉 ${ticket} 的邮件，发件人不是（或无法核实为）客户本人。邮件已作为备注记录在处理记录中，请核实；系统未据此执行任何操作。`,
      },
      offer_accepted: {
        subject: (ticket) => `【可执行】投诉 ${ticket}：客户已同意解决方案`,
        body: (ticket) => `客户已同意投诉 ${ticket} 的解决方案。请执行方案并标记为已解决。`,
      },
      change_requested: {
        subject: (ticket) => `【需处理】投诉 ${ticket}：客户要求调整解决方案`,
        body: (ticket) => `客户不同意投诉 ${ticket} 的现有解决方案，要求调整。请提出新的方案。`,
      },
      acceptance_due: {
        subject: (ticket) => `【提醒】投诉 ${ticket}：客户尚未答复解决方案`,
        body: (ticket) =>
          `已将投诉 ${ticket} 的解决方案告知客户，但客户尚未同意或提出调整。客户同意前方案不会执行：请致电客户并记录其答复。`,
      },
      confirmation_due: {
        subject: (ticket) => `【提醒】投诉 ${ticket}：客户尚未确认处理结果`,
        body: (ticket) =>
          `投诉 ${ticket} 已解决，但客户经提醒后仍未确认。客户确认前投诉不会关闭：请致电或写信邀请客户确认并填写满意度评价。`,
      },
      address_unreachable: {
        subject: (ticket) => `【需处理】投诉 ${ticket}：客户邮箱无法送达`,
        body: (ticket) =>
          `发给投诉 ${ticket} 客户的邮件被退回或被标记为垃圾邮件，系统将不再向该地址发信。请电话联系客户。`,
      },
      info_request_expired: {
        subject: (ticket) => `【提醒】投诉 ${ticket}：客户未按时补充信息`,
        body: (ticket) =>
          `客户未在期限内回复您就投诉 ${ticket} 提出的补充信息请求。处理时限恢复计算，请根据现有信息继续处理。`,
      },
      solution_rejected: {
        subject: (ticket) => `【提醒】投诉 ${ticket}：您提出的解决方案未获批准`,
        body: (ticket) => `您为投诉 ${ticket} 提出的解决方案未获批准，请重新提出方案。`,
      },
      reopened: {
        subject: (ticket) => `【提醒】投诉 ${ticket}：客户不满意，已重新处理`,
        body: (ticket) =>
          `客户对投诉 ${ticket} 的处理结果不满意，该投诉已提高优先级重新处理，并由主管督办。请尽快与客户跟进。`,
      },
    },
    decisionNote: '审批意见',
    customerWrote: '客户的原话',
    approval: {
      subject: (ticket, grade) => `【待审批】投诉 ${ticket}（${grade}）的解决方案`,
      intro: (ticket, proposer, reason, tellsCustomer) =>
        `${proposer} 为投诉 ${ticket} 提出的解决方案需要您审批${reason ? `（${reason}）` : ''}。${tellsCustomer ? '经您批准后，方案将告知客户并请其确认。' : '经您批准后，由负责人执行方案。'}`,
      remedy: '处理方式',
      amount: '金额',
      proposedAt: '提出时间',
      legal: '答复客户前须经法务审核。',
      decide: '请在此批准或驳回：',
    },
    management: {
      subject: (ticket, grade) => `【重大投诉】投诉 ${ticket}（${grade}）管理层通报`,
      intro: (ticket, grade, gradeLabel) =>
        `投诉 ${ticket} 被定为 ${grade}（${gradeLabel}）级。按规定通报管理层，其解决方案在答复客户前须经法务审核。`,
      reasons: '定级依据',
    },
    assignment: {
      subject: (ticket, grade) => `【新投诉】投诉 ${ticket}（${grade}）已分派给您`,
      intro: (ticket, contactBy) => `投诉 ${ticket} 已分派给您，由您负责直至结案。请在 ${contactBy} 前联系客户。`,
    },
    newWork: {
      subject: (ticket, grade, department) => `【新${grade}投诉】${department}刚收到投诉 ${ticket}`,
      intro: (ticket, grade, gradeLabel, department) =>
        `${department}刚收到一件 ${grade}（${gradeLabel}）投诉：${ticket}。`,
      deadlines: (takeBy, contactBy) =>
        `须在 ${takeBy} 前有人认领，并在 ${contactBy} 前联系客户。认领人负责到结案（首问负责）。`,
      owned: (owner) => `${owner} 已认领。`,
      reasons: '定级依据',
      take: '查看并认领：',
    },
  },
};

/** The complaint as staff need it at a glance, then the customer's own words. */
function caseBlocks(complaint: Complaint, locale: Locale, timezone: string): Block[] {
  const f = COPY[locale].facts;
  const when = (iso: string) => formatInstant(iso, locale, timezone);
  const { customer, deadlines } = complaint;
  const rows: [string, string | undefined][] = [
    [f.ticket, complaint.ticketNumber],
    [f.grade, `${complaint.grade} (${GRADE_LABELS[complaint.grade][locale]})`],
    [f.status, STATUS_LABELS[complaint.status][locale]],
    [f.category, CATEGORY_LABELS[complaint.category][locale]],
    [f.department, DEPARTMENT_LABELS[complaint.department][locale]],
    [f.owner, complaint.ownerId ?? f.unassigned],
    [f.customer, customer.name],
    [f.contact, [customer.email, customer.phone].filter(Boolean).join(' / ')],
    [f.order, complaint.orderNumber],
    [f.received, when(complaint.receivedAt)],
    [f.firstContact, when(deadlines.firstContact)],
    [f.solution, deadlines.solution && when(deadlines.solution)],
    [f.resolve, when(deadlines.resolve)],
    [f.escalated, complaint.escalation && when(complaint.escalation.deadline)],
  ];
  return [
    { facts: rows.filter((row): row is [string, string] => Boolean(row[1])) },
    { heading: COPY[locale].description },
    { quote: complaint.description },
  ];
}

export function staffMail(
  ctx: StaffMailBase,
  kind: string,
  subject: string,
  blocks: Block[],
  linkLabel = COPY[ctx.staff.locale].open,
): OutgoingMail {
  const { complaint, staff, timezone, staffUrl } = ctx;
  const copy = COPY[staff.locale];
  const letter = renderLetter(staff.locale, [
    { p: copy.greeting(staff.name) },
    ...blocks,
    { link: staffUrl, label: linkLabel },
    ...caseBlocks(complaint, staff.locale, timezone),
    { p: copy.signOff },
  ]);
  return { to: staff.email, subject, ...letter, tags: { kind, ticket: complaint.ticketNumber } };
}

/** A step's deadline was missed: the next rung of the ladder is told what, since when, and by when now. */
export function escalationMail(ctx: EscalationMailContext): OutgoingMail {
  const { complaint, staff, step, missedDeadline, newDeadline, timezone } = ctx;
  const locale = staff.locale;
  const e = COPY[locale].escalation;
  const top = ESCALATION_LADDER.length - 1;
  const level = Math.min(Math.max(ctx.level, 1), top);
  const role = (rung: number) => ESCALATION_ROLE_LABELS[ESCALATION_LADDER[rung]!][locale];
  const stepLabel = STEP_LABELS[step][locale];
  const when = (iso: string) => formatInstant(iso, locale, timezone);
  return staffMail(ctx, 'escalation', e.subject(complaint.ticketNumber, complaint.grade, role(level), stepLabel), [
    { p: e.missed(complaint.ticketNumber, stepLabel, when(missedDeadline), role(level), level, top) },
    { p: e.doBy(when(newDeadline)) },
    { p: level < top ? e.nextRung(role(level + 1)) : e.topRung },
  ]);
}

/** Nudges the case owner: a progress update is due, the customer answered, a solution came back, and so on. */
export function ownerReminderMail(ctx: OwnerReminderMailContext): OutgoingMail {
  const { complaint, staff, reason } = ctx;
  const copy = COPY[staff.locale];
  const r = copy.reminder[reason];
  const note = reason === 'solution_rejected' ? complaint.solution?.decisionNote : undefined;
  const customerReason =
    reason === 'reopened'
      ? complaint.survey?.reason
      : reason === 'change_requested'
        ? complaint.solution?.acceptance?.reason
        : undefined;
  return staffMail(ctx, 'owner_reminder', r.subject(complaint.ticketNumber), [
    { p: r.body(complaint.ticketNumber) },
    ...(note ? [{ heading: copy.decisionNote }, { quote: note }] : []),
    ...(customerReason ? [{ heading: copy.customerWrote }, { quote: customerReason }] : []),
  ]);
}

/** A solution waits for a department head: what is proposed, why approval is needed, where to decide. */
export function approvalRequestMail(ctx: ApprovalRequestMailContext): OutgoingMail {
  const { complaint, staff, solution, timezone } = ctx;
  const locale = staff.locale;
  const a = COPY[locale].approval;
  const facts: [string, string][] = [[a.proposedAt, formatInstant(solution.proposedAt, locale, timezone)]];
  if (solution.remedy) facts.unshift([a.remedy, REMEDY_LABELS[solution.remedy][locale]]);
  if (solution.amount !== undefined) facts.push([a.amount, formatAmount(solution.amount, locale, ctx.currency)]);
  return staffMail(
    ctx,
    'approval_request',
    a.subject(complaint.ticketNumber, complaint.grade),
    [
      { p: a.intro(complaint.ticketNumber, solution.proposedBy, solution.approvalReason, Boolean(ctx.tellsCustomer)) },
      { quote: solution.summary },
      { facts },
      ...(solution.legalReview ? [{ p: a.legal }] : []),
    ],
    a.decide,
  );
}

/** A P1: management hears of it at once, with the reasons for the grade; legal review is flagged. */
export function managementNoticeMail(ctx: ManagementNoticeMailContext): OutgoingMail {
  const { complaint, staff } = ctx;
  const locale = staff.locale;
  const m = COPY[locale].management;
  return staffMail(ctx, 'management_notice', m.subject(complaint.ticketNumber, complaint.grade), [
    { p: m.intro(complaint.ticketNumber, complaint.grade, GRADE_LABELS[complaint.grade][locale]) },
    ...(complaint.gradeReasons.length > 0 ? [{ heading: m.reasons }, { list: complaint.gradeReasons }] : []),
  ]);
}

/** The complaint is now this person's, with the first-contact deadline. */
export function newAssignmentMail(ctx: NewAssignmentMailContext): OutgoingMail {
  const { complaint, staff, timezone } = ctx;
  const locale = staff.locale;
  const n = COPY[locale].assignment;
  return staffMail(ctx, 'new_assignment', n.subject(complaint.ticketNumber, complaint.grade), [
    { p: n.intro(complaint.ticketNumber, formatInstant(complaint.deadlines.firstContact, locale, timezone)) },
  ]);
}

export type NewWorkMailContext = StaffMailBase;

/**
 * A P1 or P2 complaint has just arrived: its department hears at once, not first at its first
 * breach (reference 000: the most serious get a response within minutes). Grade, the reasons that
 * fired, by when someone must take it and call, and the console page where they take it.
 */
export function newWorkMail(ctx: NewWorkMailContext): OutgoingMail {
  const { complaint, staff, timezone } = ctx;
  const locale = staff.locale;
  const n = COPY[locale].newWork;
  const when = (iso: string) => formatInstant(iso, locale, timezone);
  const department = DEPARTMENT_LABELS[complaint.department][locale];
  return staffMail(
    ctx,
    'new_work',
    n.subject(complaint.ticketNumber, complaint.grade, department),
    [
      { p: n.intro(complaint.ticketNumber, complaint.grade, GRADE_LABELS[complaint.grade][locale], department) },
      {
        p: complaint.ownerId
          ? n.owned(complaint.ownerId)
          : n.deadlines(when(complaint.deadlines.assign), when(complaint.deadlines.firstContact)),
      },
      ...(complaint.gradeReasons.length > 0 ? [{ heading: n.reasons }, { list: complaint.gradeReasons }] : []),
    ],
    n.take,
  );
}

export interface BreachDigestMailContext {
  staff: StaffMember;
  items: DigestItem[];
  timezone: string;
  /** Where each complaint opens for staff (its console page). */
  staffUrl: (complaint: Complaint) => string;
}

/**
 * The top rung's daily digest: one mail listing every complaint still breached there, oldest
 * breach first, instead of a mail per complaint per day (a manager with twenty late complaints
 * got twenty mails a day). Each entry says since when, at which step, who owns it, and links to it.
 */
export function breachDigestMail(ctx: BreachDigestMailContext): OutgoingMail {
  const { staff, items, timezone } = ctx;
  const locale = staff.locale;
  const zh = locale === 'zh-CN';
  const f = COPY[locale].facts;
  const when = (iso: string) => formatInstant(iso, locale, timezone);
  const count = items.length;
  const entries: Block[] = items.flatMap(({ complaint: c, step, breachedSince }) => [
    { heading: `${c.ticketNumber} · ${c.grade} · ${STEP_LABELS[step][locale]}` },
    {
      facts: [
        [zh ? '超时起始' : 'Late since', when(breachedSince)],
        [f.status, STATUS_LABELS[c.status][locale]],
        [f.department, DEPARTMENT_LABELS[c.department][locale]],
        [f.owner, c.ownerId ?? f.unassigned],
        [f.resolve, when(c.deadlines.resolve)],
      ],
    },
    { link: ctx.staffUrl(c), label: COPY[locale].open },
  ]);
  const letter = renderLetter(locale, [
    { p: COPY[locale].greeting(staff.name) },
    {
      p: zh
        ? `以下 ${count} 件投诉已升级到您，至今仍未完成当前步骤。每件投诉升级时您已收到过一次通知；此后每天只汇总一次。`
        : `${count === 1 ? 'This complaint was' : `These ${count} complaints were`} escalated to you and ${count === 1 ? 'is' : 'are'} still past the step's deadline. You were told once when each reached you; from then on you get this one summary a day.`,
    },
    ...entries,
    { p: COPY[locale].signOff },
  ]);
  return {
    to: staff.email,
    subject: zh
      ? `[每日汇总] ${count} 件投诉仍然超时`
      : `[Daily summary] ${count} complaint${count === 1 ? '' : 's'} still breached`,
    ...letter,
    tags: { kind: 'breach_digest' },
  };
}

export interface OverseerMailContext extends StaffMailBase {
  /** The second follow-up is due by then. */
  followUpBy: string;
}

/**
 * A reopened complaint's overseer (a supervisor; a manager from the second reopen) is told it is
 * now theirs to oversee personally (added with issue 6 item 2 by the core; the letters' owner may reword it).
 */
export function reopenOverseerMail(ctx: OverseerMailContext): OutgoingMail {
  const { complaint, staff, followUpBy, timezone } = ctx;
  const zh = staff.locale === 'zh-CN';
  const by = formatInstant(followUpBy, staff.locale, timezone);
  const reason = complaint.survey?.reason;
  return staffMail(
    ctx,
    'reopen_overseer',
    zh
      ? `[重新处理：由您督办] ${complaint.ticketNumber} ${complaint.grade}`
      : `[Reopened: you oversee it] ${complaint.ticketNumber} ${complaint.grade}`,
    [
      {
        p: zh
          ? `客户对投诉 ${complaint.ticketNumber} 的处理结果不满意，投诉已重新打开，升级为 ${complaint.grade}，由您亲自督办。负责人需重新联系客户并提出新的解决方案，请在 ${by} 前完成第二次回访。`
          : `The customer is not satisfied with how complaint ${complaint.ticketNumber} was resolved. It is reopened at ${complaint.grade} and you now oversee it personally. The owner must contact the customer again and find a new solution; the second follow-up is due by ${by}.`,
      },
      ...(reason ? [{ heading: zh ? '客户的原话' : 'The customer wrote' }, { quote: reason }] : []),
    ],
  );
}

export interface HandEscalationMailContext extends StaffMailBase {
  step: WorkflowStep;
  /** Rung of ESCALATION_LADDER now told. */
  level: number;
  /** Who escalated, and why in their own words (quoted, escaped by the letter). */
  byName: string;
  reason: string;
}

/** A member of staff escalated a complaint by hand: the rung now told hears who, why, and at which step. */
export function handEscalationMail(ctx: HandEscalationMailContext): OutgoingMail {
  const { complaint, staff, step, byName, reason } = ctx;
  const zh = staff.locale === 'zh-CN';
  const role = ESCALATION_ROLE_LABELS[ESCALATION_LADDER[ctx.level] ?? 'manager'][staff.locale];
  const stepLabel = STEP_LABELS[step][staff.locale];
  return staffMail(
    ctx,
    'hand_escalation',
    zh
      ? `[人工升级至${role}] ${complaint.ticketNumber} ${complaint.grade}`
      : `[Escalated by hand to ${role}] ${complaint.ticketNumber} ${complaint.grade}`,
    [
      {
        p: zh
          ? `${byName} 在"${stepLabel}"环节将投诉 ${complaint.ticketNumber} 人工升级至${role}（您），请协助解决阻碍。`
          : `${byName} escalated complaint ${complaint.ticketNumber} by hand to you (${role}) at the step "${stepLabel}": the work is blocked and needs your help.`,
      },
      { heading: zh ? '升级原因' : 'Why' },
      { quote: reason },
    ],
  );
}
