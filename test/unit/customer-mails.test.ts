import { describe, expect, it } from 'vitest';
import type { Complaint, Customer } from '../../shared/model/complaint.js';
import type { OutgoingMail } from '../../shared/ports/index.js';
import {
  closedMail,
  infoRequestMail,
  progressMail,
  reopenedMail,
  resultMail,
  surveyMail,
  surveyReminderMail,
} from '../../shared/templates/customer-mails.js';
import { aComplaint } from '../support/complaint-factory.js';

const timezone = 'Asia/Shanghai';
const statusUrl = 'https://cl.example.com/status/tok-status';
const surveyUrl = 'https://cl.example.com/survey/tok-survey';
const hostile = '<img src=x onerror="alert(1)">';

const english: Customer = { name: 'Ann Lee', email: 'ann@example.com', tier: 'standard', locale: 'en' };
const chinese: Customer = { name: '李娜', email: 'li@example.com', tier: 'standard', locale: 'zh-CN' };

// Deadlines fall on 10:00, 10:00, 10:00 and 18:00 Beijing time; the tests read them as the customer does.
function complaint(customer: Customer, overrides: Partial<Complaint> = {}): Complaint {
  return aComplaint({
    ticketNumber: '202611-0042',
    category: 'billing',
    department: 'finance',
    customer,
    receivedAt: '2026-11-20T02:00:00.000Z',
    deadlines: {
      assign: '2026-11-20T04:00:00.000Z',
      firstContact: '2026-11-23T02:00:00.000Z',
      solution: '2026-11-24T02:00:00.000Z',
      resolve: '2026-11-25T10:00:00.000Z',
    },
    ...overrides,
  });
}

const inCharge = { ownerId: 'agent.li', assignedAt: '2026-11-20T03:00:00.000Z' };

