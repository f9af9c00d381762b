import { describe, expect, it } from 'vitest';
import { STEP_LABELS } from '../../shared/i18n/labels.js';
import { consoleComplaintUrl } from '../../shared/links/console-link.js';
import type { Complaint, Solution } from '../../shared/model/complaint.js';
import type { StaffMember } from '../../shared/policy/types.js';
import {
  approvalRequestMail,
  escalationMail,
  managementNoticeMail,
  newAssignmentMail,
  newWorkMail,
  ownerReminderMail,
} from '../../shared/templates/staff-mails.js';
import { WAIT_STEPS } from '../../shared/workflow/types.js';
import { aComplaint } from '../support/complaint-factory.js';
import { demoStaff } from '../support/staff.js';

const timezone = 'Asia/Shanghai';
const staffUrl = consoleComplaintUrl('https://cl.example.com', '202611-0042');
const hostile = '<img src=x onerror="alert(1)">';

function member(id: string): StaffMember {
  const found = demoStaff.find((s) => s.id === id);
  if (!found) throw new Error(`no demo staff member ${id}`);
  return found;
}
const supervisorZh = member('supervisor.wang');
const headZh = member('head.zhao');
const managerEn = member('manager.sun');
const agentEn = member('agent.smith');
const agentZh = member('agent.li');

function complaint(overrides: Partial<Complaint> = {}): Complaint {
  return aComplaint({
    ticketNumber: '202611-0042',
    grade: 'P2',
    category: 'billing',
    department: 'finance',
    customer: { name: `Eve\r\nBcc: all@example.com ${hostile}`, email: 'eve@example.com', tier: 'vip', locale: 'en' },
    description: `Charged twice.\r\nSubject: free money ${hostile}`,
    receivedAt: '2026-11-20T02:00:00.000Z',
    deadlines: {
      assign: '2026-11-20T03:00:00.000Z',
      firstContact: '2026-11-20T06:00:00.000Z',
      solution: '2026-11-21T02:00:00.000Z',
      resolve: '2026-11-22T02:00:00.000Z',
    },
    ...overrides,
  });
}

describe('the escalation mail', () => {
  it('tells a Chinese supervisor, in Chinese, which step missed which deadline, their rung, the new deadline and who is next', () => {
    const mail = escalationMail({
      complaint: complaint(),
      staff: supervisorZh,
      step: 'await_owner',
      missedDeadline: '2026-11-20T03:00:00.000Z',
      level: 1,
      newDeadline: '2026-11-20T05:00:00.000Z',
      timezone,
      staffUrl,
    });
    expect(mail.to).toBe('supervisor.wang@closeloop.local');
    expect(mail.subject).toBe('【升级至主管】投诉 202611-0042（P2）：分派负责人已超时');
    expect(mail.text).toContain('Wang Fang，您好：');
    expect(mail.text).toContain(
      '投诉 202611-0042 的“分派负责人”已于 2026-11-20 11:00 (北京时间 GMT+8) 超时未完成，现升级至您（主管，升级第 1 级，共 3 级）。',
    );
    expect(mail.text).toContain('请确保在 2026-11-20 13:00 (北京时间 GMT+8) 前完成。');
    expect(mail.text).toContain('届时仍未完成，将升级至部门负责人。');
    expect(mail.html).toContain(`href="${staffUrl}"`);
    expect(mail.tags).toEqual({ kind: 'escalation', ticket: '202611-0042' });
  });

  it('tells an English manager, in English, that the top of the ladder has been reached', () => {
    const mail = escalationMail({
      complaint: complaint(),
      staff: managerEn,
      step: 'await_contact',
      missedDeadline: '2026-11-20T06:00:00.000Z',
      level: 3,
      newDeadline: '2026-11-20T08:00:00.000Z',
      timezone,
      staffUrl,
    });
    expect(mail.subject).toBe('[Escalation: manager] 202611-0042 (P2): first contact with the customer is overdue');
    expect(mail.text).toContain('Hello Sun Min,');
    expect(mail.text).toContain(
      'The deadline for first contact with the customer on complaint 202611-0042 passed at 20 Nov 2026 14:00 China Standard Time (GMT+8)',
    );
    expect(mail.text).toContain('as manager (level 3 of 3 on the escalation ladder)');
    expect(mail.text).toContain('Please make sure it is done by 20 Nov 2026 16:00 China Standard Time (GMT+8).');
    expect(mail.text).toContain('This is the top of the ladder');
  });

  it('names the department head as the rung between supervisor and manager', () => {
    const mail = escalationMail({
      complaint: complaint(),
      staff: headZh,
      step: 'await_solution',
      missedDeadline: '2026-11-21T02:00:00.000Z',
      level: 2,
      newDeadline: '2026-11-21T06:00:00.000Z',
      timezone,
      staffUrl,
    });
    expect(mail.subject).toBe('【升级至部门负责人】投诉 202611-0042（P2）：提出解决方案已超时');
    expect(mail.text).toContain('升级第 2 级');
    expect(mail.text).toContain('将升级至经理。');
  });

  it('shows the case, with the customer’s own words escaped in the HTML and kept out of the subject', () => {
    const mail = escalationMail({
      complaint: complaint(),
      staff: managerEn,
      step: 'await_resolution',
      missedDeadline: '2026-11-22T02:00:00.000Z',
      level: 3,
      newDeadline: '2026-11-22T06:00:00.000Z',
      timezone,
      staffUrl,
    });
    expect(mail.text).toContain(`Charged twice.\nSubject: free money ${hostile}`);
    expect(mail.text).toContain('Department: Finance');
    expect(mail.text).toContain('Case owner: not assigned');
    expect(mail.html).toContain('Charged twice.<br>Subject: free money &lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(mail.html).toContain('Eve\r\nBcc: all@example.com &lt;img');
    expect(mail.html).not.toContain('<img');
    expect(mail.subject).not.toMatch(/[\r\n<>]|Eve|Bcc|free money/);
  });
});

describe('the step labels', () => {
  it('name every waiting step differently in both languages, for the timeline and the staff mails', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const labels = WAIT_STEPS.map((step) => STEP_LABELS[step][locale]);
      expect(new Set(labels).size).toBe(WAIT_STEPS.length);
    }
    expect(STEP_LABELS.await_owner).toEqual({ en: 'assignment of a case owner', 'zh-CN': '分派负责人' });
  });
});

