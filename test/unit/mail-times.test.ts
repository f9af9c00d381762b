import { describe, expect, it } from 'vitest';
import type { Complaint, Customer } from '../../shared/model/complaint.js';
import type { OutgoingMail } from '../../shared/ports/index.js';
import { acknowledgementMail } from '../../shared/templates/acknowledgement.js';
import {
  closedMail,
  infoRequestMail,
  progressMail,
  reopenedMail,
  resultMail,
  surveyMail,
  surveyReminderMail,
} from '../../shared/templates/customer-mails.js';
import {
  approvalRequestMail,
  escalationMail,
  managementNoticeMail,
  newAssignmentMail,
  ownerReminderMail,
} from '../../shared/templates/staff-mails.js';
import { aComplaint } from '../support/complaint-factory.js';
import { demoStaff } from '../support/staff.js';

const url = 'https://cl.example.com/x';
const at = '2026-11-24T08:30:00.000Z';

/** Every mail we send, to a customer and to staff, about one complaint that has been through everything. */
function everyMail(customer: Customer, staffId: string, timezone: string): OutgoingMail[] {
  const staff = demoStaff.find((s) => s.id === staffId)!;
  const c: Complaint = aComplaint({
    customer,
    ownerId: 'agent.li',
    status: 'resolved',
    resolvedAt: at,
    closedAt: at,
    reopenCount: 1,
    escalation: { step: 'await_contact', level: 1, deadline: at },
    solution: { summary: 'Refund', amount: 10, proposedAt: at, proposedBy: 'agent.li', approval: 'pending' },
  });
  const base = { complaint: c, timezone };
  const toStaff = { ...base, staff, staffUrl: url };
  return [
    acknowledgementMail({ ...base, statusUrl: url }),
    progressMail({ ...base, automatic: true, statusUrl: url }),
    infoRequestMail({ ...base, question: 'Photo?', replyUrl: url, limitAt: at }),
    resultMail({ ...base, summary: 'Done', statusUrl: url, remedyBy: at }),
    resultMail({ ...base, summary: 'Done', statusUrl: url }),
    surveyMail({ ...base, surveyUrl: url, closesAt: at }),
    surveyReminderMail({ ...base, surveyUrl: url, closesAt: at }),
    reopenedMail({ ...base, statusUrl: url, followUpBy: at }),
    closedMail({ ...base, reason: 'no_survey_answer' }),
    escalationMail({ ...toStaff, step: 'await_contact', missedDeadline: at, level: 1, newDeadline: at }),
    ownerReminderMail({ ...toStaff, reason: 'progress_due' }),
    approvalRequestMail({ ...toStaff, solution: c.solution! }),
    managementNoticeMail(toStaff),
    newAssignmentMail(toStaff),
  ];
}

/** Each clock time in a text, with what follows it. */
const timesIn = (text: string) => [...text.matchAll(/\d{1,2}:\d{2}(?!:)[^\n]{0,40}/g)].map((m) => m[0]);

describe('times in mails', () => {
  const english: Customer = { name: 'Ann Lee', email: 'ann@example.com', tier: 'standard', locale: 'en' };
  const chinese: Customer = { name: '李娜', email: 'li@example.com', tier: 'standard', locale: 'zh-CN' };

  it('name their zone in every English mail, customer and staff, in words and as an offset', () => {
    const mails = everyMail(english, 'manager.sun', 'Asia/Shanghai');
    const times = mails.flatMap((m) => timesIn(m.text));
    expect(times.length).toBeGreaterThan(mails.length);
    for (const time of times) expect(time).toMatch(/^\d{2}:\d{2} China Standard Time \(GMT\+8\)/);
  });

  it('name their zone in every Chinese mail, customer and staff, as Beijing time', () => {
    const mails = everyMail(chinese, 'supervisor.wang', 'Asia/Shanghai');
    const times = mails.flatMap((m) => timesIn(m.text));
    expect(times.length).toBeGreaterThan(mails.length);
    for (const time of times) expect(time).toMatch(/^\d{2}:\d{2} \(北京时间 GMT\+8\)/);
  });

  it('name another zone an operator chooses, with its own offset', () => {
    const mails = everyMail(english, 'manager.sun', 'Asia/Kolkata');
    for (const time of mails.flatMap((m) => timesIn(m.text))) {
      expect(time).toMatch(/^\d{2}:\d{2} India Standard Time \(GMT\+5:30\)/);
    }
  });
});