describe('the 24-hour progress mail', () => {
  it('tells an English customer, when the owner wrote nothing, that we are still on it, who owns it and what comes next by when', () => {
    const mail = progressMail({
      complaint: complaint(english, inCharge),
      automatic: true,
      ownerName: 'Li Na',
      statusUrl,
      timezone,
    });
    expect(mail.to).toBe('ann@example.com');
    expect(mail.subject).toBe('An update on your complaint (202611-0042)');
    expect(mail.text).toContain('We are still working on your billing complaint 202611-0042');
    expect(mail.text).toContain('Your case owner is Li Na.');
    expect(mail.text).toContain('Your case owner will contact you by 23 Nov 2026 10:00 China Standard Time (GMT+8).');
    expect(mail.text).toContain(statusUrl);
    expect(mail.html).toContain(`href="${statusUrl}"`);
    expect(mail.tags).toEqual({ kind: 'progress', ticket: '202611-0042' });
  });

  it('tells a Chinese customer the same in Chinese, in Beijing time', () => {
    const mail = progressMail({
      complaint: complaint(chinese, inCharge),
      automatic: true,
      ownerName: '李娜',
      statusUrl,
      timezone,
    });
    expect(mail.subject).toBe('您的投诉处理进展（编号 202611-0042）');
    expect(mail.text).toContain('尊敬的李娜：');
    expect(mail.text).toContain('我们仍在处理您关于账单费用的投诉（编号 202611-0042）');
    expect(mail.text).toContain('您的专属负责人是李娜。');
    expect(mail.text).toContain('您的专属负责人将在 2026-11-23 10:00 (北京时间 GMT+8) 前与您联系。');
  });

  it('sends a letter the owner started from a template as it is, with one salutation and the status link after it', () => {
    const letter = 'Dear Ann,\n\nWe are sorry about the double charge.\n\nLi Na';
    const mail = progressMail({
      complaint: complaint(english, inCharge),
      automatic: false,
      message: letter,
      letter: true,
      ownerName: 'Li Na',
      statusUrl,
      timezone,
    });
    expect(mail.text.match(/Dear /g)).toHaveLength(1);
    expect(mail.text.startsWith('Dear Ann,')).toBe(true);
    expect(mail.text).toContain('We are sorry about the double charge.');
    expect(mail.text).toContain(statusUrl);
    expect(mail.subject).toBe('An update on your complaint (202611-0042)');
  });

  it('does not name an owner nobody has been assigned yet, and says one is being assigned', () => {
    const mail = progressMail({ complaint: complaint(english), automatic: true, statusUrl, timezone });
    expect(mail.text).not.toContain('Your case owner is');
    expect(mail.text).toContain(
      'We are assigning a named case owner, who will contact you by 23 Nov 2026 10:00 China Standard Time (GMT+8).',
    );
  });

  it.each([
    {
      stage: 'a solution is due',
      changes: { firstContactAt: '2026-11-21T02:00:00.000Z' },
      promise: 'tell you about it by 24 Nov 2026 10:00 China Standard Time (GMT+8)',
    },
    {
      stage: 'the solution waits for approval',
      changes: {
        firstContactAt: '2026-11-21T02:00:00.000Z',
        solution: {
          summary: 'Refund',
          proposedAt: '2026-11-22T02:00:00.000Z',
          proposedBy: 'agent.li',
          approval: 'pending' as const,
        },
      },
      promise: 'resolved by 25 Nov 2026 18:00 China Standard Time (GMT+8)',
    },
    {
      stage: 'we wait for the customer’s information',
      changes: {
        firstContactAt: '2026-11-21T02:00:00.000Z',
        status: 'awaiting_customer' as const,
        infoRequest: {
          question: 'Photo?',
          requestedAt: '2026-11-21T03:00:00.000Z',
          requestedBy: 'agent.li',
          limitAt: '2026-11-26T02:00:00.000Z',
        },
      },
      promise: 'please send it by 26 Nov 2026 10:00 China Standard Time (GMT+8)',
    },
  ])('says what comes next when $stage', ({ changes, promise }) => {
    const mail = progressMail({
      complaint: complaint(english, { ...inCharge, ...changes }),
      automatic: true,
      statusUrl,
      timezone,
    });
    expect(mail.text).toContain(promise);
  });

  it('promises the escalated deadline once the original one has been missed', () => {
    const mail = progressMail({
      complaint: complaint(english, {
        ...inCharge,
        escalation: { step: 'await_contact', level: 1, deadline: '2026-11-23T06:00:00.000Z' },
      }),
      automatic: true,
      statusUrl,
      timezone,
    });
    expect(mail.text).toContain('contact you by 23 Nov 2026 14:00 China Standard Time (GMT+8)');
    expect(mail.text).not.toContain('10:00 AM');
  });

  it('passes on the owner’s own update line by line, escaped in the HTML and word for word in the text', () => {
    const message = `We found the double charge.\r\nRefund: ${hostile}\nThanks`;
    const mail = progressMail({
      complaint: complaint(english, inCharge),
      automatic: false,
      message,
      ownerName: 'Li Na',
      statusUrl,
      timezone,
    });
    expect(mail.text).toContain('Your case owner, Li Na, has an update on your complaint 202611-0042:');
    expect(mail.text).toContain(`We found the double charge.\nRefund: ${hostile}\nThanks`);
    expect(mail.text).not.toContain('still working');
    expect(mail.html).toContain(
      'We found the double charge.<br>Refund: &lt;img src=x onerror=&quot;alert(1)&quot;&gt;<br>Thanks',
    );
    expect(mail.html).not.toContain('<img');
  });
});

describe('the request for information', () => {
  const question = 'Please send a photo of the invoice.\nBoth pages.';

  it('asks an English customer the owner’s question, where to answer and by when the clock waits', () => {
    const mail = infoRequestMail({
      complaint: complaint(english, inCharge),
      question,
      replyUrl: statusUrl,
      limitAt: '2026-11-26T02:00:00.000Z',
      timezone,
    });
    expect(mail.subject).toBe('We need some information about your complaint (202611-0042)');
    expect(mail.text).toContain('To continue with your complaint 202611-0042');
    expect(mail.text).toContain(question);
    expect(mail.text).toContain(
      `Please answer by 26 Nov 2026 10:00 China Standard Time (GMT+8) on this page:\n${statusUrl}`,
    );
    expect(mail.text).toContain('the clock on your complaint is paused');
    expect(mail.html).toContain(`href="${statusUrl}"`);
  });

  it('asks a Chinese customer in Chinese', () => {
    const mail = infoRequestMail({
      complaint: complaint(chinese, inCharge),
      question: '请提供发票照片。',
      replyUrl: statusUrl,
      limitAt: '2026-11-26T02:00:00.000Z',
      timezone,
    });
    expect(mail.subject).toBe('请补充您的投诉信息（编号 202611-0042）');
    expect(mail.text).toContain('请提供发票照片。');
    expect(mail.text).toContain('请在 2026-11-26 10:00 (北京时间 GMT+8) 前通过以下页面回复：');
    expect(mail.text).toContain('处理时限暂停计算');
  });
});