describe('the owner reminder', () => {
  it('asks an English owner for a real progress update after the automatic one went out', () => {
    const mail = ownerReminderMail({
      complaint: complaint({ ownerId: 'agent.smith' }),
      staff: agentEn,
      reason: 'progress_due',
      timezone,
      staffUrl,
    });
    expect(mail.to).toBe('agent.smith@closeloop.local');
    expect(mail.subject).toBe('[Reminder] 202611-0042: the customer is due a progress update');
    expect(mail.text).toContain('automatic progress mail');
    expect(mail.text).toContain('Case owner: agent.smith');
    expect(mail.text).toContain('Resolve by: 22 Nov 2026 10:00 China Standard Time (GMT+8)');
    expect(mail.text).toContain(staffUrl);
  });

  it('asks a Chinese owner in Chinese', () => {
    const mail = ownerReminderMail({
      complaint: complaint({ ownerId: 'agent.li' }),
      staff: agentZh,
      reason: 'progress_due',
      timezone,
      staffUrl,
    });
    expect(mail.subject).toBe('【提醒】投诉 202611-0042：需向客户通报进展');
    expect(mail.text).toContain('系统已自动发送进展邮件');
    expect(mail.text).toContain('解决时限：2026-11-22 10:00 (北京时间 GMT+8)');
  });

  it('passes on the approver’s note when a solution was rejected, escaped', () => {
    const solution: Solution = {
      summary: 'Refund 5000',
      amount: 5000,
      proposedAt: '2026-11-20T08:00:00.000Z',
      proposedBy: 'agent.smith',
      approval: 'rejected',
      decisionNote: `Too much ${hostile}`,
    };
    const mail = ownerReminderMail({
      complaint: complaint({ ownerId: 'agent.smith', solution }),
      staff: agentEn,
      reason: 'solution_rejected',
      timezone,
      staffUrl,
    });
    expect(mail.subject).toBe('[Reminder] 202611-0042: your proposed solution was not approved');
    expect(mail.text).toContain(`The approver’s note:\n\nToo much ${hostile}`);
    expect(mail.html).toContain('Too much &lt;img');
  });

  it('tells the owner of a reopened complaint what the dissatisfied customer wrote', () => {
    const mail = ownerReminderMail({
      complaint: complaint({
        ownerId: 'agent.li',
        status: 'reopened',
        survey: { score: 1, verdict: 'dissatisfied', reason: '还是坏的', answeredAt: '2026-11-23T02:00:00.000Z' },
      }),
      staff: agentZh,
      reason: 'reopened',
      timezone,
      staffUrl,
    });
    expect(mail.subject).toBe('【提醒】投诉 202611-0042：客户不满意，已重新处理');
    expect(mail.text).toContain('客户的原话：\n\n还是坏的');
  });
});

