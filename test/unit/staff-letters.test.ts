import { describe, expect, it } from 'vitest';
import type { Complaint } from '../../shared/model/complaint.js';
import { draftLetter, LETTER_KINDS, type LetterKind } from '../../shared/templates/staff-letters.js';
import { aComplaint } from '../support/complaint-factory.js';
import { demoStaff } from '../support/staff.js';

const owner = demoStaff.find((s) => s.id === 'agent.li')!;
const now = new Date('2026-11-25T16:30:00Z'); // 26 November in Beijing, still the 25th in UTC

function complaint(overrides: Partial<Complaint> = {}): Complaint {
  return aComplaint({
    ticketNumber: '202611-0042',
    grade: 'P2',
    category: 'billing',
    department: 'finance',
    ownerId: 'agent.li',
    customer: { name: '王芳', email: 'wang@example.com', tier: 'standard', locale: 'zh-CN' },
    subject: '重复扣费',
    orderNumber: 'DD20261120001',
    // 23:30 UTC on the 19th is the 20th in Beijing: a date taken in UTC would be a day early.
    receivedAt: '2026-11-19T23:30:00.000Z',
    deadlines: {
      assign: '2026-11-20T00:30:00.000Z',
      firstContact: '2026-11-20T03:30:00.000Z',
      solution: '2026-11-20T23:30:00.000Z',
      resolve: '2026-11-21T23:30:00.000Z',
    },
    ...overrides,
  });
}
const draft = (kind: LetterKind, c: Complaint = complaint(), locale?: 'en' | 'zh-CN') =>
  draftLetter(kind, { complaint: c, staff: owner, now, timeZone: 'Asia/Shanghai', ...(locale ? { locale } : {}) });

describe('the letters an owner replies from', () => {
  it.each(LETTER_KINDS)(
    'drafts the %s letter in the customer’s language, greeting them and signed by the owner with today’s date',
    (kind) => {
      const zh = draft(kind);
      expect(zh).toMatchObject({ kind, locale: 'zh-CN' });
      expect(zh.text.startsWith('尊敬的王芳：\n\n')).toBe(true);
      expect(zh.text).toContain('202611-0042');
      expect(zh.text.endsWith(`${owner.name}\n客户服务团队\n2026年11月26日`)).toBe(true);

      const en = draft(
        kind,
        complaint({
          customer: { name: 'Ann Lee', email: 'ann@example.com', tier: 'vip', locale: 'en' },
          subject: 'Charged twice',
        }),
      );
      expect(en.locale).toBe('en');
      expect(en.text.startsWith('Dear Ann Lee,\n\n')).toBe(true);
      expect(en.text.endsWith(`${owner.name}\nCustomer Service\n26 November 2026`)).toBe(true);
      expect(en.text).not.toMatch(/[\u4e00-\u9fff]/);
    },
  );

  it.each(LETTER_KINDS)('leaves the %s letter’s parts only the owner can write in clear brackets', (kind) => {
    if (kind === 'acknowledgement') return; // filled entirely from the case
    expect(draft(kind).text).toMatch(/【[^】]+】/);
    expect(draft(kind, complaint(), 'en').text).toMatch(/\[[^\]]+\]/);
  });

  it('writes the apology letter as reference 003 does: the day they told us, the topic, the cause to fill, the remedy with its timing, the contact', () => {
    const c = complaint({
      solution: {
        summary: '为您退还重复扣除的款项',
        remedy: 'refund',
        amount: 128,
        proposedAt: '2026-11-20T02:00:00.000Z',
        proposedBy: 'agent.li',
        approval: 'not_required',
      },
    });
    const text = draft('apology', c).text;
    expect(text).toContain('关于您于2026年11月20日反馈的“重复扣费”问题（投诉编号 202611-0042）');
    expect(text).toContain('我们深表歉意');
    expect(text).toContain('经核查，【请简述核查到的原因');
    expect(text).toContain(
      '我们将为您退还重复扣除的款项（退款，金额 ¥128.00），并于2026-11-22 07:30 (北京时间 GMT+8)前办理完毕',
    );
    expect(text).toContain('请直接回复本邮件');
    expect(text).toContain(`联系您的专属处理人${owner.name}`);
  });

  it('writes the explanation-and-resolution letter with the order, the finding to fill and the remedy due by the deadline, in the zone', () => {
    const text = draft('explanation', complaint(), 'en').text;
    expect(text).toContain(
      'Thank you for contacting us on 20 November 2026 about the problem “重复扣费” with order DD20261120001 (complaint 202611-0042).',
    );
    expect(text).toContain('What we found: [the cause');
    expect(text).toContain(
      'Our solution: we will [the remedy, e.g. refund the full price], completed by 22 Nov 2026 07:30 China Standard Time (GMT+8)',
    );
    expect(text).toContain('reply to this email');
  });

  it('promises the first answer by the solution deadline in the acknowledgement, and resolution by the resolve deadline in a progress letter', () => {
    expect(draft('acknowledgement').text).toContain('预计在2026-11-21 07:30 (北京时间 GMT+8)前给出初步方案');
    expect(draft('progress', complaint(), 'en').text).toContain(
      'We will have it resolved by 22 Nov 2026 07:30 China Standard Time (GMT+8)',
    );
  });

  it('greets a customer who left no name as a customer, and names the category when they gave no subject', () => {
    const c = complaint({
      customer: { phone: '+86 138 0013 8000', tier: 'standard', locale: 'zh-CN' },
      subject: undefined,
    });
    const text = draft('apology', c).text;
    expect(text.startsWith('尊敬的客户：')).toBe(true);
    expect(text).toContain('反馈的账单费用问题');
    expect(draft('apology', c, 'en').text).toContain('Regarding the billing problem you reported');
  });

  it('keeps customer text from breaking the letter: one line, no placeholder look-alikes, no invisible characters', () => {
    const c = complaint({
      customer: { name: 'Eve\r\nBcc: all@example.com\u202e', email: 'eve@example.com', tier: 'standard', locale: 'en' },
      subject: '【Ignore the cause】 [remedy] \n\nDear team, refund me',
      orderNumber: 'A\u0000B',
    });
    const text = draft('explanation', c).text;
    expect(text.startsWith('Dear Eve Bcc: all@example.com,\n\n')).toBe(true);
    expect(text).toContain('about the problem “(Ignore the cause) (remedy) Dear team, refund me” with order A B');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for control characters
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
    expect(text).not.toContain('【Ignore');
  });

  it('shortens a very long subject to stay a topic', () => {
    const text = draft('apology', complaint({ subject: '很'.repeat(200) })).text;
    expect(text).toContain(`“${'很'.repeat(59)}…”`);
  });

  it('writes in the language the owner picks when it is not the customer’s', () => {
    expect(draft('progress', complaint(), 'en')).toMatchObject({
      locale: 'en',
      text: expect.stringMatching(/^Dear 王芳,/),
    });
  });
});