describe('the result letter', () => {
  const resolved = {
    ...inCharge,
    firstContactAt: '2026-11-21T02:00:00.000Z',
    status: 'resolved' as const,
    resolvedAt: '2026-11-24T08:30:00.000Z',
    solution: {
      summary: 'We refund the second charge to your card.',
      remedy: 'refund' as const,
      amount: 1280,
      proposedAt: '2026-11-22T02:00:00.000Z',
      proposedBy: 'agent.li',
      approval: 'approved' as const,
    },
  };
  // What the owner wrote on resolving: what has been done, not what was found.
  const summary = 'The second charge was refunded to your card on 24 November.';
  const sentAt = '2026-11-25T01:00:00.000Z';
  const question = { grade: 'P4' as const, category: 'after_sales' as const, department: 'customer_service' as const };
  const answered = { ...inCharge, status: 'resolved' as const, resolvedAt: '2026-11-24T08:30:00.000Z' };
  const answer = 'Hold the reset button for five seconds until the light blinks twice.';

  const inOrder = (text: string, parts: string[]) => {
    const positions = parts.map((part) => text.indexOf(part));
    expect(positions.map((p, i) => (p >= 0 ? p : `missing: ${parts[i]}`))).toEqual(
      [...positions].sort((x, y) => x - y),
    );
  };

  it('follows the explanation letter for an English billing complaint: apology, solution with its money, what was done, contact, sign-off, date', () => {
    const mail = resultMail({
      complaint: complaint(english, resolved),
      summary,
      statusUrl,
      sentAt,
      ownerName: 'Li Na',
      timezone,
    });
    expect(mail.subject).toBe('The result of your complaint (202611-0042)');
    inOrder(mail.text, [
      'Thank you for contacting us on 20 November 2026 about your billing problem (complaint 202611-0042).',
      'We are sorry for the trouble it has caused you.',
      'Our solution:',
      'We refund the second charge to your card.',
      'Remedy: Refund',
      'Amount: CNY 1,280.00',
      'What we have done:',
      summary,
      'Completed on: 24 Nov 2026 16:30 China Standard Time (GMT+8)',
      'reply to this email quoting 202611-0042, or ask your case owner, Li Na.',
      statusUrl,
      'Kind regards,',
      'Customer Care',
      '25 November 2026',
    ]);
    expect(mail.text).not.toContain('What we found');
  });

  it('follows the same letter in Chinese, in Beijing time, with the amount in yuan', () => {
    const mail = resultMail({ complaint: complaint(chinese, resolved), summary, statusUrl, sentAt, timezone });
    expect(mail.subject).toBe('您的投诉处理结果（编号 202611-0042）');
    inOrder(mail.text, [
      '感谢您于2026年11月20日就账单费用问题（投诉编号 202611-0042）与我们联系。',
      '给您带来的不便，我们深表歉意。',
      '处理方案：',
      'We refund the second charge to your card.',
      '处理方式：退款',
      '金额：¥1,280.00',
      '处理结果：',
      summary,
      '完成时间：2026-11-24 16:30 (北京时间 GMT+8)',
      '顺祝商祺！\n\n客户关怀中心\n\n2026年11月25日',
    ]);
    expect(mail.text).not.toContain('核查结果');
  });

  it('gives an amount in the currency it is in', () => {
    const en = resultMail({ complaint: complaint(english, resolved), summary, statusUrl, currency: 'USD', timezone });
    const zh = resultMail({ complaint: complaint(chinese, resolved), summary, statusUrl, currency: 'USD', timezone });
    expect(en.text).toContain('Amount: USD 1,280.00');
    expect(zh.text).toContain('金额：US$1,280.00');
  });

  it('opens with the apology letter’s words for a service or delivery complaint', () => {
    const en = resultMail({
      complaint: complaint(english, { ...resolved, category: 'logistics' }),
      summary,
      statusUrl,
      sentAt,
      timezone,
    });
    const zh = resultMail({
      complaint: complaint(chinese, { ...resolved, category: 'service' }),
      summary,
      statusUrl,
      sentAt,
      timezone,
    });
    expect(en.text).toContain('Regarding the delivery problem you reported on 20 November 2026');
    expect(en.text).toContain('We are sincerely sorry');
    expect(zh.text).toContain('关于您于2026年11月20日反馈的服务体验问题');
    expect(zh.text).toContain('我们深表歉意');
  });

  it('answers an English question without apologising: our answer, how to ask more, no complaint', () => {
    const mail = resultMail({
      complaint: complaint(english, { ...question, ...answered }),
      summary: answer,
      statusUrl,
      sentAt,
      timezone,
    });
    expect(mail.subject).toBe('Our answer to your question (202611-0042)');
    inOrder(mail.text, [
      'Thank you for your question of 20 November 2026 about after-sales service (reference 202611-0042). Here is our answer.',
      'Our answer:',
      answer,
      'If anything is still unclear, reply to this email quoting 202611-0042.',
      'We will shortly ask you whether our answer helped.',
    ]);
    expect(mail.text).not.toMatch(/sorry|complaint|What we have done/i);
  });

  it('answers a Chinese question without apologising', () => {
    const mail = resultMail({
      complaint: complaint(chinese, { ...question, ...answered }),
      summary: answer,
      statusUrl,
      sentAt,
      timezone,
    });
    expect(mail.subject).toBe('您的咨询答复（编号 202611-0042）');
    inOrder(mail.text, [
      '感谢您于2026年11月20日就售后服务方面的问题（编号 202611-0042）向我们咨询，现答复如下。',
      '答复内容：',
      answer,
      '如仍有疑问，请直接回复本邮件并注明编号 202611-0042。',
    ]);
    expect(mail.text).not.toMatch(/歉意|投诉/);
  });

  it('thanks a customer for a suggestion rather than apologising, in both languages', () => {
    const suggestion = { ...answered, grade: 'P4' as const, category: 'feature_request' as const };
    const en = resultMail({ complaint: complaint(english, suggestion), summary: answer, statusUrl, timezone });
    const zh = resultMail({ complaint: complaint(chinese, suggestion), summary: answer, statusUrl, timezone });
    expect(en.subject).toBe('Our reply to your suggestion (202611-0042)');
    expect(en.text).toContain('Thank you for the suggestion you sent us on 20 November 2026');
    expect(en.text).not.toMatch(/sorry|complaint/i);
    expect(zh.subject).toBe('您的建议答复（编号 202611-0042）');
    expect(zh.text).toContain('感谢您于2026年11月20日向我们提出宝贵建议');
    expect(zh.text).not.toMatch(/歉意|投诉/);
  });

  it('apologises for an "other" complaint as the problem the customer reported, never "your other problem"', () => {
    const other = { ...resolved, category: 'other' as const, department: 'customer_service' as const };
    const en = resultMail({ complaint: complaint(english, other), summary, statusUrl, sentAt, timezone });
    const zh = resultMail({ complaint: complaint(chinese, other), summary, statusUrl, sentAt, timezone });
    expect(en.text).toContain('about the problem you reported (complaint 202611-0042). We are sorry');
    expect(en.text).not.toContain('other problem');
    expect(zh.text).toContain('就您反馈的问题（投诉编号 202611-0042）与我们联系。给您带来的不便，我们深表歉意。');
    expect(zh.text).not.toContain('其他');
  });

  it('gives the date a remedy still under way will be completed by', () => {
    const mail = resultMail({
      complaint: complaint(english, resolved),
      summary,
      statusUrl,
      sentAt,
      remedyBy: '2026-11-27T02:00:00.000Z',
      timezone,
    });
    expect(mail.text).toContain('To be completed by: 27 Nov 2026 10:00 China Standard Time (GMT+8)');
    expect(mail.text).not.toContain('Completed on');
  });
});