describe('the approval request', () => {
  const solution: Solution = {
    summary: `Refund both charges and add a voucher.\n${hostile}`,
    remedy: 'refund',
    amount: 2500,
    proposedAt: '2026-11-20T08:00:00.000Z',
    proposedBy: 'agent.li',
    approval: 'pending',
    approvalReason: 'amount above 1000',
    legalReview: true,
  };

  it('tells a Chinese department head what is proposed, why it needs them, and where to decide', () => {
    const mail = approvalRequestMail({ complaint: complaint(), staff: headZh, solution, timezone, staffUrl });
    expect(mail.to).toBe('head.zhao@closeloop.local');
    expect(mail.subject).toBe('【待审批】投诉 202611-0042（P2）的解决方案');
    expect(mail.text).toContain('agent.li 为投诉 202611-0042 提出的解决方案需要您审批（amount above 1000）');
    expect(mail.text).toContain('处理方式：退款');
    expect(mail.text).toContain('金额：¥2,500.00');
    expect(mail.text).toContain('提出时间：2026-11-20 16:00 (北京时间 GMT+8)');
    expect(mail.text).toContain('答复客户前须经法务审核。');
    expect(mail.text).toContain(`请在此批准或驳回：\n${staffUrl}`);
    expect(mail.html).toContain('Refund both charges and add a voucher.<br>&lt;img');
    expect(mail.html).not.toContain('<img');
  });

  it('asks an English approver in English', () => {
    const mail = approvalRequestMail({ complaint: complaint(), staff: managerEn, solution, timezone, staffUrl });
    expect(mail.subject).toBe('[Approval needed] 202611-0042 (P2): proposed solution');
    expect(mail.text).toContain('Amount: CNY 2,500.00');
    expect(mail.text).toContain('Legal review is required');
  });
});

describe('the management notice', () => {
  it('tells management of a P1 complaint at once, with the reasons for its grade and the legal review', () => {
    const critical = complaint({ grade: 'P1', gradeReasons: ["keyword 'fire' → P1 (safety)"], category: 'safety' });
    const en = managementNoticeMail({ complaint: critical, staff: managerEn, timezone, staffUrl });
    const zh = managementNoticeMail({ complaint: critical, staff: headZh, timezone, staffUrl });
    expect(en.subject).toBe('[Critical complaint] 202611-0042 (P1): management notice');
    expect(en.text).toContain('Complaint 202611-0042 is graded P1 (critical).');
    expect(en.text).toContain('legal review');
    expect(en.text).toContain("- keyword 'fire' → P1 (safety)");
    expect(en.html).toContain('keyword &#39;fire&#39; → P1 (safety)');
    expect(zh.subject).toBe('【重大投诉】投诉 202611-0042（P1）管理层通报');
    expect(zh.text).toContain('被定为 P1（特急）级');
  });
});

describe('the new assignment mail', () => {
  it('tells the new owner the complaint is theirs and by when to contact the customer', () => {
    const en = newAssignmentMail({ complaint: complaint(), staff: agentEn, timezone, staffUrl });
    const zh = newAssignmentMail({ complaint: complaint(), staff: agentZh, timezone, staffUrl });
    expect(en.subject).toBe('[New complaint] 202611-0042 (P2) is assigned to you');
    expect(en.text).toContain('Please contact the customer by 20 Nov 2026 14:00 China Standard Time (GMT+8).');
    expect(zh.subject).toBe('【新投诉】投诉 202611-0042（P2）已分派给您');
    expect(zh.text).toContain('请在 2026-11-20 14:00 (北京时间 GMT+8) 前联系客户。');
  });
});

describe('the new work announcement', () => {
  const arriving = () =>
    complaint({ grade: 'P1', gradeReasons: [`keyword "${hostile}" → P1 (safety)`, 'tier vip → P2'] });

  it('tells an English agent the grade, why, by when to take it and call, and where to take it', () => {
    const mail = newWorkMail({ complaint: arriving(), staff: agentEn, timezone, staffUrl });
    expect(mail.subject).toBe('[New P1] 202611-0042 has just arrived in Finance');
    expect(mail.text).toContain('A P1 (critical) complaint, 202611-0042, has just arrived in Finance.');
    expect(mail.text).toContain(
      'Someone must take it by 20 Nov 2026 11:00 China Standard Time (GMT+8) and contact the customer by 20 Nov 2026 14:00 China Standard Time (GMT+8).',
    );
    expect(mail.text).toContain(`Open it and take it:\n${staffUrl}`);
    expect(mail.text).toContain('Why it is graded so:\n\n- keyword');
    expect(mail.tags).toEqual({ kind: 'new_work', ticket: '202611-0042' });
  });

  it('tells a Chinese supervisor the same in Chinese', () => {
    const mail = newWorkMail({ complaint: arriving(), staff: supervisorZh, timezone, staffUrl });
    expect(mail.subject).toBe('【新P1投诉】财务部刚收到投诉 202611-0042');
    expect(mail.text).toContain('财务部刚收到一件 P1（特急）投诉：202611-0042。');
    expect(mail.text).toContain('须在 2026-11-20 11:00 (北京时间 GMT+8) 前有人认领');
    expect(mail.text).toContain(`查看并认领：\n${staffUrl}`);
  });

  it('escapes the customer’s words that fired a rule, and keeps them out of the subject', () => {
    const mail = newWorkMail({ complaint: arriving(), staff: agentEn, timezone, staffUrl });
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&lt;img src=x');
    expect(mail.subject).not.toMatch(/img|Eve|Charged/);
  });
});
