import { describe, expect, it } from 'vitest';
import { LinkExpiredError, NotFoundError } from '../../shared/errors/index.js';
import { signCustomerLink, verifyCustomerLink } from '../../shared/links/status-link.js';
import type { Complaint } from '../../shared/model/complaint.js';
import { formatTicketNumber } from '../../shared/model/ticket.js';
import { acknowledgementMail } from '../../shared/templates/acknowledgement.js';
import { escapeHtml, html } from '../../shared/templates/html.js';

const secret = new TextEncoder().encode('a-test-secret-that-is-long-enough-0123456789');
const now = new Date('2026-11-24T02:00:00Z');

describe('customer status links', () => {
  const sign = (complaintId: string, expiresAt: Date, key = secret) =>
    signCustomerLink({ complaintId, purpose: 'status', baseUrl: 'https://cl.example.com/', expiresAt, secret: key });

  it('lead to the one complaint they were made for', async () => {
    const expiresAt = new Date(now.getTime() + 86_400_000);
    const link = await sign('c-1', expiresAt);
    expect(link.url).toBe(`https://cl.example.com/status/${link.token}`);
    await expect(verifyCustomerLink(link.token, 'status', secret, now)).resolves.toEqual({
      complaintId: 'c-1',
      expiresAt,
    });
  });

  it('stop working when they expire, and say so', async () => {
    const link = await sign('c-1', new Date(now.getTime() + 60_000));
    const later = new Date(now.getTime() + 120_000);
    await expect(verifyCustomerLink(link.token, 'status', secret, later)).rejects.toBeInstanceOf(LinkExpiredError);
  });

  it('reveal nothing when tampered with, forged, or used for another purpose', async () => {
    const link = await sign('c-1', new Date(now.getTime() + 86_400_000));
    const [header, payload, signature] = link.token.split('.');
    const otherPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: 'c-2' }),
    ).toString('base64url');
    await expect(
      verifyCustomerLink(`${header}.${otherPayload}.${signature}`, 'status', secret, now),
    ).rejects.toBeInstanceOf(NotFoundError);
    const forged = await sign('c-2', new Date(now.getTime() + 86_400_000), new TextEncoder().encode('x'.repeat(40)));
    await expect(verifyCustomerLink(forged.token, 'status', secret, now)).rejects.toBeInstanceOf(NotFoundError);
    await expect(verifyCustomerLink(link.token, 'survey', secret, now)).rejects.toBeInstanceOf(NotFoundError);
    await expect(verifyCustomerLink('garbage', 'status', secret, now)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('ticket numbers', () => {
  it('read as month of receipt and sequence', () => {
    expect(formatTicketNumber('202611', 7)).toBe('202611-0007');
    expect(formatTicketNumber('202611', 10_000)).toBe('202611-10000');
    expect(() => formatTicketNumber('2026-11', 1)).toThrow();
    expect(() => formatTicketNumber('202611', 0)).toThrow();
  });
});

describe('HTML escaping', () => {
  it('escapes every interpolated value and keeps our own markup', () => {
    const name = `<img src=x onerror="alert('x')">`;
    expect(html`<p>${name}</p>`.value).toBe('<p>&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;</p>');
    expect(html`<ul>${[html`<li>${'a&b'}</li>`]}</ul>`.value).toBe('<ul><li>a&amp;b</li></ul>');
    expect(escapeHtml('`')).toBe('&#96;');
  });
});

function complaint(overrides: Partial<Complaint> = {}): Complaint {
  return {
    id: 'c-1',
    ticketNumber: '202611-0042',
    status: 'received',
    grade: 'P3',
    gradeReasons: [],
    category: 'logistics',
    department: 'supply_chain',
    routingReasons: [],
    customer: { name: 'Ann <b>Lee</b>', email: 'ann@example.com', tier: 'standard', locale: 'en' },
    channel: 'web',
    description: 'Parcel is late <script>alert(1)</script>',
    receivedAt: '2026-09-30T09:00:00.000Z',
    deadlines: {
      assign: '2026-09-30T11:00:00.000Z',
      firstContact: '2026-10-08T09:00:00.000Z',
      solution: '2026-10-09T09:00:00.000Z',
      resolve: '2026-10-10T09:00:00.000Z',
    },
    version: 1,
    updatedAt: '2026-09-30T09:00:00.000Z',
    ...overrides,
  };
}

describe('the acknowledgement mail', () => {
  const statusUrl = 'https://cl.example.com/status/abc';

  it('tells an English customer the ticket number, what happens next, by when, and the status link', () => {
    const mail = acknowledgementMail({ complaint: complaint(), statusUrl, timezone: 'Asia/Shanghai' });
    expect(mail.to).toBe('ann@example.com');
    expect(mail.subject).toBe('We have received your complaint (202611-0042)');
    expect(mail.text).toContain('202611-0042');
    expect(mail.text).toContain('A named case owner will contact you by 8 Oct 2026 17:00 China Standard Time (GMT+8).');
    expect(mail.text).toContain('We aim to have it resolved by 10 Oct 2026 17:00 China Standard Time (GMT+8).');
    expect(mail.text).toContain(statusUrl);
    expect(mail.html).toContain(`href="${statusUrl}"`);
  });

  it('writes to a Chinese customer in Chinese, with Beijing time', () => {
    const mail = acknowledgementMail({
      complaint: complaint({ customer: { name: '李娜', email: 'li@example.com', tier: 'standard', locale: 'zh-CN' } }),
      statusUrl,
      timezone: 'Asia/Shanghai',
    });
    expect(mail.subject).toBe('您的投诉已受理（编号 202611-0042）');
    expect(mail.text).toContain('尊敬的李娜：');
    expect(mail.text).toContain('专属负责人将在 2026-10-08 17:00 (北京时间 GMT+8) 前与您联系。');
    expect(mail.text).toContain('关于您反馈的物流配送问题，我们已经详细记录，将尽快为您核实处理。');
    expect(mail.text).toContain('我们深表歉意');
  });

  const chinese = { name: '李娜', email: 'li@example.com', tier: 'standard' as const, locale: 'zh-CN' as const };
  const question = { grade: 'P4' as const, category: 'after_sales' as const, department: 'customer_service' as const };

  it('answers a question rather than apologising for it, in English and in Chinese', () => {
    const en = acknowledgementMail({ complaint: complaint(question), statusUrl, timezone: 'Asia/Shanghai' });
    expect(en.subject).toBe('We have received your question (202611-0042)');
    expect(en.text).toContain('Thank you for your question about after-sales service.');
    expect(en.text).toContain('We aim to answer it by 10 Oct 2026 17:00 China Standard Time (GMT+8).');
    expect(en.text).not.toMatch(/sorry|complaint/i);
    const zh = acknowledgementMail({
      complaint: complaint({ ...question, customer: chinese }),
      statusUrl,
      timezone: 'Asia/Shanghai',
    });
    expect(zh.subject).toBe('您的咨询已受理（编号 202611-0042）');
    expect(zh.text).toContain('感谢您就售后服务方面的问题向我们咨询');
    expect(zh.text).toContain('我们力争在 2026-10-10 17:00 (北京时间 GMT+8) 前答复您。');
    expect(zh.text).not.toMatch(/歉意|投诉/);
  });

  it('thanks a customer for a suggestion, in English and in Chinese', () => {
    const suggestion = { grade: 'P4' as const, category: 'feature_request' as const, department: 'product' as const };
    const en = acknowledgementMail({ complaint: complaint(suggestion), statusUrl, timezone: 'Asia/Shanghai' });
    expect(en.subject).toBe('We have received your suggestion (202611-0042)');
    expect(en.text).toContain('Thank you for your suggestion.');
    expect(en.text).not.toMatch(/sorry|problem|complaint/i);
    const zh = acknowledgementMail({
      complaint: complaint({ ...suggestion, customer: chinese }),
      statusUrl,
      timezone: 'Asia/Shanghai',
    });
    expect(zh.subject).toBe('您的建议已收到（编号 202611-0042）');
    expect(zh.text).toContain('感谢您向我们提出宝贵建议');
    expect(zh.text).not.toMatch(/歉意|投诉/);
  });

  it('speaks of an "other" complaint as the problem the customer reported, never "your other problem"', () => {
    const other = { category: 'other' as const, department: 'customer_service' as const };
    const en = acknowledgementMail({ complaint: complaint(other), statusUrl, timezone: 'Asia/Shanghai' });
    expect(en.text).toContain('Thank you for telling us about the problem you had. We are sorry for the trouble.');
    expect(en.text).not.toContain('other');
    const zh = acknowledgementMail({
      complaint: complaint({ ...other, customer: chinese }),
      statusUrl,
      timezone: 'Asia/Shanghai',
    });
    expect(zh.text).toContain('关于您反馈的问题，我们已经详细记录');
    expect(zh.text).not.toContain('其他');
  });

  it('escapes the customer’s name in the HTML and keeps customer words out of the subject', () => {
    const mail = acknowledgementMail({ complaint: complaint(), statusUrl, timezone: 'Asia/Shanghai' });
    expect(mail.html).toContain('Ann &lt;b&gt;Lee&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>Lee</b>');
    expect(mail.subject).not.toContain('Ann');
    expect(mail.html).not.toContain('<script>');
  });
});