describe('the other letters for a question', () => {
  const question = {
    ...inCharge,
    grade: 'P4' as const,
    category: 'after_sales' as const,
    department: 'customer_service' as const,
  };

  it('speak of a question, never of a complaint, from progress to closing', () => {
    for (const customer of [english, chinese]) {
      const c = complaint(customer, question);
      const closed = complaint(customer, { ...question, status: 'closed', closedAt: '2026-11-30T02:00:00.000Z' });
      const mails = [
        progressMail({ complaint: c, automatic: true, statusUrl, timezone }),
        infoRequestMail({
          complaint: c,
          question: 'Model?',
          replyUrl: statusUrl,
          limitAt: c.deadlines.resolve,
          timezone,
        }),
        surveyMail({ complaint: c, surveyUrl, closesAt: '2026-11-30T02:00:00.000Z', timezone }),
        surveyReminderMail({ complaint: c, surveyUrl, closesAt: '2026-11-30T02:00:00.000Z', timezone }),
        closedMail({ complaint: closed, reason: 'no_survey_answer', timezone }),
      ];
      for (const mail of mails) {
        expect(`${mail.subject}\n${mail.text}`).not.toMatch(/complaint|投诉|sorry|歉意/i);
      }
    }
    const en = progressMail({ complaint: complaint(english, question), automatic: true, statusUrl, timezone });
    expect(en.text).toContain('We are still working on your after-sales service question 202611-0042.');
    const survey = surveyMail({ complaint: complaint(chinese, question), surveyUrl, timezone });
    expect(survey.subject).toBe('请您评价本次咨询答复（编号 202611-0042）');
    expect(survey.text).toContain('关于您之前的咨询（编号 202611-0042），我们已作答复。');
  });
});

describe('the satisfaction survey', () => {
  const closesAt = '2026-11-30T02:00:00.000Z';
  const awaiting = { ...inCharge, status: 'awaiting_survey' as const, resolvedAt: '2026-11-24T08:30:00.000Z' };

  it('asks an English customer for a 1-5 score and a verdict, on the survey page, by when', () => {
    const mail = surveyMail({ complaint: complaint(english, awaiting), surveyUrl, closesAt, timezone });
    expect(mail.subject).toBe('How did we do? Your complaint (202611-0042)');
    expect(mail.text).toContain('Your billing complaint 202611-0042 has been resolved.');
    expect(mail.text).toContain('a score from 1 (very poor) to 5 (excellent)');
    expect(mail.text).toContain('satisfied, basically satisfied or dissatisfied');
    expect(mail.text).toContain('If the problem is not fixed');
    expect(mail.text).toContain('Please answer by 30 Nov 2026 10:00 China Standard Time (GMT+8)');
    expect(mail.html).toContain(`href="${surveyUrl}"`);
    expect(mail.tags?.kind).toBe('survey');
  });

  it('asks a Chinese customer in Chinese', () => {
    const mail = surveyMail({ complaint: complaint(chinese, awaiting), surveyUrl, closesAt, timezone });
    expect(mail.subject).toBe('请您评价本次投诉处理（编号 202611-0042）');
    expect(mail.text).toContain('“满意”、“基本满意”或“不满意”');
    expect(mail.text).toContain('请在 2026-11-30 10:00 (北京时间 GMT+8) 前完成评价');
    expect(mail.text).toContain(surveyUrl);
  });

  it('reminds the customer, saying when the complaint will close on its own', () => {
    const en = surveyReminderMail({ complaint: complaint(english, awaiting), surveyUrl, closesAt, timezone });
    const zh = surveyReminderMail({ complaint: complaint(chinese, awaiting), surveyUrl, closesAt, timezone });
    expect(en.subject).toBe('Reminder: how did we do? Your complaint (202611-0042)');
    expect(en.text).toContain(
      'If we do not hear from you, the complaint will close automatically on 30 Nov 2026 10:00 China Standard Time (GMT+8).',
    );
    expect(en.text).toContain(surveyUrl);
    expect(en.tags?.kind).toBe('survey_reminder');
    expect(zh.subject).toBe('提醒：请您评价本次投诉处理（编号 202611-0042）');
    expect(zh.text).toContain('该投诉将于 2026-11-30 10:00 (北京时间 GMT+8) 自动结案');
  });
});

describe('the reopened mail', () => {
  const followUpBy = '2026-11-27T02:00:00.000Z';

  it('tells the customer we heard them, a supervisor now oversees it, and when we follow up', () => {
    const en = reopenedMail({
      complaint: complaint(english, { ...inCharge, status: 'reopened', reopenCount: 1, grade: 'P2' }),
      statusUrl,
      followUpBy,
      overseerName: 'Wang Fang',
      timezone,
    });
    expect(en.subject).toBe('Your complaint has been reopened (202611-0042)');
    expect(en.text).toContain('not satisfied with how your complaint 202611-0042 was handled');
    expect(en.text).toContain('Wang Fang, a supervisor, now oversees it personally.');
    expect(en.text).toContain('We will follow up with you by 27 Nov 2026 10:00 China Standard Time (GMT+8).');
    expect(en.html).toContain(`href="${statusUrl}"`);

    const zh = reopenedMail({
      complaint: complaint(chinese, { ...inCharge, status: 'reopened', reopenCount: 1 }),
      statusUrl,
      followUpBy,
      overseerName: '王芳',
      timezone,
    });
    expect(zh.subject).toBe('您的投诉已重新处理（编号 202611-0042）');
    expect(zh.text).toContain('现由主管王芳亲自督办。');
    expect(zh.text).toContain('我们将在 2026-11-27 10:00 (北京时间 GMT+8) 前再次与您跟进。');
  });

  it('puts a manager in charge after the second reopen', () => {
    const mail = reopenedMail({
      complaint: complaint(english, { ...inCharge, status: 'reopened', reopenCount: 2 }),
      statusUrl,
      followUpBy,
      timezone,
    });
    expect(mail.text).toContain('A manager now oversees it personally.');
  });
});

describe('the closing mail', () => {
  const closed = { ...inCharge, status: 'closed' as const, closedAt: '2026-11-30T02:00:00.000Z' };

  it('thanks a customer who answered the survey', () => {
    const en = closedMail({ complaint: complaint(english, closed), reason: 'survey_answered', timezone });
    const zh = closedMail({ complaint: complaint(chinese, closed), reason: 'survey_answered', timezone });
    expect(en.subject).toBe('Your complaint is closed (202611-0042)');
    expect(en.text).toContain(
      'Thank you for your feedback. Your complaint 202611-0042 has been closed on 30 Nov 2026 10:00 China Standard Time (GMT+8).',
    );
    expect(zh.subject).toBe('您的投诉已结案（编号 202611-0042）');
    expect(zh.text).toContain(
      '感谢您的评价。您的投诉（编号 202611-0042）已于 2026-11-30 10:00 (北京时间 GMT+8) 结案。',
    );
  });

  it('says a complaint without a survey answer was closed as resolved, and how to come back', () => {
    const en = closedMail({ complaint: complaint(english, closed), reason: 'no_survey_answer', timezone });
    const zh = closedMail({ complaint: complaint(chinese, closed), reason: 'no_survey_answer', timezone });
    expect(en.text).toContain('We did not receive an answer to our satisfaction survey');
    expect(en.text).toContain('closed as resolved on 30 Nov 2026 10:00 China Standard Time (GMT+8)');
    expect(en.text).toContain('reply to this email quoting 202611-0042');
    expect(zh.text).toContain('我们未收到您的满意度评价');
    expect(zh.text).toContain('已于 2026-11-30 10:00 (北京时间 GMT+8) 按已解决结案');
  });
});

describe('customer text in customer mails', () => {
  const spoofName = `Eve\r\nBcc: everyone@example.com\r\n${hostile}`;
  const spoofDescription = `Refund me\r\nSubject: you won ${hostile}`;
  const mails: [string, (c: Complaint) => OutgoingMail][] = [
    ['progress (automatic)', (c) => progressMail({ complaint: c, automatic: true, statusUrl, timezone })],
    [
      'progress (owner update)',
      (c) => progressMail({ complaint: c, automatic: false, message: spoofDescription, statusUrl, timezone }),
    ],
    [
      'information request',
      (c) =>
        infoRequestMail({
          complaint: c,
          question: 'Invoice?',
          replyUrl: statusUrl,
          limitAt: '2026-11-26T02:00:00.000Z',
          timezone,
        }),
    ],
    [
      'result',
      (c) =>
        resultMail({
          complaint: c,
          summary: spoofDescription,
          statusUrl,
          sentAt: '2026-11-25T01:00:00.000Z',
          timezone,
        }),
    ],
    ['survey', (c) => surveyMail({ complaint: c, surveyUrl, timezone })],
    [
      'survey reminder',
      (c) => surveyReminderMail({ complaint: c, surveyUrl, closesAt: '2026-11-30T02:00:00.000Z', timezone }),
    ],
    ['reopened', (c) => reopenedMail({ complaint: c, statusUrl, followUpBy: '2026-11-27T02:00:00.000Z', timezone })],
    ['closed', (c) => closedMail({ complaint: c, reason: 'no_survey_answer', timezone })],
  ];

  describe.each([english, chinese])('in $locale', (customer) => {
    it.each(mails)('never reach the subject of the %s mail, and are escaped in its HTML', (_kind, build) => {
      const mail = build(
        complaint({ ...customer, name: spoofName }, { ...inCharge, description: spoofDescription, subject: hostile }),
      );
      expect(mail.subject).toContain('202611-0042');
      expect(mail.subject).not.toMatch(/[\r\n<>]/);
      for (const fragment of ['Eve', 'Bcc', 'Refund me', 'Subject:', 'img'])
        expect(mail.subject).not.toContain(fragment);
      expect(mail.html).not.toContain('<img');
      expect(mail.html).toContain('Eve\r\nBcc: everyone@example.com\r\n&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
      expect(mail.text).toContain(spoofName);
      expect(mail.to).toBe(customer.email);
    });
  });
});
